import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import type { DB } from './open';
import { connectPostgres } from './postgres';
import { photoPaths } from '../photo-paths';
import { m } from '../../paraglide/messages';

// `npm run cli -- migrate-to postgres://…` (issue 13): a province that outgrows one machine moves
// its SQLite database into PostgreSQL without losing anything. Every table is copied row for row
// (ids kept, so links, sessions, the audit log and the photos' references stay as they were)
// into an empty database that the same migrations built, in one transaction — all or nothing —
// then each table is compared: the same number of rows and the same content (a SHA-256 over the
// rows in key order, on both sides). Kysely has no copy between dialects; the code is ours, and
// short because both schemas come from the same migrations.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export class MigrateError extends Error {
	override name = 'MigrateError';
}

export interface TableCopy {
	table: string;
	rows: number;
	sha256: string;
}

export interface MigrateResult {
	tables: TableCopy[];
	photos: { referenced: number; missing: string[] };
}

/** Kysely's own bookkeeping: the target's migrator writes its own. */
const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock']);

/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

interface TableInfo {
	name: string;
	columns: string[];
	keys: string[];
	parents: string[];
}

/** The source's tables with their columns, primary key and the tables they reference. */
async function describeTables(source: DB): Promise<TableInfo[]> {
	const { rows } = await sql<{
		name: string;
	}>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
		source
	);
	const tables: TableInfo[] = [];
	for (const { name } of rows) {
		if (SKIPPED.has(name)) continue;
		const columns = (
			await sql<{
				name: string;
				pk: number;
			}>`select name, pk from pragma_table_info(${name}) order by cid`.execute(source)
		).rows;
		const parents = (
			await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(
				source
			)
		).rows.map((row) => row.table);
		const keys = columns
			.filter((column) => column.pk > 0)
			.sort((a, b) => a.pk - b.pk)
			.map((column) => column.name);
		tables.push({
			name,
			columns: columns.map((column) => column.name),
			keys: keys.length ? keys : columns.map((column) => column.name),
			parents: [...new Set(parents)].filter((parent) => parent !== name)
		});
	}
	// Parents before children, so every foreign key finds its row.
	const ordered: TableInfo[] = [];
	const placed = new Set<string>();
	while (ordered.length < tables.length) {
		const next = tables.find(
			(table) => !placed.has(table.name) && table.parents.every((parent) => placed.has(parent))
		);
		if (!next) throw new MigrateError(m.migrate_cycle());
		ordered.push(next);
		placed.add(next.name);
	}
	return ordered;
}

/** Rows of a table in key order, `size` at a time. */
async function* rowsOf(db: AnyDb, table: TableInfo, size = 2000) {
	for (let offset = 0; ; offset += size) {
		let query = db.selectFrom(table.name).select(table.columns);
		for (const key of table.keys) query = query.orderBy(key);
		const rows = (await query.limit(size).offset(offset).execute()) as Record<string, unknown>[];
		if (rows.length === 0) return;
		yield rows;
		if (rows.length < size) return;
	}
}

/**
 * Count and SHA-256 of a table's rows (each row's columns in order, whatever order the rows
 * come in: text keys sort differently under PostgreSQL's collation than under SQLite).
 */
async function fingerprint(db: AnyDb, table: TableInfo): Promise<{ rows: number; sha256: string }> {
	const rows: string[] = [];
	for await (const chunk of rowsOf(db, table)) {
		for (const row of chunk) {
			const values = JSON.stringify(table.columns.map((column) => row[column] ?? null));
			rows.push(createHash('sha256').update(values).digest('hex'));
		}
	}
	rows.sort();
	return { rows: rows.length, sha256: createHash('sha256').update(rows.join('\n')).digest('hex') };
}

/**
 * Copy `source` (an open SQLite database, migrated) into the PostgreSQL database at `target`,
 * which must be empty (it is migrated here). Resolves with what was copied and checked.
 */
export async function migrateToPostgres(
	source: DB,
	target: string,
	migrations: MigrationProvider,
	options: { photosDir?: string; progress?: (message: string) => void } = {}
): Promise<MigrateResult> {
	const progress = options.progress ?? (() => {});
	const tables = await describeTables(source);
	const destination = (await connectPostgres(target, { poolSize: 2 })) as AnyDb;
	try {
		const { error } = await new Migrator({
			db: destination,
			provider: migrations
		}).migrateToLatest();
		if (error) throw error;
		// Empty, or it would mix two campaigns' data.
		for (const table of tables) {
			const [{ n }] = (await destination
				.selectFrom(table.name)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.execute()) as { n: number }[];
			if (n > 0) {
				throw new MigrateError(m.migrate_not_empty({ table: table.name, rows: n }));
			}
		}

		await destination.transaction().execute(async (trx) => {
			for (const table of tables) {
				const perInsert = Math.max(1, Math.floor(MAX_PARAMETERS / table.columns.length));
				let copied = 0;
				for await (const chunk of rowsOf(source, table, perInsert)) {
					await trx.insertInto(table.name).values(chunk).execute();
					copied += chunk.length;
				}
				// Rows numbered by the database continue after the copied ones.
				if (table.columns.includes('id') && copied > 0) {
					await sql`select setval(pg_get_serial_sequence(${table.name}, 'id'), (select max(id) from ${sql.table(table.name)}))`.execute(
						trx
					);
				}
				progress(`  ${table.name}: ${copied}`);
			}
		});

		const copies: TableCopy[] = [];
		for (const table of tables) {
			const [from, to] = [await fingerprint(source, table), await fingerprint(destination, table)];
			if (from.rows !== to.rows || from.sha256 !== to.sha256) {
				const counts = { table: table.name, from: from.rows, to: to.rows };
				throw new MigrateError(
					from.rows === to.rows ? m.migrate_check_content(counts) : m.migrate_check_failed(counts)
				);
			}
			copies.push({ table: table.name, ...to });
		}

		// The photo files stay where they are; the rows that name them were copied.
		const hashes = (await source
			.selectFrom('activity_photos')
			.select('hash')
			.distinct()
			.execute()) as { hash: string }[];
		const missing = options.photosDir
			? hashes
					.map((row) => row.hash)
					.filter((hash) => !existsSync(photoPaths(options.photosDir!, hash).photo))
			: [];
		return { tables: copies, photos: { referenced: hashes.length, missing } };
	} finally {
		await destination.destroy();
	}
}
