import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/app';
import { actorOf } from '$lib/server/auth/sessions';
import { findActiveCampaign } from '$lib/server/repositories/campaigns';
import {
	countActivitiesByStatus,
	listActivities,
	type ActivityStatusFilter
} from '$lib/server/repositories/activities';
import { setModeration } from '$lib/server/repositories/campaigns';
import {
	CONFLICT_MESSAGE,
	decideActivity,
	setExemplary,
	type ChangeOutcome
} from '$lib/server/submissions';
import { hub } from '$lib/server/realtime/hub';

const FILTERS: ActivityStatusFilter[] = ['pending', 'approved', 'rejected', 'exemplary', 'all'];

export const load = (async ({ url }) => {
	const raw = url.searchParams.get('status') ?? 'pending';
	const status = (FILTERS as string[]).includes(raw) ? (raw as ActivityStatusFilter) : 'pending';
	const campaign = await findActiveCampaign(db());
	return {
		status,
		moderation: campaign.moderation === 1,
		activities: await listActivities(db(), campaign.id, { status, limit: 200 }),
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
			return fail(400, { id, error: Object.values(result.errors).flat().join(' ') });
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
				actor: actorOf(locals.principal!)
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
				actor: actorOf(locals.principal!)
			}),
			id
		);
	},
	reopen: async ({ request, locals }) => {
		const { id, version } = await target(request);
		return outcome(
			await decideActivity({ id, version, decision: 'pending', actor: actorOf(locals.principal!) }),
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
				actor: actorOf(locals.principal!)
			}),
			id
		);
	},
	moderation: async ({ request, locals }) => {
		const form = await request.formData();
		await setModeration(db(), form.get('moderation') === 'on', actorOf(locals.principal!));
		// What the public may see just changed: every screen gets fresh numbers and titles.
		hub()?.scheduleStats();
		return { moderationChanged: true };
	}
} satisfies Actions;
