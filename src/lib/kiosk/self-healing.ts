// The kiosk runs unattended for days: these small rules decide when it admits being stale,
// when it reloads itself, and how it drifts to spare the panel.

/** The screen says it is out of touch after this long without anything from the server. */
export const STALE_AFTER_MS = 10_000;

export function isStale(now: number, lastContact: number): boolean {
	return now - lastContact > STALE_AFTER_MS;
}

/** "03:00" → milliseconds from `now` to the next 03:00 in Vietnam (UTC+7, no daylight saving). */
export function msUntilVietnamTime(hhmm: string, now: number): number | undefined {
	const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
	if (!match) return undefined;
	const offset = 7 * 3_600_000;
	const local = now + offset;
	const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
	let target = dayStart + (Number(match[1]) * 60 + Number(match[2])) * 60_000;
	if (target <= local) target += 86_400_000;
	return target - local;
}

/** A new offset of at most `max` pixels each way, never the same spot twice in a row. */
export function nextDrift(
	previous: { x: number; y: number },
	random: () => number = Math.random,
	max = 6
): { x: number; y: number } {
	for (;;) {
		const x = Math.round((random() * 2 - 1) * max);
		const y = Math.round((random() * 2 - 1) * max);
		if (x !== previous.x || y !== previous.y) return { x, y };
	}
}
