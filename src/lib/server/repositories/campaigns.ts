import type { CampaignInfo } from '../../domain/campaign';
import type { DB } from '../db/open';
import type { Campaign } from '../db/schema';

export async function findActiveCampaign(db: DB): Promise<Campaign> {
	const campaign = await db
		.selectFrom('campaigns')
		.selectAll()
		.where('active', '=', 1)
		.orderBy('id', 'desc')
		.executeTakeFirst();
	if (!campaign) throw new Error('No active campaign: the seed did not run');
	return campaign;
}

export function toCampaignInfo(campaign: Campaign): CampaignInfo {
	return {
		slug: campaign.slug,
		title: campaign.title,
		issuer: campaign.issuer,
		slogan: campaign.slogan,
		themes: JSON.parse(campaign.themes) as string[],
		eventDay: campaign.event_day,
		windowFrom: campaign.window_from,
		windowTo: campaign.window_to,
		reportDueBefore: campaign.report_due_before,
		timezone: campaign.timezone
	};
}
