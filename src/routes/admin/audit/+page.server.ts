import type { PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { listAudit, listAuditActions } from '$lib/server/repositories/audit';
import { ACTOR_TYPES } from '$lib/i18n/audit-labels';
import { isValidIsoDate } from '$lib/domain/dates';
import { dayMonthYearToIso } from '$lib/domain/date-input';
import { recordNumber } from '$lib/server/form-input';
import { isOneOf } from '$lib/domain/campaign';

const PAGE_SIZE = 100;

/** A calendar date in Vietnam → the UTC instant its day starts at. */
function startOfVietnamDay(date: string): string {
	return new Date(`${date}T00:00:00+07:00`).toISOString();
}

export const load = (async ({ url }) => {
	const params = url.searchParams;
	const action = params.get('action') ?? '';
	const actorType = params.get('actor') ?? '';
	const q = (params.get('q') ?? '').trim().slice(0, 100);
	// Dates as typed in the filter's dd/mm/yyyy fields (an ISO date from an older link too).
	const fromText = (params.get('from') ?? '').trim();
	const toText = (params.get('to') ?? '').trim();
	const from = dayMonthYearToIso(fromText) ?? '';
	const to = dayMonthYearToIso(toText) ?? '';
	// A date that cannot be read is said on the page and not used.
	const badDates = [
		...(fromText && !isValidIsoDate(from) ? [fromText] : []),
		...(toText && !isValidIsoDate(to) ? [toText] : [])
	];
	// Filters from the address: a value that cannot be used is ignored, never an error page.
	const before = recordNumber.safeParse(params.get('before'));

	const entries = await listAudit(db(), {
		action: action || undefined,
		actorType: isOneOf(ACTOR_TYPES, actorType) ? actorType : undefined,
		q: q || undefined,
		from: isValidIsoDate(from) ? startOfVietnamDay(from) : undefined,
		// "to" is inclusive: everything before the next day starts.
		to: isValidIsoDate(to)
			? new Date(Date.parse(startOfVietnamDay(to)) + 86_400_000).toISOString()
			: undefined,
		beforeId: before.success ? before.data : undefined,
		limit: PAGE_SIZE
	});

	const older = new URLSearchParams(params);
	if (entries.length === PAGE_SIZE) older.set('before', String(entries.at(-1)!.id));
	return {
		entries,
		actions: await listAuditActions(db()),
		filter: { action, actorType, q, from: from || fromText, to: to || toText },
		badDates,
		olderQuery: entries.length === PAGE_SIZE ? older.toString() : null
	};
}) satisfies PageServerLoad;
