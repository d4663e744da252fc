import { sql, type Kysely, type SqlBool } from 'kysely';
import type { ActivityType } from '../../domain/campaign';
import { isCounted, NOT_COUNTED_STATUS } from '../../domain/counting';
import type { ActivityRow, Database } from '../db/schema';

// The SQL of every change: its tally delta (applyTallyChange) and the campaign's change counter
// (recordChange), both run inside the write's own transaction by the repositories. `seq` is moved
// here and nowhere else; screens and the stats cache key on it. Once committed, the change is
// announced to screens by ../changes.ts.

/**
 * One change of what screens show: the campaign's `seq` moves by one. `'active'` for changes
 * that are not about one campaign's rows (units, who counts). Returns the new `seq`, and the
 * campaign's cut-off as the same statement read it (a write that must not pass the cut-off checks
 * it here, inside its transaction, instead of with a query of its own).
 */
export async function recordChange(
	trx: Kysely<Database>,
	campaign: number | 'active'
): Promise<{ seq: number; cutoffAt: string | null }> {
	const row = await trx
		.updateTable('campaigns')
		.set((eb) => ({ seq: eb('seq', '+', 1) }))
		.where(campaign === 'active' ? 'active' : 'id', '=', campaign === 'active' ? 1 : campaign)
		.returning(['seq', 'cutoff_at'])
		.executeTakeFirst();
	return { seq: row?.seq ?? 0, cutoffAt: row?.cutoff_at ?? null };
}

/** The counting rule (src/lib/domain/counting.ts) as a condition on the `activities` table. */
export const countedActivity = sql<SqlBool>`(activities.status <> ${NOT_COUNTED_STATUS} and activities.withdrawn_at is null)`;

/** What one activity contributes to the tallies. */
export interface TallyEntry {
	campaignId: number;
	unitId: number;
	type: ActivityType;
	startDate: string;
	quantity: number | null;
	participants: number | null;
	demo: boolean;
	status: string;
	withdrawn: boolean;
}

export function tallyEntryOf(row: ActivityRow): TallyEntry {
	return {
		campaignId: row.campaign_id,
		unitId: row.unit_id,
		type: row.type,
		startDate: row.start_date,
		quantity: row.quantity,
		participants: row.participants,
		demo: row.demo === 1,
		status: row.status,
		withdrawn: row.withdrawn_at !== null
	};
}

/** Add to (or, with negative numbers, take from) one cell of the tallies. */
export async function addToTally(
	trx: Kysely<Database>,
	cell: Pick<TallyEntry, 'campaignId' | 'unitId' | 'type' | 'startDate'>,
	change: { activities: number; quantity: number; participants: number; demo: number }
): Promise<void> {
	await trx
		.insertInto('activity_tallies')
		.values({
			campaign_id: cell.campaignId,
			unit_id: cell.unitId,
			type: cell.type,
			start_date: cell.startDate,
			...change
		})
		.onConflict((conflict) =>
			conflict.columns(['campaign_id', 'unit_id', 'type', 'start_date']).doUpdateSet((eb) => ({
				activities: eb('activity_tallies.activities', '+', change.activities),
				quantity: eb('activity_tallies.quantity', '+', change.quantity),
				participants: eb('activity_tallies.participants', '+', change.participants),
				demo: eb('activity_tallies.demo', '+', change.demo)
			}))
		)
		.execute();
}

/**
 * Keep the tallies in step with one write, inside that write's transaction: what the activity
 * counted before is taken away, what it counts now is added (an edit that moves it to another
 * day, form or status is both). Cost: at most two upserts of one small row, whatever the number
 * of stored activities.
 */
export async function applyTallyChange(
	trx: Kysely<Database>,
	before: TallyEntry | null,
	after: TallyEntry | null
): Promise<void> {
	for (const [entry, sign] of [
		[before, -1],
		[after, 1]
	] as const) {
		if (!entry || !isCounted(entry)) continue;
		await addToTally(trx, entry, {
			activities: sign,
			quantity: sign * (entry.quantity ?? 0),
			participants: sign * (entry.participants ?? 0),
			demo: entry.demo ? sign : 0
		});
	}
}
