import {
	ACTIVITY_TYPES,
	groupOfKind,
	isOneOf,
	MEDIA_CHANNELS,
	type EventFormat,
	type MediaChannel,
	type ActivityType,
	type UnitGroup
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
import { photosOf, toStoredActivity } from '../repositories/activities';
import {
	exemplaryWithPhotos,
	exportActivityPage,
	readReportInputs,
	unitsInScope
} from '../repositories/export-reads';
import { photoForDocument } from '../photos';

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
		/**
		 * activities in scope still waiting for review: among the counted ones by default, left
		 * out when the filter counts approved ones only
		 */
		pending: number;
	};
	byType: Record<ActivityType, { activities: number; quantity: number; participants: number }>;
	mediaByChannel: { channel: MediaChannel; activities: number; quantity: number }[];
	/** `format` null: an event whose kind was not given */
	eventsByFormat: { format: EventFormat | null; activities: number; attendees: number }[];
	units: UnitSummary[];
	completeness: Completeness;
	/** units that have sent no final report yet (nothing at all, or activities only) */
	missing: UnitSummary[];
}

const zeroByType = () =>
	Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, 0])) as Record<ActivityType, number>;

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
			const rows = await exportActivityPage(db, campaignId, filter, unit.id, after, pageSize);
			if (rows.length === 0) break;
			after = rows[rows.length - 1].id;
			const photos = await photosOf(
				db,
				rows.map((row) => row.id)
			);
			yield rows.map((row) => ({
				...toStoredActivity(row, unit, photos.get(row.id) ?? []),
				group
			}));
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
	const { units, cells, channels, formats, ...rest } = await readReportInputs(db, campaign, filter);
	const reports = new Map(rest.reports.map((row) => [row.unit_id, row]));

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
			outsideWindow,
			pending: rest.pending
		},
		byType,
		// The column holds validated channels only; json_each gives them back as text.
		mediaByChannel: channels.flatMap((row) =>
			isOneOf(MEDIA_CHANNELS, row.channel)
				? [
						{
							channel: row.channel,
							activities: Number(row.activities),
							quantity: Number(row.quantity)
						}
					]
				: []
		),
		eventsByFormat: formats.map((row) => ({
			format: row.format,
			activities: Number(row.activities),
			attendees: Number(row.attendees)
		})),
		units: list,
		completeness,
		missing: list.filter((unit) => unit.state === 'notStarted' || unit.state === 'activitiesOnly')
	};
}

export interface PhotoAnnexItem {
	unitName: string;
	title: string;
	startDate: string;
	endDate: string | null;
	note: string | null;
	photos: { data: Buffer; width: number; height: number }[];
}

/**
 * The report's photo annex: the exemplary activities in scope that have photos (at most
 * `activities` of them, `perActivity` photos each, made fit for print), and how many more exemplary
 * activities with photos there are.
 */
export async function photoAnnex(
	db: DB,
	campaignId: number,
	filter: ExportFilter,
	photosDir: string,
	limits = { activities: 30, perActivity: 2 }
): Promise<{ items: PhotoAnnexItem[]; more: number }> {
	const { rows, more } = await exemplaryWithPhotos(db, campaignId, filter, limits.activities);
	const photos = await photosOf(
		db,
		rows.map((row) => row.id)
	);
	const items: PhotoAnnexItem[] = [];
	for (const row of rows) {
		const prepared = [];
		for (const photo of (photos.get(row.id) ?? []).slice(0, limits.perActivity)) {
			const ready = await photoForDocument(photosDir, photo.hash);
			if (ready) prepared.push(ready);
		}
		if (prepared.length === 0) continue;
		items.push({
			unitName: row.unit_name,
			title: row.title,
			startDate: row.start_date,
			endDate: row.end_date,
			note: row.exemplary_note,
			photos: prepared
		});
	}
	return { items, more };
}
