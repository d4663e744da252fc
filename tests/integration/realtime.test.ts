import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, type TestSocket } from '../helpers/sockets';
import type { Stats } from '../../src/lib/domain/stats';

// Screens follow the numbers as deltas: each audience gets only what it shows, a screen that
// misses a delta notices the gap and fetches a snapshot, and after a burst every screen holds
// exactly what the database holds.

let server: RunningServer;
let tokens: string[];
let adminCookie: string;
let sockets: TestSocket[] = [];

let sequence = 0;
async function submit(token: string, overrides: Record<string, unknown> = {}) {
	const response = await fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${token}`,
			'Content-Type': 'application/json',
			'Idempotency-Key': `realtime-${++sequence}`
		},
		body: JSON.stringify({
			type: 'banner',
			title: `Treo băng rôn hưởng ứng Ngày 21/4 — số ${sequence}`,
			startDate: '2026-04-21',
			quantity: 2,
			participants: 3,
			...overrides
		})
	});
	expect(response.status).toBe(201);
	return (await response.json()) as { id: number };
}

async function apiStats(): Promise<Stats> {
	return (await (await fetch(`${server.url}/api/v1/stats`)).json()) as Stats;
}

/** The database's own count, not the server's: activities that count, in active units. */
async function databaseTotals() {
	const [totals] = await server.query<{
		activities: number;
		participants: number;
		banners: number;
	}>(
		`select count(*) as activities, coalesce(sum(participants), 0) as participants,
		 coalesce(sum(case when type = 'banner' then quantity end), 0) as banners
		 from activities a join units u on u.id = a.unit_id
		 where u.active = 1 and a.status <> 'rejected' and a.withdrawn_at is null`
	);
	return totals;
}

async function screens(count: number, options: Parameters<typeof connectClient>[1] = {}) {
	const opened = await Promise.all(
		Array.from({ length: count }, () => connectClient(server.url, options))
	);
	sockets.push(...opened);
	return opened;
}

beforeAll(async () => {
	server = await startServer({ env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '0' } });
	tokens = await Promise.all(['SO-YT', '03388', 'SO-TP'].map((code) => server.issueToken(code)));
	adminCookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
});

afterEach(() => {
	for (const socket of sockets) socket.disconnect();
	sockets = [];
});

afterAll(async () => {
	await server?.cleanup();
});

describe('live numbers as deltas', () => {
	it('sends each audience only what it shows, as a delta from the seq it holds', async () => {
		const [publicScreen] = await screens(1);
		const [staffScreen] = await screens(1, { headers: { Cookie: adminCookie } });
		const [unitKiosk] = await screens(1, { auth: { unit: 'SO-YT' } });
		const [otherKiosk] = await screens(1, { auth: { unit: 'SO-TP' } });

		// Snapshots: the public's carry no per-unit table, a kiosk following a unit its row, staff
		// all of it; the public API keeps its contract (the whole table).
		expect(publicScreen.snapshots[0].byUnit).toEqual([]);
		expect(unitKiosk.snapshots[0].byUnit.map((u) => u.code)).toEqual(['SO-YT']);
		expect(staffScreen.snapshots[0].byUnit.length).toBeGreaterThan(50);
		expect((await apiStats()).byUnit.length).toBe(staffScreen.snapshots[0].byUnit.length);

		const before = staffScreen.stats.at(-1)!;
		await submit(tokens[0]);
		for (const screen of [publicScreen, staffScreen, unitKiosk, otherKiosk]) {
			await waitFor(() => screen.deltas.length > 0, 5000, 'a delta');
		}
		const [staffDelta] = staffScreen.deltas;
		expect(staffDelta.from).toBe(before.seq);
		expect(staffDelta.seq).toBeGreaterThan(before.seq);
		// One unit changed: staff get its row, not the table.
		expect(staffDelta.byUnit?.upsert.map((u) => u.code)).toEqual(['SO-YT']);
		expect(staffDelta.byUnit?.order).toBeUndefined();
		expect(publicScreen.deltas[0].byUnit).toBeUndefined();
		expect(otherKiosk.deltas[0].byUnit).toBeUndefined();
		expect(unitKiosk.deltas[0].byUnit?.upsert.map((u) => u.code)).toEqual(['SO-YT']);

		// Applied, each screen holds what the server says now.
		const now = await apiStats();
		expect(publicScreen.stats.at(-1)!.totals).toEqual(now.totals);
		expect(staffScreen.stats.at(-1)!.byUnit).toEqual(now.byUnit);
		expect(unitKiosk.stats.at(-1)!.byUnit).toEqual(now.byUnit.filter((u) => u.code === 'SO-YT'));
		expect(staffScreen.stats.at(-1)!.byUnit.find((u) => u.code === 'SO-YT')!.activities).toBe(
			before.byUnit.find((u) => u.code === 'SO-YT')!.activities + 1
		);
		// Only connecting brought a whole snapshot.
		for (const screen of [publicScreen, staffScreen, unitKiosk, otherKiosk]) {
			expect(screen.snapshots).toHaveLength(1);
			expect(screen.resyncs).toBe(0);
		}
	});

	it('a screen that missed deltas notices the gap in seq and fetches a snapshot', async () => {
		const [screen, watcher] = await screens(2);
		screen.dropDeltas = true;
		for (let i = 0; i < 3; i++) {
			await submit(tokens[i % tokens.length]);
			await waitFor(() => watcher.deltas.length > i, 5000, `delta ${i + 1}`);
		}
		expect(screen.stats).toHaveLength(1);
		screen.dropDeltas = false;

		await submit(tokens[1]);
		await waitFor(() => screen.resyncs > 0, 5000, 'the gap noticed');
		await waitFor(() => screen.snapshots.length === 2, 5000, 'a snapshot after the gap');
		await waitFor(
			async () => screen.stats.at(-1)!.totals.activities === (await databaseTotals()).activities,
			5000,
			'the database total'
		);
		expect(screen.stats.at(-1)!.totals).toEqual(watcher.stats.at(-1)!.totals);
		expect(screen.resyncs).toBe(1);
		expect(watcher.resyncs).toBe(0);

		// And follows along on deltas again.
		const snapshots = screen.snapshots.length;
		await submit(tokens[2]);
		await waitFor(
			async () => screen.stats.at(-1)!.totals.activities === (await databaseTotals()).activities
		);
		expect(screen.snapshots).toHaveLength(snapshots);
	});

	it('a screen that reconnects gets a snapshot of what it missed', async () => {
		const [screen] = await screens(1);
		screen.disconnect();
		await submit(tokens[0]);
		await submit(tokens[1]);
		screen.connect();
		await waitFor(() => screen.snapshots.length === 2, 5000, 'a snapshot on reconnect');
		// The snapshot is the one the next delta starts from (a moment behind while a delta is on
		// its way): either way the screen ends on the database's numbers without another one.
		await waitFor(
			async () => screen.stats.at(-1)!.totals.activities === (await databaseTotals()).activities,
			5000,
			'the database total'
		);
		expect(screen.snapshots).toHaveLength(2);
		expect(screen.resyncs).toBe(0);
	});

	it('answers a screen asking for snapshots over and over at most once a second', async () => {
		const [screen] = await screens(1);
		const started = Date.now();
		for (let i = 0; i < 20; i++) screen.emit('stats:resync');
		await new Promise((resolve) => setTimeout(resolve, 1500));
		// One right away, the rest coalesced into one more after a second.
		expect(screen.snapshots.length).toBeLessThanOrEqual(3);
		expect(screen.snapshots.length).toBeGreaterThanOrEqual(2);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
	});

	it('after a burst of 500 submissions every screen holds the database totals', async () => {
		const publicScreens = await screens(8);
		const staffScreens = await screens(4, { headers: { Cookie: adminCookie } });
		const kiosks = await screens(4, { auth: { unit: '03388' } });
		const all = [...publicScreens, ...staffScreens, ...kiosks];

		let next = 0;
		const worker = async () => {
			while (next < 500) {
				const i = next++;
				await submit(tokens[i % tokens.length], {
					type: i % 5 === 0 ? 'media' : 'banner',
					quantity: 1 + (i % 4),
					participants: i % 7,
					...(i % 5 === 0 ? { channels: ['social'] } : {})
				});
			}
		};
		await Promise.all(Array.from({ length: 16 }, worker));

		const truth = await databaseTotals();
		const api = await apiStats();
		expect(api.totals.activities).toBe(truth.activities);
		expect(api.totals.participants).toBe(truth.participants);
		expect(api.totals.banners).toBe(truth.banners);
		for (const screen of all) {
			await waitFor(
				() => screen.stats.at(-1)!.seq === api.seq,
				10_000,
				'the last delta of the burst'
			);
			const shown = screen.stats.at(-1)!;
			expect(shown.totals).toEqual(api.totals);
			expect(shown.byType).toEqual(api.byType);
			expect(shown.byDay).toEqual(api.byDay);
			expect(shown.latest.map((a) => a.id)).toEqual(api.latest.map((a) => a.id));
		}
		for (const screen of staffScreens) expect(screen.stats.at(-1)!.byUnit).toEqual(api.byUnit);
		for (const screen of kiosks) {
			expect(screen.stats.at(-1)!.byUnit).toEqual(api.byUnit.filter((u) => u.code === '03388'));
		}
		// Coalesced: far fewer deltas than submissions, and no screen needed a snapshot.
		for (const screen of all) {
			expect(screen.deltas.length).toBeLessThan(500);
			expect(screen.resyncs).toBe(0);
		}

		// One more activity: with the lists full, a delta is a small fraction of a snapshot.
		const [screen] = publicScreens;
		const deltas = screen.deltas.length;
		await submit(tokens[0]);
		await waitFor(() => screen.deltas.length > deltas, 5000, 'the delta');
		const size = JSON.stringify(screen.deltas.at(-1)).length;
		expect(size).toBeLessThan(JSON.stringify(screen.snapshots[0]).length / 3);
		expect(size).toBeLessThan(2500);
	});
});
