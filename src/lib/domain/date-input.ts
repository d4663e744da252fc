// Reading a typed date. A module of its own, so the pages that never take a date (the kiosk,
// whose script is held to 60 KB) do not carry it with the shared date helpers.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date as Vietnamese officials write it — day/month/year, `21/04/2026`, `21/4/2026`, with `/`,
 * `.` or `-` — as `YYYY-MM-DD` (not checked to be a real day: the schema says so in its words).
 * An ISO date is returned as it is; anything else is undefined.
 */
export function dayMonthYearToIso(text: string): string | undefined {
	const value = text.trim();
	if (ISO_DATE.test(value)) return value;
	const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
	if (!match) return undefined;
	const [, d, m, y] = match;
	return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
