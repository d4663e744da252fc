import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningRedis } from '../helpers/redis';
import { startServer, testDatabase, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, type TestSocket } from '../helpers/sockets';

// Issue 13: two instances of the app on one database — two processes on one SQLite file, and
// (vitest's postgres project) on one PostgreSQL database with one Redis, as the issue asks. Every
// guarantee rests on the database, not on one process's memory: a report sent to both at once
// with one key is stored once, the sign-in and submission limit counts both instances' requests,
// both give the same numbers, and a screen on one shows the numbers of a report taken by the
// other. With Redis the report itself reaches a dashboard on the other instance within 1 s;
// without it (the SQLite run), the numbers do within 3 s through the change counter.

const withRedis = testDatabase === 'postgres';
const dir = mkdtempSync(join(tmpdir(), 'lantoa-two-'));
let a: RunningServer;
let b: RunningServer;
let redis: RunningRedis | undefined;
let token: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
	redis = withRedis ? await startRedis() : undefined;
	const env = {
		BACKUP_INTERVAL_HOURS: '0',
		SUBMIT_RATE_LIMIT_PER_MINUTE: '10',
		...(redis ? { REDIS_URL: redis.url } : {})
	};
	a = await startServer({ dbDir: dir, env });
	b = await startServer({ dbDir: dir, env });
	token = await a.issueToken('SO-YT');
}, 120_000);

afterAll(async () => {
	for (const socket of sockets) socket.disconnect();
	await a?.cleanup();
	await b?.cleanup();
	await redis?.stop();
	rmSync(dir, { recursive: true, force: true });
});

const post = (server: RunningServer, body: object, key?: string) =>
	fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${token}`,
			'Content-Type': 'application/json',
			...(key ? { 'Idempotency-Key': key } : {})
		},
		body: JSON.stringify(body)
	});

async function rows(sqlText: string, ...params: unknown[]): Promise<number> {
	return (await a.query<{ n: number }>(sqlText, ...params))[0].n;
}

describe('two instances on one database', () => {
	it('a screen on B shows the numbers after a report taken by A', async () => {
		const screen = await connectClient(b.url);
		sockets.push(screen);
		const before = screen.stats.at(-1)!.totals.activities;
		const title = 'Gửi tới máy A, màn hình ở máy B';
		const sent = await post(a, { type: 'banner', title, startDate: '2026-04-21', quantity: 1 });
		expect(sent.status).toBe(201);
		// Without Redis, B notices A's writes through the campaign's change counter (every 3 s)
		// and sends its screens the new numbers; with Redis, A tells B at once.
		const started = Date.now();
		await waitFor(
			() => screen.stats.at(-1)?.totals.activities === before + 1,
			5_000,
			'the new totals on B'
		);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(screen.stats.at(-1)?.latest.some((x) => x.title === title)).toBe(true);
	}, 90_000);

	if (withRedis) {
		it('with Redis, a dashboard on B gets a report taken by A within 1 s, then its numbers', async () => {
			const cookie = await b.login(TEST_ADMIN.username, TEST_ADMIN.password);
			const dashboard = await connectClient(b.url, { headers: { Cookie: cookie } });
			sockets.push(dashboard);
			await waitFor(() => dashboard.stats.length > 0);
			const before = dashboard.stats.at(-1)!.totals.activities;
			// Another unit than the other tests', whose submission limit they count.
			const unit = await a.issueToken('SO-GDDT');
			const took: number[] = [];
			for (let i = 0; i < 5; i++) {
				const title = `Phong trào gửi tới A, bảng điều hành ở B (${i + 1})`;
				const started = Date.now();
				const sent = await fetch(`${a.url}/api/v1/activities`, {
					method: 'POST',
					headers: { Authorization: `Bearer ${unit}`, 'Content-Type': 'application/json' },
					body: JSON.stringify({ type: 'movement', title, startDate: '2026-04-21' })
				});
				expect(sent.status).toBe(201);
				await waitFor(
					() => dashboard.created.some((activity) => activity.title === title),
					1000,
					'activity:created on B'
				);
				took.push(Date.now() - started);
			}
			await waitFor(
				() => dashboard.stats.at(-1)?.totals.activities === before + 5,
				1000,
				'the numbers on B'
			);
			console.log(`POST to A → activity:created on B: ${took.join(', ')} ms`);
		});
	}

	it('the same Idempotency-Key sent to A and B at the same moment stores one report', async () => {
		const body = { type: 'movement', title: 'Một báo cáo, hai máy', startDate: '2026-04-22' };
		const answers = await Promise.all(
			Array.from({ length: 8 }, (_, i) => post(i % 2 ? b : a, body, 'mot-khoa-hai-may'))
		);
		const ids = await Promise.all(
			answers.map(async (r) => ((await r.json()) as { id: number }).id)
		);
		expect(answers.map((r) => r.status)).toEqual(Array(8).fill(201));
		expect(new Set(ids).size).toBe(1);
		expect(
			await rows("select count(*) as n from activities where idempotency_key = 'mot-khoa-hai-may'")
		).toBe(1);
	});

	it('both give the same numbers after a burst to both', async () => {
		await Promise.all(
			Array.from({ length: 6 }, (_, i) =>
				post(i % 2 ? b : a, {
					type: 'honor',
					title: `Khen thưởng ${i}`,
					startDate: '2026-04-23',
					quantity: 2
				})
			)
		);
		const [onA, onB] = await Promise.all(
			[a, b].map(
				async (server) =>
					(await (await fetch(`${server.url}/api/v1/stats`)).json()) as {
						totals: unknown;
						byType: unknown;
						seq: number;
					}
			)
		);
		expect(onA.totals).toEqual(onB.totals);
		expect(onA.byType).toEqual(onB.byType);
		expect(onA.seq).toBe(onB.seq);
	});

	it('the per-unit submission limit counts both instances', async () => {
		const other = await b.issueToken('SO-TP');
		const answers = await Promise.all(
			Array.from({ length: 24 }, (_, i) =>
				fetch(`${(i % 2 ? b : a).url}/api/v1/activities`, {
					method: 'POST',
					headers: { Authorization: `Bearer ${other}`, 'Content-Type': 'application/json' },
					body: JSON.stringify({
						type: 'banner',
						title: `Băng rôn số ${i}`,
						startDate: '2026-04-20',
						quantity: 1
					})
				})
			)
		);
		const statuses = answers.map((r) => r.status);
		expect(statuses.filter((s) => s === 201)).toHaveLength(10);
		expect(statuses.filter((s) => s === 429)).toHaveLength(14);
	});

	it('the sign-in limit counts guesses sent to both instances', async () => {
		const password = await a.createAccount('leader', 'hai-may');
		const guesses = Array.from({ length: 60 }, (_, i) => (i === 45 ? password : `sai-${i}`));
		const answers = await Promise.all(
			guesses.map((guess, i) =>
				fetch(`${(i % 2 ? b : a).url}/login`, {
					method: 'POST',
					headers: {
						'Content-Type': 'application/x-www-form-urlencoded',
						Accept: 'text/html',
						Origin: (i % 2 ? b : a).url
					},
					body: new URLSearchParams({ username: 'hai-may', password: guess }),
					redirect: 'manual'
				})
			)
		);
		const statuses = answers.map((r) => r.status);
		// At most five verified (and wrong) in all; the right one among them refused unverified.
		expect(statuses.filter((s) => s === 303)).toEqual([]);
		expect(statuses.filter((s) => s === 400).length).toBeLessThanOrEqual(5);
		expect(
			statuses.filter((s) => s === 429).length,
			JSON.stringify(statuses)
		).toBeGreaterThanOrEqual(55);
	});
});
