import type { PageServerLoad } from './$types';
import { currentStats, db } from '$lib/server/app';
import { findActiveCampaign, toCampaignInfo } from '$lib/server/repositories/campaigns';

export const load = (async ({ setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store' });
	return {
		campaign: toCampaignInfo(await findActiveCampaign(db())),
		stats: await currentStats()
	};
}) satisfies PageServerLoad;
