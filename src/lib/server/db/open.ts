import SQLite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from 'kysely';
import type { Database } from './schema';
import { seedDatabase } from './seed';
import { configureLinkKey } from '../link-key';
import { foldText } from '../../domain/search';

export type DB = Kysely<Database>;

/** `./data/lantoa.db`, a path, `file:<path>` or `:memory:`. */
export function databasePath(url: string | undefined): string {
	const value = url?.trim() || './data/lantoa.db';
	return value.startsWith('file:') ? value.slice('file:'.length) : value;
}

/**
 * Open the database with the settings every process needs (WAL so readers never block the
 * writer, foreign keys enforced, a busy timeout so the CLI and the server can share the file),
 * migrate it and seed it. The migration provider is passed in because the app loads migrations
 * through Vite's `import.meta.glob` while the CLI (plain tsx) reads the folder.
 */
export async function openDatabase(
	url: string | undefined,
	migrations: MigrationProvider
): Promise<DB> {
	const path = databasePath(url);
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	configureLinkKey(path);
	const sqlite = new SQLite(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	// Search without diacritics ("hoi thao" finds "Hội thảo"); SQLite's lower() knows only ASCII.
	sqlite.function('fold_text', { deterministic: true }, (text) =>
		typeof text === 'string' ? foldText(text) : text
	);
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });

	const migrator = new Migrator({ db, provider: migrations });
	const { error, results } = await migrator.migrateToLatest();
	for (const result of results ?? []) {
		if (result.status === 'Error')
			console.error(`Di chuyển dữ liệu thất bại: ${result.migrationName}`);
	}
	if (error) throw error instanceof Error ? error : new Error(String(error));

	await seedDatabase(db);
	return db;
}
