import { env } from '$env/dynamic/private';
import type { CampaignInfo } from '$lib/domain/campaign';
import type { Stats } from '$lib/domain/stats';
import { openDatabase, type DB } from './db/open';
import { bundledMigrations } from './db/migrations';
import { findActiveCampaign, toCampaignInfo } from './repositories/campaigns';
import { startHub } from './realtime/hub';
import { computeStats } from './stats';

// The database handle is the one piece of module state the server keeps (house rule 4), together
// with the aggregates last computed from it, which are only valid for that handle.
let database:
	{ db: DB; statsCache?: { seq: number; campaignId: number; stats: Stats } } | undefined;

/** Called once from `init` in hooks.server.ts: migrate, seed, attach the realtime hub. */
export async function initApp(build: string): Promise<void> {
	database ??= { db: await openDatabase(env.DATABASE_URL, bundledMigrations) };
	startHub(currentStats, build);
}

export function db(): DB {
	if (!database) throw new Error('Database used before init');
	return database.db;
}

/** What every live screen renders first: the campaign's public facts and current numbers. */
export async function liveSnapshot(): Promise<{ campaign: CampaignInfo; stats: Stats }> {
	return { campaign: toCampaignInfo(await findActiveCampaign(db())), stats: await currentStats() };
}

/**
 * Stats for the active campaign. A screen connecting or polling costs one indexed lookup of the
 * campaign's change counter while nothing changed; the aggregates run again only after a write.
 */
export async function currentStats(): Promise<Stats> {
	const campaign = await findActiveCampaign(db());
	const cached = database?.statsCache;
	if (cached && cached.seq === campaign.seq && cached.campaignId === campaign.id)
		return cached.stats;
	const stats = await computeStats(db(), campaign);
	database!.statsCache = { seq: stats.seq, campaignId: campaign.id, stats };
	return stats;
}
