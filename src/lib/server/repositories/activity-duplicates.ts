import type { DB } from '../db/open';
import { likelyDuplicates, type DuplicateCandidate } from '../../domain/duplicates';

export interface DuplicateOf {
	id: number;
	title: string;
}

/**
 * For these activities, the others of the campaign that likely repeat them (same unit, form and
 * start day, near-same title; withdrawn and rejected ones aside). One read of the few rows that
 * share a unit and a day with them, whatever the campaign's size.
 */
export async function findLikelyDuplicates(
	db: DB,
	campaignId: number,
	ids: number[]
): Promise<Map<number, DuplicateOf[]>> {
	if (ids.length === 0) return new Map();
	const shown = await db
		.selectFrom('activities')
		.select(['unit_id', 'start_date'])
		.where('campaign_id', '=', campaignId)
		.where('id', 'in', ids)
		.execute();
	if (shown.length === 0) return new Map();
	const rows = await db
		.selectFrom('activities')
		.select(['id', 'unit_id', 'type', 'start_date', 'title'])
		.where('campaign_id', '=', campaignId)
		.where('withdrawn_at', 'is', null)
		.where('status', '!=', 'rejected')
		.where('unit_id', 'in', [...new Set(shown.map((row) => row.unit_id))])
		.where('start_date', 'in', [...new Set(shown.map((row) => row.start_date))])
		.execute();
	const candidates: DuplicateCandidate[] = rows.map((row) => ({
		id: row.id,
		unitId: row.unit_id,
		type: row.type,
		startDate: row.start_date,
		title: row.title
	}));
	const titles = new Map(rows.map((row) => [row.id, row.title]));
	const wanted = new Set(ids);
	const found = new Map<number, DuplicateOf[]>();
	for (const [id, others] of likelyDuplicates(candidates)) {
		if (wanted.has(id))
			found.set(
				id,
				others.map((other) => ({ id: other, title: titles.get(other)! }))
			);
	}
	return found;
}
