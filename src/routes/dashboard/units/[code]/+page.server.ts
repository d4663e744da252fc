import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { findActiveCampaign, toCampaignInfo } from '$lib/server/repositories/campaigns';
import { composeReminder } from '$lib/server/reminders';
import { unitSummary } from '$lib/server/unit-summary';
import { staffOf } from '$lib/server/auth/guards';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ params, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store' });
	const summary = await unitSummary(params.code);
	if (!summary) error(404, m.unitpage_not_found());
	return { ...summary, campaign: toCampaignInfo(await findActiveCampaign(db())) };
}) satisfies PageServerLoad;

export const actions = {
	reminder: async ({ params, locals, url }) => {
		const reminder = await composeReminder(params.code, staffOf(locals), url.origin);
		if (!reminder) return fail(404, { error: m.dash_unit_gone() });
		return { reminder };
	}
} satisfies Actions;
