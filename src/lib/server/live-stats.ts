import type { CampaignInfo } from '$lib/domain/campaign';
import type { Stats } from '$lib/domain/stats';
import { appContext, db } from './context';
import { findActiveCampaign, toCampaignInfo } from './repositories/campaigns';
import { computeStatsViews, viewFor, type StatsViews } from './stats';

/**
 * Stats for the active campaign. A screen connecting or polling costs one indexed lookup of the
 * campaign's change counter while nothing changed; the aggregates run again only after a write.
 */
export async function currentStats(): Promise<StatsViews> {
	const context = appContext();
	const campaign = await findActiveCampaign(context.db);
	const cached = context.statsCache;
	if (
		cached &&
		cached.seq === campaign.seq &&
		cached.campaignId === campaign.id &&
		cached.moderation === campaign.moderation
	) {
		return cached.views;
	}
	const views = await computeStatsViews(context.db, campaign);
	context.statsCache = {
		seq: views.staff.seq,
		campaignId: campaign.id,
		moderation: campaign.moderation,
		views
	};
	return views;
}

/**
 * What every live screen renders first: the campaign's public facts and current numbers (for the
 * public, the per-unit row of `unit` only, as its socket will keep it; see viewFor).
 */
export async function liveSnapshot(
	audience: 'staff' | 'public',
	unit?: string
): Promise<{ campaign: CampaignInfo; stats: Stats }> {
	return {
		campaign: toCampaignInfo(await findActiveCampaign(db())),
		stats: viewFor(await currentStats(), audience, unit)
	};
}
