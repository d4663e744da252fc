import type { Kysely } from 'kysely';
import type { ActivityRow, Database } from './db/schema';

// Every committed change goes through here: its tally delta (applyTallyChange) and the campaign's
// change counter (recordChange), both inside the write's own transaction. `seq` is moved here and
// nowhere else; screens and the stats cache key on it.

/**
 * One change of what screens show: the campaign's `seq` moves by one. `'active'` for changes
 * that are not about one campaign's rows (units, who counts). Returns the new `seq`.
 */
export async function recordChange(
	trx: Kysely<Database>,
	campaign: number | 'active'
): Promise<number> {
	const row = await trx
		.updateTable('campaigns')
		.set((eb) => ({ seq: eb('seq', '+', 1) }))
		.where(campaign === 'active' ? 'active' : 'id', '=', campaign === 'active' ? 1 : campaign)
		.returning('seq')
		.executeTakeFirst();
	return row?.seq ?? 0;
}

/**
 * The one rule for what the numbers count, written once: an activity counts unless it was
 * rejected or withdrawn. The tallies below, the live stats and the exports all follow it (the SQL
 * form is `countedWhere` for queries over the activities themselves).
 */
export function isCounted(row: Pick<ActivityRow, 'status' | 'withdrawn_at'>): boolean {
	return row.status !== 'rejected' && row.withdrawn_at === null;
}

type TallyRow = Pick<
	ActivityRow,
	| 'campaign_id'
	| 'unit_id'
	| 'type'
	| 'start_date'
	| 'quantity'
	| 'participants'
	| 'demo'
	| 'status'
	| 'withdrawn_at'
>;

/**
 * Keep the tallies in step with one write, inside that write's transaction: what the activity
 * counted before is taken away, what it counts now is added (an edit that moves it to another
 * day, form or status is both). Cost: at most two upserts of one small row, whatever the number
 * of stored activities.
 */
export async function applyTallyChange(
	trx: Kysely<Database>,
	before: TallyRow | null | undefined,
	after: TallyRow | null | undefined
): Promise<void> {
	const deltas: { row: TallyRow; sign: 1 | -1 }[] = [];
	if (before && isCounted(before)) deltas.push({ row: before, sign: -1 });
	if (after && isCounted(after)) deltas.push({ row: after, sign: 1 });
	for (const { row, sign } of deltas) {
		const change = {
			activities: sign,
			quantity: sign * (row.quantity ?? 0),
			participants: sign * (row.participants ?? 0),
			demo: sign * (row.demo ? 1 : 0)
		};
		await trx
			.insertInto('activity_tallies')
			.values({
				campaign_id: row.campaign_id,
				unit_id: row.unit_id,
				type: row.type,
				start_date: row.start_date,
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
}
