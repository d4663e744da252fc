import { m } from '../paraglide/messages';
import { campaignPhase, formatDate, todayInVietnam, type CampaignPhase } from '../domain/dates';

/*
 * The campaign's phase in words. Kept apart from domain/dates.ts so that a page showing only
 * dates and numbers (the kiosk) does not carry these messages: a module lands in a page's
 * scripts whole, whichever of its exports the page uses.
 */

/** The one-line "where are we" text every view shows under the campaign title. */
export function campaignPhaseText(
	campaign: { windowFrom: string; windowTo: string; reportDueBefore: string },
	today: string = todayInVietnam()
): string {
	const window = { from: campaign.windowFrom, to: campaign.windowTo };
	return describePhase(
		campaignPhase(today, window, campaign.reportDueBefore),
		window,
		campaign.reportDueBefore
	);
}

export function describePhase(
	phase: CampaignPhase,
	window: { from: string; to: string },
	dueBefore: string
): string {
	const from = formatDate(window.from);
	const to = formatDate(window.to);
	const due = formatDate(dueBefore);
	switch (phase.kind) {
		case 'before':
			return m.phase_before({ days: phase.daysToStart, from, to });
		case 'during':
			return m.phase_during({ day: phase.day, days: phase.days, from, to });
		case 'reporting':
			return m.phase_reporting({ due, days: phase.daysToDue });
		case 'overdue':
			return m.phase_overdue({ due, days: phase.daysOverdue });
	}
}
