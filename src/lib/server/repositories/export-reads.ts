import { sql } from 'kysely';
import type { UnitGroup, UnitKind } from '../../domain/campaign';
import type { ExportFilter } from '../../domain/export-filter';
import type { DB } from '../db/open';
import type { Campaign } from '../db/schema';
import { isPostgres } from '../db/postgres';
import { countedActivity } from './tallies';

// The reads behind the exports (the Ministry's report, the workbook, the CSV): counted activities
// of the units in scope, narrowed by the dashboard's filter; ../exports/data.ts shapes them.

const KINDS_OF_GROUP: Record<UnitGroup, UnitKind[]> = {
	front: ['front'],
	sectors: ['department', 'agency'],
	localities: ['commune', 'ward']
};

/**
 * Counted activities (the rule: domain/counting.ts) of active units, narrowed by the filter —
 * and to the approved ones when the filter asks for only those.
 */
export function countedActivities(db: DB, campaignId: number, filter: ExportFilter) {
	let query = db
		.selectFrom('activities')
		.innerJoin('units', 'units.id', 'activities.unit_id')
		.where('activities.campaign_id', '=', campaignId)
		.where(countedActivity)
		.where('units.active', '=', 1);
	if (filter.group) query = query.where('units.kind', 'in', KINDS_OF_GROUP[filter.group]);
	if (filter.type) query = query.where('activities.type', '=', filter.type);
	if (filter.from) query = query.where('activities.start_date', '>=', filter.from);
	if (filter.to) query = query.where('activities.start_date', '<=', filter.to);
	if (filter.status === 'approved') query = query.where('activities.status', '=', 'approved');
	return query;
}

/** Counted activities in the filter's scope still waiting for review, whatever the status choice. */
export async function countPendingInScope(
	db: DB,
	campaignId: number,
	filter: ExportFilter
): Promise<number> {
	const row = await countedActivities(db, campaignId, { ...filter, status: undefined })
		.where('activities.status', '=', 'pending')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function unitsInScope(db: DB, filter: ExportFilter) {
	let query = db
		.selectFrom('units')
		.select(['id', 'code', 'name', 'kind', 'contact_name', 'contact_phone', 'contact_email'])
		.where('active', '=', 1)
		.orderBy('sort_order')
		.orderBy('id');
	if (filter.group) query = query.where('kind', 'in', KINDS_OF_GROUP[filter.group]);
	return query.execute();
}

export async function countExportActivities(
	db: DB,
	campaignId: number,
	filter: ExportFilter
): Promise<number> {
	const row = await countedActivities(db, campaignId, filter)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** One page of a unit's counted activities after id `after`, in id order. */
export function exportActivityPage(
	db: DB,
	campaignId: number,
	filter: ExportFilter,
	unitId: number,
	after: number,
	pageSize: number
) {
	return countedActivities(db, campaignId, filter)
		.selectAll('activities')
		.where('activities.unit_id', '=', unitId)
		.where('activities.id', '>', after)
		.orderBy('activities.id')
		.limit(pageSize)
		.execute();
}

/** An activity's channels (a JSON array of text) as rows `channel.value`, on either database. */
function channelsOf(db: DB) {
	return isPostgres(db)
		? sql<{ value: string }>`jsonb_array_elements_text(activities.channels::jsonb)`.as<'channel'>(
				sql`channel(value)`
			)
		: sql<{ value: string }>`json_each(activities.channels)`.as('channel');
}

/** What the consolidated report is computed from, in grouped queries. */
export async function readReportInputs(
	db: DB,
	campaign: Pick<Campaign, 'id' | 'window_from' | 'window_to'>,
	filter: ExportFilter
) {
	const units = await unitsInScope(db, filter);
	const cells = await countedActivities(db, campaign.id, filter)
		.select((eb) => [
			'activities.unit_id',
			'activities.type',
			eb.fn.countAll<number>().as('activities'),
			eb.fn.coalesce(eb.fn.sum<number>('activities.quantity'), eb.lit(0)).as('quantity'),
			eb.fn.coalesce(eb.fn.sum<number>('activities.participants'), eb.lit(0)).as('participants'),
			eb.fn.sum<number>('activities.demo').as('demo'),
			// "ngoài đợt": starting outside the activity window
			sql<number>`sum(case when activities.start_date < ${campaign.window_from} or activities.start_date > ${campaign.window_to} then 1 else 0 end)`.as(
				'outsideWindow'
			)
		])
		.groupBy(['activities.unit_id', 'activities.type'])
		.execute();
	const channels = await countedActivities(db, campaign.id, filter)
		.innerJoin(channelsOf(db), (join) => join.onTrue())
		.select((eb) => [
			'channel.value as channel',
			eb.fn.countAll<number>().as('activities'),
			eb.fn.coalesce(eb.fn.sum<number>('activities.quantity'), eb.lit(0)).as('quantity')
		])
		.where('activities.type', '=', 'media')
		.groupBy('channel.value')
		.execute();
	const formats = await countedActivities(db, campaign.id, filter)
		.select((eb) => [
			'activities.format',
			eb.fn.countAll<number>().as('activities'),
			eb.fn.coalesce(eb.fn.sum<number>('activities.quantity'), eb.lit(0)).as('attendees')
		])
		.where('activities.type', '=', 'event')
		.groupBy('activities.format')
		.execute();
	const reports = await db
		.selectFrom('unit_reports')
		.selectAll()
		.where('campaign_id', '=', campaign.id)
		.execute();

	const pending = await countPendingInScope(db, campaign.id, filter);

	return { units, cells, channels, formats, reports, pending };
}

/**
 * The exemplary activities in scope that have photos, in the units' official order: the report's
 * photo annex. At most `limit`, and how many more there are.
 */
export async function exemplaryWithPhotos(
	db: DB,
	campaignId: number,
	filter: ExportFilter,
	limit: number
) {
	const query = countedActivities(db, campaignId, filter)
		.where('activities.exemplary', '=', 1)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('activity_photos')
					.select('activity_photos.hash')
					.whereRef('activity_photos.activity_id', '=', 'activities.id')
			)
		);
	const rows = await query
		.select([
			'activities.id',
			'activities.title',
			'activities.start_date',
			'activities.end_date',
			'activities.exemplary_note',
			'units.name as unit_name'
		])
		.orderBy('units.sort_order')
		.orderBy('activities.id')
		.limit(limit)
		.execute();
	const { n } = await query
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return { rows, more: Math.max(0, Number(n) - rows.length) };
}
