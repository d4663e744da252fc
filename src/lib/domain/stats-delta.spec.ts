import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_TYPES, UNIT_GROUPS } from './campaign';
import { COMPLETENESS_STATES } from './completeness';
import type { Stats } from './stats';
import { applyStatsDelta, deltaFits, diffStats } from './stats-delta';

// Whatever two snapshots a screen goes between, the delta from one to the other rebuilds the
// second exactly, and carries nothing that did not change.

const small = fc.nat(9);
const byType = fc.record(Object.fromEntries(ACTIVITY_TYPES.map((t) => [t, small])));
const completeness = fc.record({
	total: small,
	reportedOnTime: small,
	reportedLate: small,
	noActivity: small,
	activitiesOnly: small,
	notStarted: small
});
const unit = fc.record({
	code: fc.constantFrom('SO-YT', 'SO-TP', '03388', '03390', 'UBMT'),
	name: fc.constantFrom('Sở Y tế', 'Sở Tư pháp', 'Xã Bản Hon'),
	shortName: fc.option(fc.constant('Y tế')),
	kind: fc.constantFrom('department', 'commune'),
	group: fc.constantFrom(...UNIT_GROUPS),
	activities: small,
	participants: small,
	byType,
	completeness: fc.constantFrom(...COMPLETENESS_STATES),
	reportedAt: fc.option(fc.constant('2026-05-02T03:00:00.000Z'))
});
const day = fc.record({
	date: fc.constantFrom('2026-04-18', '2026-04-19', '2026-04-20', '2026-04-21'),
	total: small,
	byType
});
const activity = fc.record({
	id: fc.integer({ min: 1, max: 15 }),
	title: fc.constantFrom('Treo băng rôn', 'Tọa đàm đổi mới sáng tạo', 'Cuộc thi ý tưởng'),
	status: fc.constantFrom('pending', 'approved'),
	participants: fc.option(small)
});
const stats = fc.record({
	campaign: fc.constantFrom('sang-tao-2026', 'sang-tao-2027'),
	generatedAt: fc.constantFrom('2026-04-21T01:00:00.000Z', '2026-04-21T01:00:01.000Z'),
	totals: fc.record({ activities: small, participants: small, demo: small }),
	byType: fc.record(
		Object.fromEntries(
			ACTIVITY_TYPES.map((t) => [
				t,
				fc.record({ activities: small, quantity: small, participants: small })
			])
		)
	),
	byGroup: fc.record(
		Object.fromEntries(UNIT_GROUPS.map((g) => [g, fc.record({ units: small, completeness })]))
	),
	completeness,
	byUnit: fc.uniqueArray(unit, { selector: (u) => u.code, maxLength: 5 }),
	byDay: fc.uniqueArray(day, { selector: (d) => d.date, maxLength: 4 }),
	latest: fc.uniqueArray(activity, { selector: (a) => a.id, maxLength: 12 }),
	exemplary: fc.uniqueArray(activity, { selector: (a) => a.id, maxLength: 4 }),
	seq: fc.nat(50)
}) as unknown as fc.Arbitrary<Stats>;

/** A second snapshot near the first: most pairs differ in a few places, as real changes do. */
const pair = stats.chain((before) =>
	fc
		.record({
			after: stats,
			keep: fc.array(fc.boolean(), { minLength: 11, maxLength: 11 })
		})
		.map(({ after, keep }) => {
			const fields = Object.keys(before) as (keyof Stats)[];
			const mixed = Object.fromEntries(
				fields.map((field, i) => [field, keep[i] ? before[field] : after[field]])
			) as unknown as Stats;
			return { before, after: mixed };
		})
);

describe('stats deltas', () => {
	it('rebuild the newer snapshot exactly from the older one', () => {
		fc.assert(
			fc.property(pair, ({ before, after }) => {
				const delta = diffStats(before, after);
				const rebuilt = delta ? applyStatsDelta(before, delta) : before;
				expect(rebuilt).toEqual({ ...after, generatedAt: rebuilt.generatedAt });
				if (delta) expect(rebuilt.generatedAt).toBe(after.generatedAt);
			}),
			{ numRuns: 2000 }
		);
	});

	it('carry only what changed', () => {
		fc.assert(
			fc.property(pair, ({ before, after }) => {
				const delta = diffStats(before, after);
				if (!delta) return;
				for (const field of ['campaign', 'totals', 'byType', 'byGroup', 'completeness'] as const) {
					if (JSON.stringify(before[field]) === JSON.stringify(after[field])) {
						expect(delta[field]).toBeUndefined();
					}
				}
				const oldUnits = new Map(before.byUnit.map((u) => [u.code, JSON.stringify(u)]));
				for (const u of delta.byUnit?.upsert ?? []) {
					expect(oldUnits.get(u.code)).not.toBe(JSON.stringify(u));
				}
			}),
			{ numRuns: 1000 }
		);
	});

	it('are nothing when nothing changed', () => {
		fc.assert(
			fc.property(stats, (s) => {
				expect(diffStats(s, structuredClone(s))).toBeUndefined();
			})
		);
	});

	it('chain: a screen applies a run of deltas in order and ends where the server is', () => {
		fc.assert(
			fc.property(fc.array(stats, { minLength: 2, maxLength: 8 }), (run) => {
				// The server's snapshots, each with a higher seq than the one before.
				const snapshots = run.map((s, i) => ({ ...s, seq: i + 1 }));
				let screen = snapshots[0];
				for (const next of snapshots.slice(1)) {
					const delta = diffStats(snapshots[snapshots.indexOf(next) - 1], next)!;
					expect(deltaFits(screen, delta)).toBe('apply');
					screen = applyStatsDelta(screen, delta);
				}
				expect(screen).toEqual(snapshots.at(-1));
			})
		);
	});

	it('tell a screen that missed one to fetch a snapshot, and one already past it to ignore it', () => {
		fc.assert(
			fc.property(stats, stats, stats, (a, b, c) => {
				const [s1, s2, s3] = [
					{ ...a, seq: 1 },
					{ ...b, seq: 2 },
					{ ...c, seq: 3 }
				];
				// missed 1 → 2, then 2 → 3 arrives
				expect(deltaFits(s1, diffStats(s2, s3)!)).toBe('gap');
				// already got a snapshot at 3 when 1 → 2 arrives late
				expect(deltaFits(s3, diffStats(s1, s2)!)).toBe('stale');
			})
		);
	});

	it('let a screen holding part of a list (a kiosk following one unit) receive that unit', () => {
		const base = fc.sample(stats, 1)[0];
		const unitRow = {
			...base.byUnit[0],
			code: 'SO-YT',
			activities: 3
		} as Stats['byUnit'][number];
		const screen = { ...base, byUnit: [], seq: 4 };
		const next = applyStatsDelta(screen, {
			from: 4,
			seq: 5,
			generatedAt: base.generatedAt,
			byUnit: { upsert: [unitRow] }
		});
		expect(next.byUnit).toEqual([unitRow]);
		const again = applyStatsDelta(next, {
			from: 5,
			seq: 6,
			generatedAt: base.generatedAt,
			byUnit: { upsert: [{ ...unitRow, activities: 4 }] }
		});
		expect(again.byUnit.map((u) => u.activities)).toEqual([4]);
	});
});
