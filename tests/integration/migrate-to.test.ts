import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phonePhoto, postReport } from '../helpers/photos';
import { startPostgres, type RunningPostgres } from '../helpers/postgres';
import {
	postForm,
	queryDatabase,
	startServer,
	TEST_ADMIN,
	type RunningServer
} from '../helpers/server';

// Issue 13: `npm run cli -- migrate-to postgres://…` moves a SQLite database into an empty
// PostgreSQL one. On a database with activities (one with a photo), a unit's final report,
// accounts, sessions, a leader link, moderation and the audit log: every table's count equal,
// and a server started on PostgreSQL with the same key opens the same unit link, signs in the
// same leader, serves the same photo and shows the same numbers. It starts a PostgreSQL cluster
// of its own and reads a SQLite file, so it runs once.

const dir = mkdtempSync(join(tmpdir(), 'lantoa-migrate-'));
let cluster: RunningPostgres;
let server: RunningServer;
let onPostgres: RunningServer | undefined;
let token: string;
let leaderPassword: string;

const TABLES = [
	'campaigns',
	'units',
	'unit_tokens',
	'users',
	'sessions',
	'leader_links',
	'activities',
	'activity_photos',
	'activity_tallies',
	'unit_reports',
	'kiosk_presets',
	'login_failures',
	'audit_log'
];

const post = (base: string, body: object) =>
	fetch(`${base}/api/v1/activities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(body)
	});

beforeAll(async () => {
	cluster = await startPostgres();
	server = await startServer({ dbDir: dir, env: { BACKUP_INTERVAL_HOURS: '0' } });
	token = await server.issueToken('SO-KHCN');
	for (let i = 0; i < 25; i++) {
		const sent = await post(server.url, {
			type: i % 2 ? 'banner' : 'movement',
			title: `Hoạt động trước khi chuyển số ${i + 1}`,
			startDate: '2026-04-2' + (i % 6),
			...(i % 2 ? { quantity: 2 } : {})
		});
		expect(sent.status).toBe(201);
	}
	const withPhoto = await postReport(
		server.url,
		token,
		{
			type: 'banner',
			title: 'Băng rôn có ảnh, chuyển sang PostgreSQL',
			startDate: '2026-04-21',
			quantity_banner: '1',
			idempotencyKey: 'anh-chuyen'
		},
		[{ name: 'bang-ron.jpg', type: 'image/jpeg', bytes: await phonePhoto(90) }]
	);
	expect(withPhoto.status).toBe(200);
	const report = await fetch(`${server.url}/api/v1/reports`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ summary: 'Sở đã tổ chức đầy đủ các hoạt động hưởng ứng Ngày 21/4.' })
	});
	expect(report.status).toBeLessThan(300);
	leaderPassword = await server.createAccount('leader', 'lanhdao-chuyen');
	// A wrong password first: the sign-in limit's rows move too.
	await postForm(server.url, '/login', { username: 'lanhdao-chuyen', password: 'sai-mat-khau-1' });
	await server.login('lanhdao-chuyen', leaderPassword);
	expect((await server.cli(['leader-link', 'Giám đốc Sở'])).status).toBe(0);
	const admin = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
	const [{ id, version }] = await server.query<{ id: number; version: number }>(
		"select id, version from activities where title = 'Hoạt động trước khi chuyển số 1'"
	);
	const approved = await postForm(
		server.url,
		'/admin/moderation?/approve',
		{ id: String(id), version: String(version) },
		admin
	);
	expect(approved.status).toBeLessThan(400);
}, 180_000);

afterAll(async () => {
	await onPostgres?.cleanup();
	await server?.cleanup();
	await cluster?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const counts = async (query: (sql: string) => Promise<{ n: number }[]>) =>
	Object.fromEntries(
		await Promise.all(
			TABLES.map(async (table) => [table, (await query(`select count(*) as n from ${table}`))[0].n])
		)
	);

describe('migrate-to postgres://', () => {
	it('copies every table into an empty PostgreSQL database, every count equal', async () => {
		const stats = await (await fetch(`${server.url}/api/v1/stats`)).json();
		await server.stop();
		const target = await cluster.createDatabase('chuyen_den');
		const moved = await server.cli(['migrate-to', target]);
		expect(moved.status, moved.stderr).toBe(0);
		expect(moved.stdout).toContain('số dòng và nội dung mỗi bảng khớp với bản gốc');
		expect(moved.stdout).toContain('Ảnh: 1 tệp được tham chiếu');
		expect(moved.stdout).toContain('lantoa.secret');

		const before = await counts((sql) => server.query(sql));
		const after = await counts((sql) => queryDatabase(target, sql, []));
		expect(before.activities).toBe(26);
		expect(before.activity_photos).toBe(1);
		expect(before.audit_log).toBeGreaterThan(30);
		expect(before.sessions).toBeGreaterThan(0);
		expect(before.login_failures).toBeGreaterThan(0);
		expect(after).toEqual(before);

		// A server on PostgreSQL with the key the SQLite file had: nothing changed for anyone.
		onPostgres = await startServer({
			dbDir: dir,
			env: {
				DATABASE_URL: target,
				LANTOA_SECRET: readFileSync(join(dir, 'lantoa.secret'), 'utf8').trim(),
				PHOTOS_DIR: join(dir, 'photos'),
				BACKUP_INTERVAL_HOURS: '0'
			}
		});
		const again = await (await fetch(`${onPostgres.url}/api/v1/stats`)).json();
		expect({ ...again, generatedAt: undefined }).toEqual({ ...stats, generatedAt: undefined });
		// The unit's link still works, and new rows are numbered after the copied ones.
		const sent = await post(onPostgres.url, {
			type: 'movement',
			title: 'Hoạt động đầu tiên trên PostgreSQL',
			startDate: '2026-04-24'
		});
		expect(sent.status).toBe(201);
		expect(((await sent.json()) as { id: number }).id).toBe(27);
		await onPostgres.login('lanhdao-chuyen', leaderPassword);
		const [{ activity_id, hash }] = await onPostgres.query<{ activity_id: number; hash: string }>(
			'select activity_id, hash from activity_photos'
		);
		const photo = await fetch(`${onPostgres.url}/u/${token}/photos/${activity_id}/${hash}.jpg`);
		expect(photo.status).toBe(200);
		expect(photo.headers.get('content-type')).toBe('image/jpeg');
	}, 120_000);

	it('refuses a database that is not empty, and an address that is not PostgreSQL', async () => {
		const target = onPostgres!.databaseUrl;
		const full = await server.cli(['migrate-to', target]);
		expect(full.status).toBe(1);
		expect(full.stderr).toContain('không trống');
		const [{ n }] = await queryDatabase<{ n: number }>(
			target,
			'select count(*) as n from activities',
			[]
		);
		expect(n).toBe(27);

		const wrong = await server.cli(['migrate-to', join(dir, 'khac.db')]);
		expect(wrong.status).toBe(1);
		expect(wrong.stderr).toContain('Cần địa chỉ PostgreSQL đích');

		const missing = await server.cli([
			'migrate-to',
			`postgres://lantoa:mat-khau@127.0.0.1:${cluster.port}/khong_co`
		]);
		expect(missing.status).toBe(1);
		expect(missing.stderr).toContain('chưa có');
		expect(missing.stderr).not.toContain('mat-khau');
		expect(missing.stderr).not.toMatch(/^\s+at /m);
	}, 120_000);
});
