import { sql } from 'kysely';
import {
	ACTIVITY_TYPES,
	groupOfKind,
	type ActivityType,
	type UnitGroup,
	type UnitKind
} from '../../domain/campaign';
import {
	completenessState,
	type Completeness,
	type CompletenessState
} from '../../domain/completeness';
import { cutoffState, type CutoffState } from '../../domain/cutoff';
import type { ExportFilter } from '../../domain/export-filter';
import type { DB } from '../db/open';
import type { Campaign } from '../db/schema';
import type { StoredActivity } from '../../domain/stats';
import { toStoredActivity } from '../repositories/activities';
import { countedActivity } from '../changes';

const KINDS_OF_GROUP: Record<UnitGroup, UnitKind[]> = {
	front: ['front'],
	sectors: ['department', 'agency'],
	localities: ['commune', 'ward']
};

/** One activity as every export writes it: the stored activity and its unit's group. */
export type ExportActivity = StoredActivity & { group: UnitGroup };

export interface UnitSummary {
	code: string;
	name: string;
	group: UnitGroup;
	activities: number;
	participants: number;
	byType: Record<ActivityType, number>;
	quantityByType: Record<ActivityType, number>;
	state: CompletenessState;
	reportedAt: string | null;
	reportSummary: string | null;
	reportReason: string | null;
	contact: string | null;
}

export interface ReportData {
	campaign: Campaign;
	filter: ExportFilter;
	generatedAt: string;
	cutoff: CutoffState;
	totals: {
		activities: number;
		participants: number;
		units: number;
		unitsWithActivities: number;
		/** sample activities of `cli demo` among them */
		demo: number;
		/** activities that start outside the activity window ("ngoài đợt", confirmed by the unit) */
		outsideWindow: number;
	};
	byType: Record<ActivityType, { activities: number; quantity: number; participants: number }>;
	mediaByChannel: { channel: string; activities: number; quantity: number }[];
	eventsByFormat: { format: string; activities: number; attendees: number }[];
	units: UnitSummary[];
	completeness: Completeness;
	/** units that have sent no final report yet (nothing at all, or activities only) */
	missing: UnitSummary[];
}

const zeroByType = () =>
	Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, 0])) as Record<ActivityType, number>;

/** Counted activities (the rule: changes.ts) of active units, narrowed by the filter. */
function countedActivities(db: DB, campaignId: number, filter: ExportFilter) {
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
	return query;
}

async function unitsInScope(db: DB, filter: ExportFilter) {
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

/**
 * Every activity in the export, unit by unit in the official order, in pages: memory stays flat
 * whether there are a hundred activities or a hundred thousand.
 */
export async function* exportActivities(
	db: DB,
	campaignId: number,
	filter: ExportFilter,
	pageSize = 2000
): AsyncGenerator<ExportActivity[]> {
	for (const unit of await unitsInScope(db, filter)) {
		const group = groupOfKind(unit.kind);
		let after = 0;
		for (;;) {
			const rows = await countedActivities(db, campaignId, filter)
				.selectAll('activities')
				.where('activities.unit_id', '=', unit.id)
				.where('activities.id', '>', after)
				.orderBy('activities.id')
				.limit(pageSize)
				.execute();
			if (rows.length === 0) break;
			after = rows[rows.length - 1].id;
			yield rows.map((row) => ({ ...toStoredActivity(row, unit), group }));
			if (rows.length < pageSize) break;
		}
	}
}

/** Everything the consolidated report states, computed with grouped queries. */
export async function reportData(
	db: DB,
	campaign: Campaign,
	filter: ExportFilter,
	now: Date = new Date()
): Promise<ReportData> {
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
			sql<number>`sum(activities.start_date < ${campaign.window_from} or activities.start_date > ${campaign.window_to})`.as(
				'outsideWindow'
			)
		])
		.groupBy(['activities.unit_id', 'activities.type'])
		.execute();
	const channels = await countedActivities(db, campaign.id, filter)
		.innerJoin(sql<{ value: string }>`json_each(activities.channels)`.as('channel'), (join) =>
			join.onTrue()
		)
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
	const reports = new Map(
		(
			await db
				.selectFrom('unit_reports')
				.selectAll()
				.where('campaign_id', '=', campaign.id)
				.execute()
		).map((row) => [row.unit_id, row])
	);

	const byType = Object.fromEntries(
		ACTIVITY_TYPES.map((type) => [type, { activities: 0, quantity: 0, participants: 0 }])
	) as ReportData['byType'];
	const summaries = new Map<number, UnitSummary>();
	for (const unit of units) {
		const report = reports.get(unit.id);
		summaries.set(unit.id, {
			code: unit.code,
			name: unit.name,
			group: groupOfKind(unit.kind),
			activities: 0,
			participants: 0,
			byType: zeroByType(),
			quantityByType: zeroByType(),
			state: 'notStarted',
			reportedAt: report?.reported_at ?? null,
			reportSummary: report?.summary ?? null,
			reportReason: report?.reason ?? null,
			contact:
				[unit.contact_name, unit.contact_phone, unit.contact_email].filter(Boolean).join(' · ') ||
				null
		});
	}
	let demo = 0;
	let outsideWindow = 0;
	for (const cell of cells) {
		const summary = summaries.get(cell.unit_id);
		if (!summary) continue;
		demo += Number(cell.demo);
		outsideWindow += Number(cell.outsideWindow);
		const activities = Number(cell.activities);
		summary.activities += activities;
		summary.participants += Number(cell.participants);
		summary.byType[cell.type] += activities;
		summary.quantityByType[cell.type] += Number(cell.quantity);
		byType[cell.type].activities += activities;
		byType[cell.type].quantity += Number(cell.quantity);
		byType[cell.type].participants += Number(cell.participants);
	}
	const completeness: Completeness = {
		total: 0,
		reportedOnTime: 0,
		reportedLate: 0,
		noActivity: 0,
		activitiesOnly: 0,
		notStarted: 0
	};
	for (const [unitId, summary] of summaries) {
		const report = reports.get(unitId);
		summary.state = completenessState({
			activities: summary.activities,
			report: report ? { kind: report.kind, reportedAt: report.reported_at } : null,
			dueBefore: campaign.report_due_before
		});
		completeness.total++;
		completeness[summary.state]++;
	}
	const list = [...summaries.values()];
	return {
		campaign,
		filter,
		generatedAt: now.toISOString(),
		cutoff: cutoffState(campaign.cutoff_at, now),
		totals: {
			activities: list.reduce((sum, unit) => sum + unit.activities, 0),
			participants: list.reduce((sum, unit) => sum + unit.participants, 0),
			units: list.length,
			unitsWithActivities: list.filter((unit) => unit.activities > 0).length,
			demo,
			outsideWindow
		},
		byType,
		mediaByChannel: channels.map((row) => ({
			channel: row.channel,
			activities: Number(row.activities),
			quantity: Number(row.quantity)
		})),
		eventsByFormat: formats.map((row) => ({
			format: row.format ?? '',
			activities: Number(row.activities),
			attendees: Number(row.attendees)
		})),
		units: list,
		completeness,
		missing: list.filter((unit) => unit.state === 'notStarted' || unit.state === 'activitiesOnly')
	};
}
