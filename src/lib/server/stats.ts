import {
	ACTIVITY_TYPES,
	UNIT_GROUPS,
	groupOfKind,
	type ActivityType,
	type UnitKind
} from '../domain/campaign';
import { datesBetween } from '../domain/dates';
import { completenessState, type Completeness } from '../domain/completeness';
import type {
	ActivityPhoto,
	DayTally,
	GroupTally,
	Stats,
	TypeTally,
	UnitTally
} from '../domain/stats';
import type { DB } from './db/open';
import type { ActivityRow, Campaign } from './db/schema';
import { toPublicActivity } from './repositories/activities';
import { readStatsInputs } from './repositories/stats-inputs';

const emptyCompleteness = (): Completeness => ({
	total: 0,
	reportedOnTime: 0,
	reportedLate: 0,
	noActivity: 0,
	activitiesOnly: 0,
	notStarted: 0
});

const zeroByType = (): Record<ActivityType, number> =>
	Object.fromEntries(ACTIVITY_TYPES.map((type) => [type, 0])) as Record<ActivityType, number>;

/**
 * The public aggregates behind `/api/v1/stats`, the socket's `stats` event, the dashboard and the
 * kiosk. Rejected activities never count; inactive units are left out entirely. Three grouped
 * queries, whatever the number of activities.
 */
export interface StatsViews {
	/** for leaders and administrators */
	staff: Stats;
	/**
	 * for everyone else: the same numbers; titles only of approved activities when moderated; no
	 * per-unit table (the screens of the public do not show one — see viewFor)
	 */
	public: Stats;
}

/**
 * The snapshot one screen gets: staff everything; the public no per-unit table, except the row of
 * the unit a kiosk follows (`unit`), or all of it (`'all'`: `GET /api/v1/stats`, whose contract
 * has the table).
 */
export function viewFor(views: StatsViews, access: 'public' | 'staff' | 'admin', unit?: string) {
	if (access !== 'public') return views.staff;
	if (unit === undefined) return views.public;
	const byUnit =
		unit === 'all' ? views.staff.byUnit : views.staff.byUnit.filter((u) => u.code === unit);
	return { ...views.public, byUnit };
}

type LatestRow = ActivityRow & { unit_code: string; unit_name: string; unit_kind: UnitKind };

function toLatest(row: LatestRow, photos: Map<number, ActivityPhoto[]>) {
	return toPublicActivity(
		row,
		{ id: row.unit_id, code: row.unit_code, name: row.unit_name, kind: row.unit_kind },
		photos.get(row.id) ?? []
	);
}

export async function computeStatsViews(db: DB, campaign: Campaign): Promise<StatsViews> {
	const { stats, latestPublicRows, photos, moderated } = await compute(db, campaign);
	return {
		staff: stats,
		public: {
			...stats,
			byUnit: [],
			latest: moderated ? latestPublicRows.map((row) => toLatest(row, photos)) : stats.latest
		}
	};
}

/** The staff view; see computeStatsViews. */
export async function computeStats(db: DB, campaign: Campaign): Promise<Stats> {
	return (await compute(db, campaign)).stats;
}

async function compute(db: DB, campaign: Campaign) {
	const {
		units,
		cells,
		days,
		latestRows,
		exemplaryRows,
		latestPublicRows,
		photos,
		moderated,
		...rest
	} = await readStatsInputs(db, campaign);
	const reports = new Map(rest.reports.map((row) => [row.unit_id, row]));
	const { seq } = rest;

	const byType = Object.fromEntries(
		ACTIVITY_TYPES.map((type) => [type, { activities: 0, quantity: 0, participants: 0 }])
	) as Record<ActivityType, TypeTally>;
	const byGroup = Object.fromEntries(
		UNIT_GROUPS.map((group) => [
			group,
			{
				units: 0,
				unitsReported: 0,
				activities: 0,
				participants: 0,
				completeness: emptyCompleteness()
			} satisfies GroupTally
		])
	) as Stats['byGroup'];

	const unitTallies = new Map<number, UnitTally>();
	for (const unit of units) {
		const group = groupOfKind(unit.kind);
		byGroup[group].units++;
		unitTallies.set(unit.id, {
			code: unit.code,
			name: unit.name,
			shortName: unit.short_name,
			kind: unit.kind,
			group,
			activities: 0,
			participants: 0,
			byType: zeroByType(),
			completeness: 'notStarted',
			reportedAt: reports.get(unit.id)?.reported_at ?? null
		});
	}

	// Sample activities of `cli demo` among the counted ones.
	let demo = 0;
	for (const cell of cells) {
		const tally = unitTallies.get(cell.unit_id);
		if (!tally) continue; // inactive unit
		const activities = Number(cell.activities);
		const participants = Number(cell.participants);
		demo += Number(cell.demo);
		tally.activities += activities;
		tally.participants += participants;
		tally.byType[cell.type] += activities;
		byType[cell.type].activities += activities;
		byType[cell.type].quantity += Number(cell.quantity);
		byType[cell.type].participants += participants;
		byGroup[tally.group].activities += activities;
		byGroup[tally.group].participants += participants;
	}

	let unitsReported = 0;
	const completeness = emptyCompleteness();
	for (const [unitId, tally] of unitTallies) {
		if (tally.activities > 0) {
			unitsReported++;
			byGroup[tally.group].unitsReported++;
		}
		const report = reports.get(unitId);
		tally.completeness = completenessState({
			activities: tally.activities,
			report: report ? { kind: report.kind, reportedAt: report.reported_at } : null,
			dueBefore: campaign.report_due_before
		});
		completeness[tally.completeness]++;
		completeness.total++;
		byGroup[tally.group].completeness[tally.completeness]++;
		byGroup[tally.group].completeness.total++;
	}

	const windowDays = datesBetween(campaign.window_from, campaign.window_to);
	const dayTallies = new Map<string, DayTally>(
		windowDays.map((date) => [date, { date, total: 0, byType: zeroByType() }])
	);
	let outsideWindow = 0;
	for (const row of days) {
		const day = dayTallies.get(row.start_date);
		const activities = Number(row.activities);
		if (!day) {
			outsideWindow += activities;
			continue;
		}
		day.total += activities;
		day.byType[row.type] += activities;
	}

	const byUnit = [...unitTallies.values()];
	const activities = byUnit.reduce((sum, unit) => sum + unit.activities, 0);
	const participants = byUnit.reduce((sum, unit) => sum + unit.participants, 0);

	const stats: Stats = {
		campaign: campaign.slug,
		generatedAt: new Date().toISOString(),
		totals: {
			activities,
			participants,
			units: units.length,
			unitsReported,
			banners: byType.banner.quantity,
			mediaItems: byType.media.quantity,
			events: byType.event.activities,
			attendees: byType.event.quantity,
			initiatives: byType.movement.quantity,
			awardees: byType.honor.quantity,
			outsideWindow,
			demo
		},
		byType,
		byGroup,
		completeness,
		byUnit,
		byDay: [...dayTallies.values()],
		latest: latestRows.map((row) => toLatest(row, photos)),
		exemplary: exemplaryRows.map((row) => ({
			...toLatest(row, photos),
			exemplaryNote: row.exemplary_note
		})),
		seq
	};
	return { stats, latestPublicRows, photos, moderated };
}
