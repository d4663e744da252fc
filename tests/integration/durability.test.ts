import { afterAll, describe, expect, it } from 'vitest';
import { integrity, startServer, type RunningServer } from '../helpers/server';
import { waitFor } from '../helpers/sockets';

// Issue 12, crash safety: units keep submitting — each report retried with its own Idempotency-Key
// until it is acknowledged, as the unit page's outbox does — while the server is killed outright
// (SIGKILL: no chance to finish anything) and started again, several times. Every acknowledged
// report must be stored exactly once, and the kept tallies must equal a recount.

let server: RunningServer | undefined;
afterAll(async () => {
	await server?.cleanup();
});

const CYCLES = 5;
const WORKERS = 4;
// Reports each running server acknowledges before it is killed.
const PER_CYCLE = 12;

describe('SIGKILL under load', () => {
	it(`${CYCLES} kills and restarts: every acknowledged report stored exactly once`, async () => {
		server = await startServer({ env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '0' } });
		const running = server;
		const token = await running.issueToken('SO-YT');
		const acknowledged = new Set<string>();
		let attempts = 0;
		let failures = 0;
		let stop = false;

		const submit = (key: string, n: number) =>
			fetch(`${running.url}/api/v1/activities`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${token}`,
					'Content-Type': 'application/json',
					'Idempotency-Key': key
				},
				body: JSON.stringify({
					type: 'media',
					title: `Tin bài hưởng ứng Ngày Sáng tạo số ${n}`,
					startDate: '2026-04-21',
					channels: ['social'],
					quantity: 1
				}),
				signal: AbortSignal.timeout(5000)
			});

		const worker = async (w: number) => {
			for (let i = 0; !stop; i++) {
				const key = `ben-vung-${w}-${i}`;
				// The same key until the server says it has it (201, or 201 replayed).
				while (!stop) {
					attempts++;
					try {
						const response = await submit(key, w * 100_000 + i);
						await response.arrayBuffer();
						if (response.status === 201) {
							acknowledged.add(key);
							break;
						}
						failures++;
					} catch {
						failures++;
					}
					await new Promise((resolve) => setTimeout(resolve, 50));
				}
			}
		};
		const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));

		// Each cycle waits for the server to acknowledge some reports (a state, not a time: a busy
		// machine takes longer), then kills it in the middle of whatever it is doing.
		const untilAcknowledged = (count: number) =>
			waitFor(() => acknowledged.size >= count, 60_000, `${count} acknowledged reports`);
		const perCycle: number[] = [];
		for (let cycle = 0; cycle < CYCLES; cycle++) {
			const before = acknowledged.size;
			await untilAcknowledged(before + PER_CYCLE);
			process.kill(running.pid()!, 'SIGKILL');
			await running.exited();
			await running.start();
			perCycle.push(acknowledged.size - before);
		}
		// Let the restarted server acknowledge some more before the workers stop.
		await untilAcknowledged(acknowledged.size + PER_CYCLE);
		stop = true;
		await Promise.all(workers);
		await running.stop();

		{
			const rows = await running.query<{ key: string; n: number }>(
				"select idempotency_key as key, count(*) as n from activities where idempotency_key like 'ben-vung-%' group by idempotency_key"
			);
			const stored = new Map(rows.map((row) => [row.key, row.n]));
			// Nothing twice…
			expect(rows.filter((row) => row.n !== 1)).toEqual([]);
			// …and nothing acknowledged lost.
			const lost = [...acknowledged].filter((key) => !stored.has(key));
			expect(lost).toEqual([]);
			// A report stored but never acknowledged can only be the last one a worker was still
			// retrying when the test stopped it.
			expect(stored.size - acknowledged.size).toBeLessThanOrEqual(WORKERS);
			// The kept tallies survived the kills: they equal a recount of the activities.
			const [kept] = await running.query<{ n: number }>(
				'select coalesce(sum(activities), 0) as n from activity_tallies'
			);
			const [counted] = await running.query<{ n: number }>(
				"select count(*) as n from activities where status <> 'rejected' and withdrawn_at is null"
			);
			expect(kept.n).toBe(counted.n);
			expect(integrity(running)).toBe('ok');
			console.log(
				`kill test: ${CYCLES} SIGKILL cycles, ${acknowledged.size} acknowledged (per cycle ${perCycle.join(', ')}), ${stored.size} stored, ${attempts} attempts, ${failures} refused or cut off and retried`
			);
			expect(Math.min(...perCycle)).toBeGreaterThanOrEqual(PER_CYCLE);
		}
	}, 180_000);
});
