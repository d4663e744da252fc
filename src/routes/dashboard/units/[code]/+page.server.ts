import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { findActiveCampaign, toCampaignInfo } from '$lib/server/repositories/campaigns';
import { composeReminder } from '$lib/server/reminders';
import { unitSummary } from '$lib/server/unit-summary';
import { staffOf } from '$lib/server/auth/guards';

export const load = (async ({ params, setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store' });
	const summary = await unitSummary(params.code);
	if (!summary) error(404, 'Không có đơn vị này.');
	return { ...summary, campaign: toCampaignInfo(await findActiveCampaign(db())) };
}) satisfies PageServerLoad;

export const actions = {
	reminder: async ({ params, locals, url }) => {
		const reminder = await composeReminder(params.code, staffOf(locals), url.origin);
		if (!reminder) return fail(404, { error: 'Không có đơn vị này (hoặc đã ngừng theo dõi).' });
		return { reminder };
	}
} satisfies Actions;
