import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { activityToFormValues } from '$lib/domain/activity';
import { db } from '$lib/server/context';
import { saveActivityForm } from '$lib/server/activity-form';
import { findActiveCampaign, toCampaignInfo } from '$lib/server/repositories/campaigns';
import { findActivity } from '$lib/server/repositories/activities';
import { adminActor } from '$lib/server/auth/guards';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ params }) => {
	const activity = await findActivity(db(), Number(params.id));
	if (!activity) error(404, m.admin_activity_missing());
	return {
		activity,
		values: activityToFormValues(activity),
		campaign: toCampaignInfo(await findActiveCampaign(db()))
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ params, request, locals }) =>
		saveActivityForm({
			id: Number(params.id),
			form: await request.formData(),
			actor: adminActor(locals)
		})
} satisfies Actions;
