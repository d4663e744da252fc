import type { DB } from '../db/open';
import type { Campaign } from '../db/schema';
import { readSnapshot } from '../db/postgres';
import { LATEST_COUNT } from '../../domain/stats';
import { photosOf, selectActivitiesWithUnit } from './activities';
import { countedActivity } from './tallies';

// What the live numbers are computed from (../stats.ts does the computing): the active units, the
// kept tallies by unit and form and by day and form, the newest counted activities (and, with
// moderation on, the newest approved ones for the public), the exemplary ones, the units' final
// reports and the campaign's seq. Each read costs what the tallies' size does, not the number of
// stored activities.
export function readStatsInputs(db: DB, campaign: Pick<Campaign, 'id' | 'moderation'>) {
	return readSnapshot(db, (db) => read(db, campaign));
}

async function read(db: DB, campaign: Pick<Campaign, 'id' | 'moderation'>) {
	// The change counter first: whatever the reads below see is at least this new, so numbers
	// are never labelled newer than they are.
	const { seq } = await db
		.selectFrom('campaigns')
		.select('seq')
		.where('id', '=', campaign.id)
		.executeTakeFirstOrThrow();

	const units = await db
		.selectFrom('units')
		.select(['id', 'code', 'name', 'short_name', 'kind'])
		.where('active', '=', 1)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();

	// The kept tallies (tallies.ts): a read of a table of units × forms × days, whatever
	// the number of stored activities.
	const cells = await db
		.selectFrom('activity_tallies')
		.select((eb) => [
			'unit_id',
			'type',
			eb.fn.sum<number>('activities').as('activities'),
			eb.fn.sum<number>('quantity').as('quantity'),
			eb.fn.sum<number>('participants').as('participants'),
			eb.fn.sum<number>('demo').as('demo')
		])
		.where('campaign_id', '=', campaign.id)
		.groupBy(['unit_id', 'type'])
		.execute();

	const days = await db
		.selectFrom('activity_tallies')
		.innerJoin('units', 'units.id', 'activity_tallies.unit_id')
		.select((eb) => ['start_date', 'type', eb.fn.sum<number>('activities').as('activities')])
		.where('campaign_id', '=', campaign.id)
		.where('units.active', '=', 1)
		.groupBy(['start_date', 'type'])
		.execute();

	const latestQuery = selectActivitiesWithUnit(db)
		.where('campaign_id', '=', campaign.id)
		.where(countedActivity)
		.where('units.active', '=', 1)
		.orderBy('activities.id', 'desc')
		.limit(LATEST_COUNT);
	const latestRows = await latestQuery.execute();
	const exemplaryRows = await selectActivitiesWithUnit(db)
		.where('campaign_id', '=', campaign.id)
		.where('status', '=', 'approved')
		.where('exemplary', '=', 1)
		.where('withdrawn_at', 'is', null)
		.where('units.active', '=', 1)
		.orderBy('activities.updated_at', 'desc')
		.limit(LATEST_COUNT)
		.execute();
	// With moderation on, the public sees titles only once the Department approved them.
	const moderated = campaign.moderation === 1;
	const latestPublicRows = moderated
		? await latestQuery.where('status', '=', 'approved').execute()
		: latestRows;

	// Their photos, for the first one's thumbnail on the live screens: one query for all.
	const photos = await photosOf(db, [
		...new Set([...latestRows, ...exemplaryRows, ...latestPublicRows].map((row) => row.id))
	]);

	const reports = await db
		.selectFrom('unit_reports')
		.select(['unit_id', 'kind', 'reported_at'])
		.where('campaign_id', '=', campaign.id)
		.execute();

	return {
		units,
		cells,
		days,
		latestRows,
		exemplaryRows,
		latestPublicRows,
		photos,
		moderated,
		reports,
		seq
	};
}
