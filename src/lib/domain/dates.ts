import { intlLocale } from '../i18n/locale-tag';
import { getLocale } from '../paraglide/runtime';

/**
 * Calendar dates are strings `YYYY-MM-DD` in Asia/Ho_Chi_Minh. Arithmetic on them goes through
 * UTC noon-free day numbers so that no local-midnight conversion can shift a date by one.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const [, y, m, d] = match.map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Days since 1970-01-01 for a calendar date; only differences are meaningful. */
export function dayNumber(isoDate: string): number {
	const [y, m, d] = isoDate.split('-').map(Number);
	return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function addDays(isoDate: string, days: number): string {
	const date = new Date((dayNumber(isoDate) + days) * 86_400_000);
	return date.toISOString().slice(0, 10);
}

/** Every date from `from` to `to` inclusive. */
export function datesBetween(from: string, to: string): string[] {
	const out: string[] = [];
	for (let n = dayNumber(from); n <= dayNumber(to); n++)
		out.push(addDays(from, n - dayNumber(from)));
	return out;
}

/** Today's calendar date in Vietnam, whatever the machine's own time zone. */
export function todayInVietnam(now: Date = new Date()): string {
	// en-CA formats as YYYY-MM-DD.
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

/** 2026-04-21 → 21/04/2026 */
export function formatDate(isoDate: string): string {
	const [y, m, d] = isoDate.split('-');
	return `${d}/${m}/${y}`;
}

/** 2026-04-21 → 21/4 (for chart axes) */
export function formatDayMonth(isoDate: string): string {
	const [, m, d] = isoDate.split('-').map(Number);
	return `${d}/${m}`;
}

const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
	timeZone: TIME_ZONE,
	hour: '2-digit',
	minute: '2-digit',
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour12: false
});

/** An instant shown in Vietnam time: "14:05 21/04/2026". */
export function formatDateTime(instant: string | Date): string {
	const date = typeof instant === 'string' ? new Date(instant) : instant;
	const parts = Object.fromEntries(
		dateTimeFormat.formatToParts(date).map((part) => [part.type, part.value])
	);
	return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}

const timeFormat = new Intl.DateTimeFormat('vi-VN', {
	timeZone: TIME_ZONE,
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hour12: false
});

export function formatClock(instant: Date): string {
	return timeFormat.format(instant);
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** 12345 → "12.345" in Vietnamese, "12,345" in English. */
export function formatNumber(value: number): string {
	const tag = intlLocale(getLocale());
	let format = numberFormats.get(tag);
	if (!format) numberFormats.set(tag, (format = new Intl.NumberFormat(tag)));
	return format.format(value);
}

export type CampaignPhase =
	| { kind: 'before'; daysToStart: number }
	| { kind: 'during'; day: number; days: number }
	| { kind: 'reporting'; daysToDue: number }
	| { kind: 'overdue'; daysOverdue: number };

/**
 * Where today stands against the activity window and the report deadline. "Due before 10/5"
 * means 9/5 is the last day to report.
 */
export function campaignPhase(
	today: string,
	window: { from: string; to: string },
	dueBefore: string
): CampaignPhase {
	const t = dayNumber(today);
	const from = dayNumber(window.from);
	const to = dayNumber(window.to);
	const due = dayNumber(dueBefore);
	if (t < from) return { kind: 'before', daysToStart: from - t };
	if (t <= to) return { kind: 'during', day: t - from + 1, days: to - from + 1 };
	if (t < due) return { kind: 'reporting', daysToDue: due - t };
	return { kind: 'overdue', daysOverdue: t - due + 1 };
}
