import { actorName, auditActionLabel } from '$lib/i18n/audit-labels';
import { m } from '$lib/paraglide/messages';
import { completenessState, type CompletenessState } from '$lib/domain/completeness';
import type { StoredActivity } from '$lib/domain/stats';
import { db } from './context';
import type { Unit } from './db/schema';
import { listActivitiesOfUnit } from './repositories/activities';
import { findUnitByCode } from './repositories/units';
import { unitTimeline } from './repositories/audit';
import { isCounted } from '../domain/counting';
import { findActiveCampaign } from './repositories/campaigns';
import { findUnitReport } from './repositories/reports';
import { reportView, type ReportView } from './submissions';

export interface TimelineEntry {
	id: number;
	at: string;
	actor: string;
	action: string;
	detail: string | null;
}

export interface UnitSummaryView {
	unit: Pick<Unit, 'code' | 'name' | 'kind'> & {
		active: boolean;
		contact: { name: string | null; phone: string | null; email: string | null };
	};
	activities: StoredActivity[];
	report: ReportView | null;
	state: CompletenessState;
	timeline: TimelineEntry[];
}

function detailOf(action: string, after: string | null): string | null {
	if (!after) return null;
	try {
		const value = JSON.parse(after) as Record<string, unknown>;
		if (typeof value.title === 'string') return value.title;
		if (action.startsWith('report.')) {
			return value.kind === 'no_activity'
				? m.audit_detail_no_activity({ reason: String(value.reason ?? '') })
				: String(value.summary ?? '');
		}
		if (action === 'reminder.compose')
			return value.link === 'recoverable'
				? m.audit_detail_with_link()
				: m.audit_detail_without_link();
		return null;
	} catch {
		return null;
	}
}

/** One unit for leaders: its activities (all, with their status), its report and its history. */
export async function unitSummary(code: string): Promise<UnitSummaryView | undefined> {
	const unit = await findUnitByCode(db(), code);
	if (!unit) return undefined;
	const campaign = await findActiveCampaign(db());
	const activities = await listActivitiesOfUnit(db(), campaign.id, unit, {
		includeWithdrawn: true
	});
	const stored = await findUnitReport(db(), campaign.id, unit.id);
	const report = stored ? reportView(stored, campaign.report_due_before) : null;
	const counted = activities.filter(isCounted).length;
	const rows = await unitTimeline(db(), unit);
	return {
		unit: {
			code: unit.code,
			name: unit.name,
			kind: unit.kind,
			active: unit.active === 1,
			contact: { name: unit.contact_name, phone: unit.contact_phone, email: unit.contact_email }
		},
		activities,
		report,
		state: completenessState({
			activities: counted,
			report: report ? { kind: report.kind, reportedAt: report.reportedAt } : null,
			dueBefore: campaign.report_due_before
		}),
		timeline: rows.map((row) => ({
			id: row.id,
			at: row.at,
			actor: actorName(row),
			action: auditActionLabel(row.action),
			detail: detailOf(row.action, row.after)
		}))
	};
}
