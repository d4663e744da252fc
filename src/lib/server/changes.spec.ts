import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { parseActivityInput, type ActivityInput } from '../domain/activity';
import { bundledMigrations } from './db/migrations';
import { openDatabase, type DB } from './db/open';
import { CLI_ACTOR } from './repositories/audit';
import { findActiveCampaign } from './repositories/campaigns';
import {
	deleteDemoActivities,
	editActivityByAdmin,
	findActivity,
	insertActivity,
	markExemplary,
	moderateActivity,
	withdrawActivity
} from './repositories/activities';
import { findUnitByCode } from './repositories/units';
import { exportActivities, reportData } from './exports/data';
import { computeStats } from './stats';

// Random sequences of the writes that change what is counted must leave the kept tallies equal to
// a full recomputation from the activities table, and the live numbers equal to the exports'.

const UNITS = ['SO-YT', 'SO-TP', '03388'] as const;
const TYPES = ['banner', 'media', 'event', 'movement', 'honor'] as const;
const DAYS = ['2026-04-17', '2026-04-18', '2026-04-21', '2026-04-26', '2026-04-30'] as const;

type Step =
	| {
			kind: 'submit';
			unit: number;
			type: number;
			day: number;
			quantity: number;
			participants: number;
			demo: boolean;
	  }
	| { kind: 'edit'; pick: number; type: number; day: number; quantity: number }
	| { kind: 'moderate'; pick: number; decision: 'approved' | 'rejected' | 'pending' }
	| { kind: 'withdraw'; pick: number }
	| { kind: 'exemplary'; pick: number }
	| { kind: 'clearDemo' };

const step: fc.Arbitrary<Step> = fc.oneof(
	fc.record({
		kind: fc.constant('submit' as const),
		unit: fc.nat(UNITS.length - 1),
		type: fc.nat(TYPES.length - 1),
		day: fc.nat(DAYS.length - 1),
		quantity: fc.integer({ min: 1, max: 500 }),
		participants: fc.integer({ min: 0, max: 900 }),
		demo: fc.boolean()
	}),
	fc.record({
		kind: fc.constant('edit' as const),
		pick: fc.nat(),
		type: fc.nat(TYPES.length - 1),
		day: fc.nat(DAYS.length - 1),
		quantity: fc.integer({ min: 1, max: 500 })
	}),
	fc.record({
		kind: fc.constant('moderate' as const),
		pick: fc.nat(),
		decision: fc.constantFrom('approved' as const, 'rejected' as const, 'pending' as const)
	}),
	fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
	fc.record({ kind: fc.constant('exemplary' as const), pick: fc.nat() }),
	fc.constant({ kind: 'clearDemo' as const })
);

function input(type: (typeof TYPES)[number], day: string, quantity: number, participants = 0) {
	const raw: Record<string, unknown> = {
		type,
		title: `Hoạt động ${type} ngày ${day}`,
		startDate: day,
		quantity,
		participants: participants || undefined
	};
	if (type === 'media') raw.channels = ['social'];
	if (type === 'event') Object.assign(raw, { format: 'seminar', mode: 'onsite' });
	const parsed = parseActivityInput(raw);
	if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
	return parsed.value as ActivityInput;
}

/** The tallies recomputed from every activity, by the same rule. */
async function recomputed(db: DB) {
	const rows = await sql<{
		unit_id: number;
		type: string;
		start_date: string;
		activities: number;
		quantity: number;
		participants: number;
		demo: number;
	}>`select unit_id, type, start_date, count(*) as activities, coalesce(sum(quantity), 0) as quantity,
		coalesce(sum(participants), 0) as participants, coalesce(sum(demo), 0) as demo
		from activities where status <> 'rejected' and withdrawn_at is null
		group by unit_id, type, start_date order by unit_id, type, start_date`.execute(db);
	return rows.rows;
}

async function kept(db: DB) {
	return db
		.selectFrom('activity_tallies')
		.select(['unit_id', 'type', 'start_date', 'activities', 'quantity', 'participants', 'demo'])
		.where('activities', '>', 0)
		.orderBy('unit_id')
		.orderBy('type')
		.orderBy('start_date')
		.execute();
}

async function run(db: DB, steps: Step[]) {
	const campaign = await findActiveCampaign(db);
	const units = await Promise.all(UNITS.map(async (code) => (await findUnitByCode(db, code))!));
	const ids: number[] = [];
	let key = 0;
	const target = async (pick: number) => {
		const live = (await db.selectFrom('activities').select('id').execute()).map((r) => r.id);
		if (live.length === 0) return undefined;
		return findActivity(db, live[pick % live.length], { includeWithdrawn: true });
	};
	for (const s of steps) {
		switch (s.kind) {
			case 'submit': {
				const result = await insertActivity(db, {
					campaignId: campaign.id,
					unit: units[s.unit],
					input: input(TYPES[s.type], DAYS[s.day], s.quantity, s.participants),
					idempotencyKey: `k${++key}`,
					source: 'api',
					demo: s.demo
				});
				if (result.kind === 'created') ids.push(result.activity.id);
				break;
			}
			case 'edit': {
				const activity = await target(s.pick);
				if (activity && !activity.withdrawn)
					await editActivityByAdmin(db, {
						id: activity.id,
						expectedVersion: activity.version,
						input: input(TYPES[s.type], DAYS[s.day], s.quantity),
						actor: CLI_ACTOR
					});
				break;
			}
			case 'moderate': {
				const activity = await target(s.pick);
				if (activity && !activity.withdrawn)
					await moderateActivity(db, {
						id: activity.id,
						expectedVersion: activity.version,
						decision: s.decision,
						reason: 'Thiếu minh chứng',
						actor: CLI_ACTOR
					});
				break;
			}
			case 'withdraw': {
				const activity = await target(s.pick);
				if (activity && !activity.withdrawn) {
					const unit = units.find((u) => u.code === activity.unit.code)!;
					await withdrawActivity(db, {
						id: activity.id,
						unitId: unit.id,
						expectedVersion: activity.version,
						actor: CLI_ACTOR
					});
				}
				break;
			}
			case 'exemplary': {
				const activity = await target(s.pick);
				if (activity && activity.status === 'approved' && !activity.withdrawn)
					await markExemplary(db, {
						id: activity.id,
						expectedVersion: activity.version,
						exemplary: !activity.exemplary,
						note: null,
						actor: CLI_ACTOR
					});
				break;
			}
			case 'clearDemo':
				await deleteDemoActivities(db, campaign.id, CLI_ACTOR);
				break;
		}
	}
}

describe('kept tallies', () => {
	it('equal a full recomputation, and the live numbers equal the exports, after any sequence of writes', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
				const db = await openDatabase(':memory:', bundledMigrations);
				try {
					await run(db, steps);
					expect(await kept(db)).toEqual(await recomputed(db));

					const campaign = await findActiveCampaign(db);
					const stats = await computeStats(db, campaign);
					const report = await reportData(db, campaign, {});
					expect(stats.totals.activities).toBe(report.totals.activities);
					expect(stats.totals.participants).toBe(report.totals.participants);
					expect(stats.totals.demo).toBe(report.totals.demo);
					expect(stats.totals.outsideWindow).toBe(report.totals.outsideWindow);
					for (const type of TYPES) {
						expect(stats.byType[type].activities).toBe(report.byType[type].activities);
						expect(stats.byType[type].quantity).toBe(report.byType[type].quantity);
					}
					let exported = 0;
					for await (const page of exportActivities(db, campaign.id, {})) exported += page.length;
					expect(exported).toBe(stats.totals.activities);
				} finally {
					await db.destroy();
				}
			}),
			{ numRuns: 60 }
		);
	});
});
