/**
 * One rule for "how much of a group": the part of its whole, 0…1 — what a group's bar draws on
 * the kiosk and the dashboard, and its percentage in tables. An empty whole is 0, never NaN.
 */
export function shareOf(part: number, whole: number): number {
	return whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0;
}

/** The share as a whole percentage (29 for 11 of 38). */
export function percentOf(part: number, whole: number): number {
	return Math.round(shareOf(part, whole) * 100);
}
