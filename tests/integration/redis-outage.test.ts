import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, type TestSocket } from '../helpers/sockets';

// Issue 13: Redis stopped and started again while two instances run. Redis only relays: while it
// is away both instances keep serving, say so once in their logs and in /readyz (still 200,
// "degraded": taking every instance out would make an outage of slower screens), and their
// screens still catch up with the database's change counter; when it is back, every screen gets
// a fresh snapshot and the other instance's reports arrive at once again. The test starts a
// Redis of its own (and two processes on one SQLite file), so it runs once.

const dir = mkdtempSync(join(tmpdir(), 'lantoa-redis-'));
let redis: RunningRedis;
let a: RunningServer;
let b: RunningServer;
let token: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
	redis = await startRedis();
	const env = { BACKUP_INTERVAL_HOURS: '0', REDIS_URL: redis.url };
	a = await startServer({ dbDir: dir, env });
	b = await startServer({ dbDir: dir, env });
	token = await a.issueToken('SO-NNMT');
}, 120_000);

afterAll(async () => {
	for (const socket of sockets) socket.disconnect();
	await a?.cleanup();
	await b?.cleanup();
	await redis?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const post = (server: RunningServer, title: string) =>
	fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ type: 'movement', title, startDate: '2026-04-23' })
	});

const ready = async (server: RunningServer) =>
	(await (await fetch(`${server.url}/readyz`)).json()) as {
		status: string;
		checks: Record<string, string>;
	};

describe('Redis stopped and started again during a run', () => {
	it('no crash, screens keep up through the database, and resync when it is back', async () => {
		const cookie = await b.login(TEST_ADMIN.username, TEST_ADMIN.password);
		const dashboard = await connectClient(b.url, { headers: { Cookie: cookie } });
		const kiosk = await connectClient(b.url);
		sockets.push(dashboard, kiosk);
		await waitFor(() => dashboard.stats.length > 0 && kiosk.stats.length > 0);
		expect(await ready(b)).toEqual({
			status: 'ready',
			checks: { database: 'ok', storage: 'ok', redis: 'ok' }
		});

		const start = kiosk.stats.at(-1)!.totals.activities;
		expect((await post(a, 'Trước khi Redis dừng')).status).toBe(201);
		await waitFor(() => dashboard.created.some((x) => x.title === 'Trước khi Redis dừng'), 1000);
		await waitFor(() => kiosk.stats.at(-1)!.totals.activities === start + 1, 1000);
		const before = start + 1;

		await redis.pause();
		for (const server of [a, b]) {
			await waitFor(async () => (await ready(server)).checks.redis === 'down', 5000, 'redis down');
			const response = await fetch(`${server.url}/readyz`);
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual({
				status: 'degraded',
				checks: { database: 'ok', storage: 'ok', redis: 'down' }
			});
		}
		// Both keep serving; B's screens learn A's reports from the database within 3 s.
		for (let i = 0; i < 3; i++) {
			expect((await post(i % 2 ? b : a, `Trong khi Redis dừng ${i}`)).status).toBe(201);
		}
		await waitFor(
			() => kiosk.stats.at(-1)!.totals.activities === before + 3,
			5000,
			'numbers through the change counter'
		);

		const snapshotsBefore = dashboard.snapshots.length;
		await redis.resume();
		for (const server of [a, b]) {
			await waitFor(async () => (await ready(server)).status === 'ready', 10_000, 'redis back');
		}
		// Every screen of the instance got a fresh snapshot when Redis came back.
		await waitFor(() => dashboard.snapshots.length > snapshotsBefore, 5000, 'resync');
		expect(dashboard.snapshots.at(-1)!.totals.activities).toBe(before + 3);

		// A's reports reach B's dashboard at once again.
		const started = Date.now();
		expect((await post(a, 'Sau khi Redis chạy lại')).status).toBe(201);
		await waitFor(
			() => dashboard.created.some((x) => x.title === 'Sau khi Redis chạy lại'),
			1000,
			'activity:created on B after Redis came back'
		);
		expect(Date.now() - started).toBeLessThan(1000);

		for (const server of [a, b]) {
			expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
			const output = server.output();
			// Said once each way, not at every retry.
			expect(output.match(/Redis: mất kết nối/g)).toHaveLength(1);
			expect(output.match(/Redis: đã kết nối lại/g)).toHaveLength(1);
			expect(output).not.toMatch(/^\s+at /m);
		}
	}, 90_000);
});
