// No zod here: the unit form imports these rules to warn as the date is typed.
import { addDays, formatDate } from './dates';
import { m } from '../paraglide/messages';
import type { FieldErrors } from './activity';

/** How far before the activity window an activity may be dated by default. */
export const ACCEPT_DAYS_BEFORE_WINDOW = 30;

export interface CampaignDates {
	windowFrom: string;
	windowTo: string;
	reportDueBefore: string;
	/** set in the settings; null: the default */
	acceptFrom: string | null;
	acceptTo: string | null;
}

/**
 * The dates an activity of the campaign may carry: by default from 30 days before the window
 * opens to the report deadline (the letter asks for activities of 18–26/4 reported before 10/5;
 * a unit may have started early, and nothing reported can lie after the deadline).
 */
export function acceptedRange(campaign: CampaignDates): { from: string; to: string } {
	return {
		from: campaign.acceptFrom ?? addDays(campaign.windowFrom, -ACCEPT_DAYS_BEFORE_WINDOW),
		to: campaign.acceptTo ?? campaign.reportDueBefore
	};
}

/** An activity "ngoài đợt": it starts outside the activity window (as the tallies count it). */
export function isOutsideWindow(
	startDate: string,
	campaign: Pick<CampaignDates, 'windowFrom' | 'windowTo'>
) {
	return startDate < campaign.windowFrom || startDate > campaign.windowTo;
}

/**
 * The campaign's rules for an activity's dates: inside the accepted range, and outside the
 * window only when the unit confirmed it. ISO dates compare as strings.
 */
export function checkActivityDates(
	dates: { startDate: string; endDate?: string | null; confirmOutsideWindow?: boolean },
	campaign: CampaignDates
): FieldErrors | null {
	const range = acceptedRange(campaign);
	const span = m.dates_span({ from: formatDate(range.from), to: formatDate(range.to) });
	const errors: FieldErrors = {};
	if (dates.startDate < range.from || dates.startDate > range.to) {
		errors.startDate = [m.dates_start_outside({ span })];
	}
	if (dates.endDate && (dates.endDate < range.from || dates.endDate > range.to)) {
		errors.endDate = [m.dates_end_outside({ span })];
	}
	if (
		!errors.startDate &&
		isOutsideWindow(dates.startDate, campaign) &&
		!dates.confirmOutsideWindow
	) {
		errors.confirmOutsideWindow = [
			m.dates_confirm_outside({
				from: formatDate(campaign.windowFrom),
				to: formatDate(campaign.windowTo)
			})
		];
	}
	return Object.keys(errors).length ? errors : null;
}
