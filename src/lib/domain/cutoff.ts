// No zod here: the unit page and the dashboard import these.
import { formatDateTime } from './dates';
import { m } from '../paraglide/messages';

/**
 * The cut-off (chốt số liệu): from this instant units can no longer add, edit or withdraw
 * activities or change their final report. A time in the future is a scheduled cut-off.
 */
export type CutoffState =
	{ kind: 'open' } | { kind: 'scheduled'; at: string } | { kind: 'locked'; at: string };

export function cutoffState(cutoffAt: string | null, now: Date = new Date()): CutoffState {
	if (!cutoffAt) return { kind: 'open' };
	const at = new Date(cutoffAt);
	if (Number.isNaN(at.getTime())) return { kind: 'open' };
	return at.getTime() <= now.getTime()
		? { kind: 'locked', at: cutoffAt }
		: { kind: 'scheduled', at: cutoffAt };
}

export function isLocked(cutoffAt: string | null, now: Date = new Date()): boolean {
	return cutoffState(cutoffAt, now).kind === 'locked';
}

/** What a unit is told when it tries to change anything after the cut-off. */
export function lockedMessage(cutoffAt: string): string {
	return m.cutoff_locked({ time: formatDateTime(cutoffAt) });
}

/**
 * A `datetime-local` value ("2026-05-10T17:00") read as Vietnam time (UTC+7, no daylight saving),
 * whatever the server's zone. Returns the ISO instant, or undefined if it is not such a value.
 */
export function vietnamLocalToIso(value: string): string | undefined {
	const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
	if (!match) return undefined;
	const date = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}.000+07:00`);
	if (Number.isNaN(date.getTime())) return undefined;
	// Reject values the calendar silently rolled over (31/4 → 1/5).
	const back = new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
	return back === match[1] ? date.toISOString() : undefined;
}

/** The ISO instant as a `datetime-local` value in Vietnam time, to pre-fill the form. */
export function isoToVietnamLocal(iso: string): string {
	return new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}
