import type { CampaignInfo } from '../../domain/campaign';
import type { CampaignDates } from '../../domain/activity-dates';
import type { DB } from '../db/open';
import type { Campaign } from '../db/schema';
import { recordChange } from './tallies';
import { appendAudit, type Actor } from './audit';
import type { CampaignSettings } from '../../domain/campaign-settings';
import { isLocked } from '../../domain/cutoff';

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
		acceptFrom: campaign.accept_from,
		acceptTo: campaign.accept_to,
		timezone: campaign.timezone
	};
}

/** The dates the campaign's rules need (window, deadline, accepted range), without parsing JSON. */
export function campaignDates(campaign: Campaign): CampaignDates {
	return {
		windowFrom: campaign.window_from,
		windowTo: campaign.window_to,
		reportDueBefore: campaign.report_due_before,
		acceptFrom: campaign.accept_from,
		acceptTo: campaign.accept_to
	};
}

export async function setModeration(db: DB, on: boolean, actor: Actor): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const campaign = await findActiveCampaign(trx);
		if ((campaign.moderation === 1) === on) return;
		await trx
			.updateTable('campaigns')
			.set({ moderation: on ? 1 : 0 })
			.where('id', '=', campaign.id)
			.execute();
		await recordChange(trx, campaign.id);
		await appendAudit(trx, {
			actor,
			action: 'campaign.update',
			entityType: 'campaign',
			entityId: campaign.slug,
			before: { moderation: campaign.moderation === 1 },
			after: { moderation: on }
		});
	});
}

export function campaignSettingsOf(campaign: Campaign): CampaignSettings {
	return {
		title: campaign.title,
		issuer: campaign.issuer,
		slogan: campaign.slogan,
		themes: JSON.parse(campaign.themes) as string[],
		eventDay: campaign.event_day,
		windowFrom: campaign.window_from,
		windowTo: campaign.window_to,
		reportDueBefore: campaign.report_due_before,
		acceptFrom: campaign.accept_from,
		acceptTo: campaign.accept_to,
		moderation: campaign.moderation === 1
	};
}

/** Settings change what every screen shows (window days, titles): the seq moves with them. */
export async function updateCampaignSettings(db: DB, settings: CampaignSettings, actor: Actor) {
	await db.transaction().execute(async (trx) => {
		const campaign = await findActiveCampaign(trx);
		await trx
			.updateTable('campaigns')
			.set({
				title: settings.title,
				issuer: settings.issuer,
				slogan: settings.slogan,
				themes: JSON.stringify(settings.themes),
				event_day: settings.eventDay,
				window_from: settings.windowFrom,
				window_to: settings.windowTo,
				report_due_before: settings.reportDueBefore,
				accept_from: settings.acceptFrom,
				accept_to: settings.acceptTo,
				moderation: settings.moderation ? 1 : 0
			})
			.where('id', '=', campaign.id)
			.execute();
		await recordChange(trx, campaign.id);
		await appendAudit(trx, {
			actor,
			action: 'campaign.update',
			entityType: 'campaign',
			entityId: campaign.slug,
			before: campaignSettingsOf(campaign),
			after: settings
		});
	});
}

/**
 * The cut-off instant if the active campaign is locked now, else undefined. Every write a unit
 * can make calls this inside its own transaction, so a lock that lands between a unit's check
 * and its write cannot let the write through.
 */
export async function lockedCutoff(db: DB, now: Date = new Date()): Promise<string | undefined> {
	const row = await db
		.selectFrom('campaigns')
		.select('cutoff_at')
		.where('active', '=', 1)
		.orderBy('id', 'desc')
		.executeTakeFirst();
	return row?.cutoff_at && isLocked(row.cutoff_at, now) ? row.cutoff_at : undefined;
}

/**
 * Lock the campaign's data at an instant (now or later), or unlock it (null). Both are audited
 * with the previous and new cut-off; the seq moves so every screen learns the state.
 */
export async function setCutoff(db: DB, at: string | null, actor: Actor, reason?: string) {
	await db.transaction().execute(async (trx) => {
		const campaign = await findActiveCampaign(trx);
		await trx
			.updateTable('campaigns')
			.set({ cutoff_at: at })
			.where('id', '=', campaign.id)
			.execute();
		await recordChange(trx, campaign.id);
		await appendAudit(trx, {
			actor,
			action: at ? 'campaign.lock' : 'campaign.unlock',
			entityType: 'campaign',
			entityId: campaign.slug,
			before: { cutoffAt: campaign.cutoff_at },
			after: { cutoffAt: at, ...(reason ? { reason } : {}) }
		});
	});
}
