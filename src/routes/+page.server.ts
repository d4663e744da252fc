import type { PageServerLoad } from './$types';
import { db } from '$lib/server/app';
import { findActiveCampaign, toCampaignInfo } from '$lib/server/repositories/campaigns';

export const load = (async () => {
	return { campaign: toCampaignInfo(await findActiveCampaign(db())) };
}) satisfies PageServerLoad;
