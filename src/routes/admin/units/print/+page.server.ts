import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { qrDataUrl } from '$lib/server/qr';
import { announce } from '$lib/server/changes';
import { findActiveCampaign } from '$lib/server/repositories/campaigns';
import { issueUnitToken, listUnits, liveLinkDates } from '$lib/server/repositories/units';
import { adminActor } from '$lib/server/auth/guards';
import { m } from '$lib/paraglide/messages';

export const load = (async () => {
	const [units, links] = await Promise.all([
		listUnits(db(), { activeOnly: true }),
		liveLinkDates(db())
	]);
	return { total: units.length, withoutLink: units.filter((u) => !links.has(u.id)).length };
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * Links are stored only as hashes, so printing a sheet means issuing links: for the units
	 * without one, or for all (which revokes every earlier link).
	 */
	issue: async ({ request, locals, url }) => {
		const scope = String((await request.formData()).get('scope') ?? '');
		if (scope !== 'missing' && scope !== 'all') return fail(400, { error: m.print_scope() });
		const [units, links, campaign] = await Promise.all([
			listUnits(db(), { activeOnly: true }),
			liveLinkDates(db()),
			findActiveCampaign(db())
		]);
		const targets = scope === 'all' ? units : units.filter((u) => !links.has(u.id));
		const sheet = [];
		for (const unit of targets) {
			const token = await issueUnitToken(db(), unit, adminActor(locals));
			const link = `${url.origin}/u/${token}`;
			sheet.push({ code: unit.code, name: unit.name, link, qr: await qrDataUrl(link) });
		}
		// Earlier links were revoked: their open pages stop getting the units' activities.
		announce({ kind: 'access' });
		return {
			sheet,
			campaignTitle: campaign.title,
			issuer: campaign.issuer,
			dueBefore: campaign.report_due_before
		};
	}
} satisfies Actions;
