import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { findActiveCampaign } from '$lib/server/repositories/campaigns';
import {
	countActivitiesByStatus,
	listActivities,
	type ActivityListFilter,
	type ActivityStatusFilter
} from '$lib/server/repositories/activities';
import { listUnits } from '$lib/server/repositories/units';
import { findLikelyDuplicates } from '$lib/server/repositories/activity-duplicates';
import { ACTIVITY_TYPES, isOneOf } from '$lib/domain/campaign';
import { setModeration } from '$lib/server/repositories/campaigns';
import {
	conflictMessage,
	approveActivities,
	decideActivity,
	setExemplary,
	type ChangeOutcome
} from '$lib/server/submissions';
import { announce } from '$lib/server/changes';
import { adminActor } from '$lib/server/auth/guards';
import { readForm, recordNumber } from '$lib/server/form-input';
import { RECORD_ID_PATTERN } from '$lib/domain/record-id';
import { m } from '$lib/paraglide/messages';

const FILTERS: ActivityStatusFilter[] = ['pending', 'approved', 'rejected', 'exemplary', 'all'];
/** One page of the queue; the filters narrow it down, the count says how many match. */
const PAGE_SIZE = 200;

/** The queue's filters from the address (unknown values are ignored, never an error page). */
function readFilter(url: URL, unitCodes: Set<string>): ActivityListFilter {
	const raw = url.searchParams.get('status') ?? 'pending';
	const unit = url.searchParams.get('unit') ?? '';
	const type = url.searchParams.get('type') ?? '';
	return {
		status: isOneOf(FILTERS, raw) ? raw : 'pending',
		unitCode: unitCodes.has(unit) ? unit : undefined,
		type: isOneOf(ACTIVITY_TYPES, type) ? type : undefined,
		search: url.searchParams.get('q')?.trim().slice(0, 100) || undefined
	};
}

export const load = (async ({ url }) => {
	const campaign = await findActiveCampaign(db());
	const units = (await listUnits(db())).map((unit) => ({ code: unit.code, name: unit.name }));
	const filter = readFilter(url, new Set(units.map((unit) => unit.code)));
	const { activities, total } = await listActivities(db(), campaign.id, {
		...filter,
		limit: PAGE_SIZE
	});
	return {
		status: filter.status,
		filter: {
			unit: filter.unitCode ?? '',
			type: filter.type ?? '',
			q: filter.search ?? ''
		},
		units,
		moderation: campaign.moderation === 1,
		activities,
		// A warning on each card that likely repeats another (three identical reports of one day).
		duplicates: Object.fromEntries(
			await findLikelyDuplicates(
				db(),
				campaign.id,
				activities.map((activity) => activity.id)
			)
		),
		total,
		pageSize: PAGE_SIZE,
		counts: await countActivitiesByStatus(db(), campaign.id)
	};
}) satisfies PageServerLoad;

function outcome(result: ChangeOutcome, id: number) {
	switch (result.kind) {
		case 'changed':
			return { done: id };
		case 'not-found':
			return fail(404, { id, error: m.mod_gone() });
		case 'conflict':
			return fail(409, { id, error: conflictMessage(), current: result.current });
		case 'invalid':
			return fail(400, {
				id,
				error: Object.values(result.errors).flat().join(' '),
				field: 'reason' in result.errors ? 'reason' : undefined
			});
		case 'refused':
			return fail(409, { id, error: result.reason });
		case 'locked':
			return fail(423, { id, error: Object.values(result.errors).flat().join(' ') });
		case 'unavailable':
		case 'rate-limited':
			return fail(503, { id, error: Object.values(result.errors).flat().join(' ') });
	}
}

/**
 * The activity an action is about, and the version the moderator saw, through zod; then `run`.
 * A form without a usable id or version is refused as a whole.
 */
async function onTarget(
	request: Request,
	run: (target: { id: number; version: number; form: FormData }) => Promise<ChangeOutcome>
) {
	const form = await request.formData();
	const target = readForm(form, { id: recordNumber, version: recordNumber });
	if (!target.ok) return fail(400, { bulkError: m.mod_bad_target() });
	return outcome(await run({ ...target.value, form }), target.value.id);
}

/** A ticked activity in the bulk form: "id:version". */
const PICK = new RegExp(`^(${RECORD_ID_PATTERN}):(${RECORD_ID_PATTERN})$`);

export const actions = {
	approve: async ({ request, locals }) =>
		onTarget(request, ({ id, version }) =>
			decideActivity({ id, version, decision: 'approved', actor: adminActor(locals) })
		),
	reject: async ({ request, locals }) =>
		onTarget(request, ({ id, version, form }) =>
			decideActivity({
				id,
				version,
				decision: 'rejected',
				reason: String(form.get('reason') ?? ''),
				actor: adminActor(locals)
			})
		),
	reopen: async ({ request, locals }) =>
		onTarget(request, ({ id, version }) =>
			decideActivity({ id, version, decision: 'pending', actor: adminActor(locals) })
		),
	exemplary: async ({ request, locals }) =>
		onTarget(request, ({ id, version, form }) =>
			setExemplary({
				id,
				version,
				exemplary: form.get('exemplary') === 'on',
				note: String(form.get('note') ?? ''),
				actor: adminActor(locals)
			})
		),
	/** Approve every ticked activity: each is its own decision (version checked, audited, sent). */
	bulkApprove: async ({ request, locals }) => {
		const form = await request.formData();
		const picks = form.getAll('pick').map((value) => PICK.exec(String(value)));
		if (picks.length === 0) {
			return fail(400, { bulkError: m.mod_nothing_picked() });
		}
		const items = picks.flatMap((pick) =>
			pick ? [{ id: Number(pick[1]), version: Number(pick[2]) }] : []
		);
		if (items.length !== picks.length) return fail(400, { bulkError: m.mod_bad_target() });
		// Likely duplicates among them: say which before approving them all (nothing changes yet).
		if (form.get('confirm') !== 'yes') {
			const campaign = await findActiveCampaign(db());
			const duplicates = await findLikelyDuplicates(
				db(),
				campaign.id,
				items.map((item) => item.id)
			);
			if (duplicates.size > 0) {
				return {
					confirmDuplicates: [...duplicates].map(([id, others]) => ({ id, others })),
					// the ticks, for the confirmation's own form (with or without JavaScript)
					picks: items.map((item) => `${item.id}:${item.version}`)
				};
			}
		}
		return { bulk: await approveActivities(items, adminActor(locals)) };
	},
	moderation: async ({ request, locals }) => {
		const form = await request.formData();
		await setModeration(db(), form.get('moderation') === 'on', adminActor(locals));
		// What the public may see just changed: every screen gets fresh numbers and titles.
		announce({ kind: 'numbers' });
		return { moderationChanged: true };
	}
} satisfies Actions;
