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
import { ACTIVITY_TYPES, type ActivityType } from '$lib/domain/campaign';
import { setModeration } from '$lib/server/repositories/campaigns';
import {
	CONFLICT_MESSAGE,
	approveActivities,
	decideActivity,
	setExemplary,
	type ChangeOutcome
} from '$lib/server/submissions';
import { announce } from '$lib/server/changes';
import { adminActor } from '$lib/server/auth/guards';

const FILTERS: ActivityStatusFilter[] = ['pending', 'approved', 'rejected', 'exemplary', 'all'];
/** One page of the queue; the filters narrow it down, the count says how many match. */
const PAGE_SIZE = 200;

/** The queue's filters from the address (unknown values are ignored, never an error page). */
function readFilter(url: URL, unitCodes: Set<string>): ActivityListFilter {
	const raw = url.searchParams.get('status') ?? 'pending';
	const unit = url.searchParams.get('unit') ?? '';
	const type = url.searchParams.get('type') ?? '';
	return {
		status: (FILTERS as string[]).includes(raw) ? (raw as ActivityStatusFilter) : 'pending',
		unitCode: unitCodes.has(unit) ? unit : undefined,
		type: (ACTIVITY_TYPES as readonly string[]).includes(type) ? (type as ActivityType) : undefined,
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
			return fail(404, { id, error: 'Hoạt động không còn (đơn vị có thể đã rút).' });
		case 'conflict':
			return fail(409, { id, error: CONFLICT_MESSAGE, current: result.current });
		case 'invalid':
			return fail(400, {
				id,
				error: Object.values(result.errors).flat().join(' '),
				field: 'reason' in result.errors ? 'reason' : undefined
			});
		case 'refused':
			return fail(409, { id, error: result.reason });
	}
}

async function target(request: Request) {
	const form = await request.formData();
	return {
		form,
		id: Number(form.get('id')),
		version: Number(form.get('version'))
	};
}

export const actions = {
	approve: async ({ request, locals }) => {
		const { id, version } = await target(request);
		return outcome(
			await decideActivity({
				id,
				version,
				decision: 'approved',
				actor: adminActor(locals)
			}),
			id
		);
	},
	reject: async ({ request, locals }) => {
		const { form, id, version } = await target(request);
		return outcome(
			await decideActivity({
				id,
				version,
				decision: 'rejected',
				reason: String(form.get('reason') ?? ''),
				actor: adminActor(locals)
			}),
			id
		);
	},
	reopen: async ({ request, locals }) => {
		const { id, version } = await target(request);
		return outcome(
			await decideActivity({ id, version, decision: 'pending', actor: adminActor(locals) }),
			id
		);
	},
	exemplary: async ({ request, locals }) => {
		const { form, id, version } = await target(request);
		return outcome(
			await setExemplary({
				id,
				version,
				exemplary: form.get('exemplary') === 'on',
				note: String(form.get('note') ?? ''),
				actor: adminActor(locals)
			}),
			id
		);
	},
	/** Approve every ticked activity: each is its own decision (version checked, audited, sent). */
	bulkApprove: async ({ request, locals }) => {
		const form = await request.formData();
		const picked = form
			.getAll('pick')
			.map((value) => String(value).split(':').map(Number))
			.filter(([id, version]) => Number.isSafeInteger(id) && Number.isSafeInteger(version));
		if (picked.length === 0) {
			return fail(400, { bulkError: 'Chưa chọn hoạt động nào. Đánh dấu các hoạt động cần duyệt.' });
		}
		return {
			bulk: await approveActivities(
				picked.map(([id, version]) => ({ id, version })),
				adminActor(locals)
			)
		};
	},
	moderation: async ({ request, locals }) => {
		const form = await request.formData();
		await setModeration(db(), form.get('moderation') === 'on', adminActor(locals));
		// What the public may see just changed: every screen gets fresh numbers and titles.
		announce({ kind: 'numbers' });
		return { moderationChanged: true };
	}
} satisfies Actions;
