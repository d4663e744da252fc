import SQLite from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
	Kysely,
	Migrator,
	SqliteDialect,
	type MigrationProvider,
	type SqliteDatabase,
	type SqliteStatement
} from 'kysely';
import type { Database } from './schema';
import { seedDatabase } from './seed';
import { configureLinkKey } from '../link-key';
import { foldText } from '../../domain/search';
import { connectPostgres, isPostgresAddress, withoutPassword } from './postgres';
import { log } from '../log';
import { m } from '../../paraglide/messages';

export type DB = Kysely<Database>;

/** Kysely's rollback when SQLite already rolled the transaction back. */
const ROLLED_BACK: SqliteStatement = {
	reader: false,
	all: () => [],
	run: () => ({ changes: 0, lastInsertRowid: 0 }),
	*iterate() {}
};

/** How many distinct SQL texts keep their prepared statement. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew; better-sqlite3 statements are meant to be
 * reused, and preparing was a tenth of the server's time under load (a submission runs about ten
 * statements). Statements are kept by their SQL text, least recently used dropped first. Kysely
 * has no such option and no plugin does it, hence these few lines. A statement still iterating
 * (a streamed query) is never handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
	const statements = new Map<string, SQLite.Statement>();
	return {
		close: () => sqlite.close(),
		prepare(sql: string): SqliteStatement {
			// SQLite rolls a transaction back by itself after some errors (a full disk, an I/O
			// error); Kysely's own rollback then fails with "no transaction is active" and that
			// error would replace the real one. A rollback with nothing to roll back does nothing.
			if (sql === 'rollback' && !sqlite.inTransaction) return ROLLED_BACK;
			// Every transaction here writes. A deferred one starts as a reader and, when another
			// process (a second instance, the CLI) wrote meanwhile, fails at its first write with
			// SQLITE_BUSY at once — busy_timeout cannot help a reader that must become a writer.
			// Taking the write lock at the start makes it wait its turn instead.
			if (sql === 'begin') sql = 'begin immediate';
			const cached = statements.get(sql);
			if (cached && !cached.busy) {
				// Most recently used last.
				statements.delete(sql);
				statements.set(sql, cached);
				return cached;
			}
			const statement = sqlite.prepare(sql);
			if (!cached) {
				statements.set(sql, statement);
				if (statements.size > STATEMENT_CACHE_SIZE) {
					statements.delete(statements.keys().next().value!);
				}
			}
			return statement;
		}
	};
}

/**
 * An error the server cannot start past, said in one line for whoever runs it (scripts/start.js
 * prints the message alone and exits with status 1; no stack trace).
 */
export class StartupError extends Error {
	override name = 'StartupError';
}

/**
 * A write the storage refused (a full disk, a database grown to DATABASE_MAX_MB, a disk gone
 * read-only or failing): nothing was stored, and the caller should say so and keep what the user
 * typed rather than answer 500.
 */
export function isStorageFailure(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return (
		typeof code === 'string' &&
		(code === 'SQLITE_FULL' ||
			code.startsWith('SQLITE_IOERR') ||
			code.startsWith('SQLITE_READONLY') ||
			// the photos folder: full, over quota, read-only or not ours
			code === 'ENOSPC' ||
			code === 'EDQUOT' ||
			code === 'EROFS' ||
			code === 'EACCES')
	);
}

const UNREACHABLE = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EPIPE',
	// PostgreSQL shutting down or restarting, refusing connections, or at its connection limit
	'57P01',
	'57P02',
	'57P03',
	'53300',
	// connection exceptions
	'08000',
	'08001',
	'08003',
	'08004',
	'08006'
]);

/**
 * The database could not be reached (PostgreSQL stopped or restarting, the network to it cut):
 * nothing was done, and the request may be sent again in a moment — 503, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	if (typeof code === 'string' && UNREACHABLE.has(code)) return true;
	const message = error instanceof Error ? error.message : '';
	// pg's own wording when a connection ends or cannot be made in time
	return /^Connection terminated|timeout exceeded when trying to connect/i.test(message);
}

/** What a database error at start means, in one line; undefined when it is not one we know. */
export function explainDatabaseError(error: unknown, url: string | undefined): string | undefined {
	if (isPostgresAddress(url)) return explainPostgresError(error, withoutPassword(url!.trim()));
	const path = databasePath(url);
	const code = (error as { code?: unknown } | null)?.code;
	if (typeof code !== 'string') return undefined;
	if (
		code.startsWith('SQLITE_READONLY') ||
		code === 'EACCES' ||
		code === 'EPERM' ||
		code === 'EROFS'
	) {
		return m.db_readonly({ path, code });
	}
	if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
		return m.db_full({ path, code });
	}
	if (code === 'SQLITE_CANTOPEN' || code === 'ENOENT' || code === 'ENOTDIR') {
		return m.db_cannot_open({ path, code });
	}
	if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
		return m.db_not_a_database({ path, code });
	}
	return undefined;
}

function explainPostgresError(error: unknown, address: string): string | undefined {
	const code = (error as { code?: unknown } | null)?.code;
	const message = error instanceof Error ? error.message : String(error);
	if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
		return m.db_pg_unreachable({
			address,
			code: typeof code === 'string' ? code : m.db_pg_timeout()
		});
	}
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return m.db_pg_unknown_host({ address, code });
	}
	if (code === '28P01' || code === '28000') {
		return m.db_pg_login({ address, code });
	}
	if (code === '3D000') {
		return m.db_pg_no_database({ address, code });
	}
	if (code === '42501') {
		return m.db_pg_no_rights({ address, code });
	}
	if (code === '53100') {
		return m.db_pg_full({ code });
	}
	return undefined;
}

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
	migrations: MigrationProvider,
	options: { maxMb?: number; synchronous?: 'full' | 'normal'; poolSize?: number } = {}
): Promise<DB> {
	// PostgreSQL (postgres.ts): the same migrations and repositories; the unit links' key is
	// LANTOA_SECRET, which every instance shares (config.ts requires it).
	if (isPostgresAddress(url)) {
		configureLinkKey(undefined);
		const db = await connectPostgres(url!.trim(), { poolSize: options.poolSize });
		try {
			await migrateAndSeed(db, migrations);
		} catch (error) {
			await db.destroy();
			throw error;
		}
		return db;
	}
	const path = databasePath(url);
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	configureLinkKey(path);
	const sqlite = new SQLite(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// What "201 Created" promises: the report is on disk. With FULL, SQLite syncs the write-ahead
	// log at every commit, so an acknowledged report survives a power cut as well as a crash
	// (NORMAL survives a crash of the process only, and can lose the last commits on power loss).
	// The group commit shares one sync among the submissions of a turn, which keeps the cost small
	// (README, "Durability"). DATABASE_SYNC=normal trades that guarantee for speed.
	sqlite.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
	// DATABASE_MAX_MB: writes past this size fail as on a full disk (keeps the database from
	// filling the system's disk on a small machine; the same path the tests use for "disk full").
	const maxMb = options.maxMb;
	if (maxMb !== undefined && maxMb > 0) {
		const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
		sqlite.pragma(`max_page_count = ${Math.max(1, Math.floor((maxMb * 1024 * 1024) / pageSize))}`);
	}
	// Search without diacritics ("hoi thao" finds "Hội thảo"); SQLite's lower() knows only ASCII.
	// (On PostgreSQL the same function is created by a migration.)
	sqlite.function('fold_text', { deterministic: true }, (text) =>
		typeof text === 'string' ? foldText(text) : text
	);
	const db = new Kysely<Database>({
		dialect: new SqliteDialect({ database: withStatementCache(sqlite) })
	});
	await migrateAndSeed(db, migrations);
	return db;
}

async function migrateAndSeed(db: DB, migrations: MigrationProvider): Promise<void> {
	// On PostgreSQL Kysely's migrator runs in a transaction holding an advisory lock: instances
	// starting together migrate once.
	const migrator = new Migrator({ db, provider: migrations });
	const { error, results } = await migrator.migrateToLatest();
	for (const result of results ?? []) {
		if (result.status === 'Error')
			log().error(`Di chuyển dữ liệu thất bại: ${result.migrationName}`);
	}
	if (error) throw error instanceof Error ? error : new Error(String(error));
	await seedDatabase(db);
}
