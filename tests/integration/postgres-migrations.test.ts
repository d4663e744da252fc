import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Dialect } from 'kysely';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/server';
import { startPostgres, type RunningPostgres } from '../helpers/postgres';
import { bundledMigrations } from '../../src/lib/server/db/migrations';
import { foldText } from '../../src/lib/domain/search';

// Issue 13: the same migrations build the same tables on a real PostgreSQL server (a throwaway
// cluster, tests/helpers/postgres.ts) as on SQLite, with the same guarantees (the audit log
// refuses to be rewritten; timestamps in the same text format; search folds text exactly as the
// app does), and two instances starting together migrate once. The whole integration suite then
// runs again on PostgreSQL (vite.config.ts, the "postgres" project).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

let cluster: RunningPostgres;
const opened: AnyDb[] = [];

beforeAll(async () => {
	cluster = await startPostgres();
}, 120_000);

afterAll(async () => {
	for (const db of opened) await db.destroy();
	await cluster?.stop();
});

function open(dialect: Dialect): AnyDb {
	const db = new Kysely<Record<string, never>>({ dialect }) as AnyDb;
	opened.push(db);
	return db;
}

const postgres = (url: string) =>
	open(new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4 }) }));

// The migrations as the server bundles them (the CLI reads the same files from the folder).
const migrator = (db: AnyDb) => new Migrator({ db, provider: bundledMigrations });

async function columnsOf(db: AnyDb): Promise<Record<string, string[]>> {
	const tables = (await db.introspection.getTables()).filter((t) => !t.name.startsWith('kysely'));
	return Object.fromEntries(
		tables
			.map((table) => [table.name, table.columns.map((c) => c.name).sort()] as const)
			.sort(([a], [b]) => a.localeCompare(b))
	);
}

describe('the migrations on PostgreSQL', () => {
	it('build the same tables and columns as on SQLite', async () => {
		const db = postgres(cluster.url);
		const { error, results } = await migrator(db).migrateToLatest();
		expect(error).toBeUndefined();
		expect(results?.every((r) => r.status === 'Success')).toBe(true);

		const lite = open(new SqliteDialect({ database: new SQLite(':memory:') }));
		expect((await migrator(lite).migrateToLatest()).error).toBeUndefined();
		const onPostgres = await columnsOf(db);
		expect(Object.keys(onPostgres)).toContain('activity_photos');
		expect(onPostgres).toEqual(await columnsOf(lite));
	});

	it('number rows themselves, write timestamps as the same text, keep the audit log append-only', async () => {
		const db = postgres(cluster.url);
		const { id, created_at } = await db
			.insertInto('units')
			.values({ code: 'SO-YT', name: 'Sở Y tế tỉnh Lai Châu', kind: 'department' })
			.returning(['id', 'created_at'])
			.executeTakeFirstOrThrow();
		expect(id).toBe(1);
		expect(created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(Math.abs(Date.parse(created_at) - Date.now())).toBeLessThan(60_000);
		// A check constraint holds as on SQLite.
		await expect(
			db.insertInto('units').values({ code: 'X', name: 'X', kind: 'company' }).execute()
		).rejects.toThrow(/check constraint/);

		await db
			.insertInto('audit_log')
			.values({
				actor_type: 'system',
				actor_id: 'test',
				actor_label: 'Kiểm thử',
				action: 'unit.create'
			})
			.execute();
		await expect(sql`update audit_log set action = 'x'`.execute(db)).rejects.toThrow(/append-only/);
		await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
	});

	it('two instances starting together migrate once', async () => {
		const url = await cluster.createDatabase('hai_may');
		const [a, b] = [postgres(url), postgres(url)];
		const outcomes = await Promise.all([
			migrator(a).migrateToLatest(),
			migrator(b).migrateToLatest()
		]);
		expect(outcomes.map((o) => o.error)).toEqual([undefined, undefined]);
		const applied = outcomes.flatMap((o) => o.results ?? []).filter((r) => r.status === 'Success');
		const files = (await fs.readdir(path.join(root, 'migrations'))).filter((f) =>
			f.endsWith('.ts')
		);
		expect(applied).toHaveLength(files.length);
		const { n } = await a
			.selectFrom('kysely_migration')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(n)).toBe(files.length);
	});

	it('fold text for search exactly as the app does (fold_text)', async () => {
		const url = await cluster.createDatabase('tim_kiem');
		const db = postgres(url);
		expect((await migrator(db).migrateToLatest()).error).toBeUndefined();
		const samples = [
			'Hội thảo',
			'HỘI THẢO ĐỔI MỚI SÁNG TẠO',
			'Đoàn Thanh niên   Cộng sản\tHồ Chí Minh',
			'  Treo băng rôn, khẩu hiệu — Ủy ban nhân dân xã Mường Tè  ',
			'Cuộc thi “Ý tưởng khởi nghiệp” năm 2026 (lần thứ 5)',
			'Phường Đông Phong; Tân Uyên; Sìn Hồ; Nậm Nhùn',
			'ưu tiên ứng dụng ơ Ơ ư Ư ă Ă â Â ê Ê ô Ô',
			'Hội thảo' // composed differently (NFD already)
		];
		for (const text of samples) {
			const { rows } = await sql<{ folded: string }>`select fold_text(${text}) as folded`.execute(
				db
			);
			expect(rows[0].folded, text).toBe(foldText(text));
		}
		const { rows } = await sql<{ folded: string | null }>`select fold_text(null) as folded`.execute(
			db
		);
		expect(rows[0].folded).toBeNull();
	});
});
