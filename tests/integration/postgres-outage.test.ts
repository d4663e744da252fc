import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningPostgres } from '../helpers/postgres';
import { startServer, TEST_SECRET, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, type TestSocket } from '../helpers/sockets';

// Issue 13: PostgreSQL stopped while the app runs (a restart, a failover, maintenance). pg's pool
// emits 'error' when an idle connection breaks, and without a listener that kills the process
// (what the issue warns of in the Postgres socket.io adapter). The instance must keep running,
// answer 503 "send again later" instead of 500 while the database is away, say so in /readyz,
// and carry on when it is back: the report sent during the outage stored once when sent again,
// the screens brought up to date. The test starts a cluster of its own, so it runs once.

let cluster: RunningPostgres;
let server: RunningServer;
let token: string;
const dir = mkdtempSync(join(tmpdir(), 'lantoa-outage-'));
const sockets: TestSocket[] = [];

beforeAll(async () => {
	cluster = await startPostgres();
	const url = await cluster.createDatabase('mat_ket_noi');
	server = await startServer({
		dbDir: dir,
		env: {
			DATABASE_URL: url,
			LANTOA_SECRET: TEST_SECRET,
			PHOTOS_DIR: join(dir, 'photos'),
			BACKUP_INTERVAL_HOURS: '0',
			LOG_FORMAT: 'json'
		}
	});
	token = await server.issueToken('SO-NV');
}, 120_000);

afterAll(async () => {
	for (const socket of sockets) socket.disconnect();
	await server?.cleanup();
	await cluster?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const post = (key: string, title: string) =>
	fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${token}`,
			'Content-Type': 'application/json',
			'Idempotency-Key': key
		},
		body: JSON.stringify({ type: 'movement', title, startDate: '2026-04-22' })
	});

describe('PostgreSQL stopped and started again while the app runs', () => {
	it('keeps running, answers 503 meanwhile, then stores the report sent again once', async () => {
		expect((await post('truoc-khi-dung', 'Phát động phong trào trước sự cố')).status).toBe(201);
		const screen = await connectClient(server.url);
		sockets.push(screen);
		await waitFor(() => screen.stats.length > 0);
		const before = screen.stats.at(-1)!.totals.activities;

		cluster.pause();
		const refused = await post('trong-khi-dung', 'Hội thi sáng kiến gửi lúc mất kết nối');
		expect(refused.status).toBe(503);
		expect(refused.headers.get('retry-after')).toBe('5');
		expect(((await refused.json()) as { message: string }).message).toContain(
			'không truy cập được cơ sở dữ liệu'
		);
		// Said in the log once per request, as JSON with the request's id, without a stack trace.
		await fetch(`${server.url}/api/v1/stats`, { headers: { 'X-Request-Id': 'mat-ket-noi-1' } });
		await waitFor(
			() => /"reqId":"mat-ket-noi-1"[^\n]*"msg":"request"/.test(server.output()),
			2000,
			'log line'
		);
		const said = server
			.output()
			.split('\n')
			.filter((line) => line.includes('mat-ket-noi-1'))
			.map((line) => JSON.parse(line) as { msg: string; level: string; status?: number });
		expect(said.find((line) => line.msg !== 'request')).toMatchObject({
			level: 'error',
			msg: expect.stringContaining('Không truy cập được cơ sở dữ liệu')
		});
		expect(said.find((line) => line.msg === 'request')?.status).toBe(503);
		const ready = await fetch(`${server.url}/readyz`);
		expect(ready.status).toBe(503);
		// A page too: 503 with the Vietnamese message, not a 500.
		const page = await fetch(`${server.url}/u/${token}`, { headers: { Accept: 'text/html' } });
		expect(page.status).toBe(503);
		expect(await page.text()).toContain('không truy cập được cơ sở dữ liệu');
		// Still alive after the pool's connections broke.
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

		cluster.resume();
		await waitFor(
			async () => (await fetch(`${server.url}/readyz`)).status === 200,
			15_000,
			'ready again'
		);
		const sent = await post('trong-khi-dung', 'Hội thi sáng kiến gửi lúc mất kết nối');
		expect(sent.status).toBe(201);
		const replayed = await post('trong-khi-dung', 'Hội thi sáng kiến gửi lúc mất kết nối');
		expect(replayed.headers.get('idempotent-replayed')).toBe('true');
		const [{ n }] = await server.query<{ n: number }>(
			"select count(*) as n from activities where idempotency_key = 'trong-khi-dung'"
		);
		expect(n).toBe(1);
		await waitFor(() => screen.stats.at(-1)!.totals.activities === before + 1, 5000, 'screen');

		const output = server.output();
		expect(output).toContain('Không truy cập được cơ sở dữ liệu');
		expect(output).not.toMatch(/Lỗi khi xử lý/);
	}, 90_000);
});
