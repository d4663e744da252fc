import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { campaignSettingsSchema } from '$lib/domain/campaign-settings';
import { db } from '$lib/server/app';
import { actorOf } from '$lib/server/auth/sessions';
import { hub } from '$lib/server/realtime/hub';
import {
	campaignSettingsOf,
	findActiveCampaign,
	updateCampaignSettings
} from '$lib/server/repositories/campaigns';

export const load = (async () => {
	return { settings: campaignSettingsOf(await findActiveCampaign(db())) };
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ request, locals }) => {
		const form = await request.formData();
		const text = (name: string) => String(form.get(name) ?? '');
		const raw = {
			title: text('title'),
			issuer: text('issuer'),
			slogan: text('slogan'),
			themes: text('themes')
				.split(/\r?\n/)
				.map((line) => line.trim())
				.filter(Boolean),
			eventDay: text('eventDay'),
			windowFrom: text('windowFrom'),
			windowTo: text('windowTo'),
			reportDueBefore: text('reportDueBefore'),
			moderation: form.get('moderation') === 'on'
		};
		const parsed = campaignSettingsSchema.safeParse(raw);
		if (!parsed.success) {
			const errors: Record<string, string[]> = {};
			for (const issue of parsed.error.issues)
				(errors[String(issue.path[0])] ??= []).push(issue.message);
			return fail(400, { errors, values: { ...raw, themes: raw.themes.join('\n') } });
		}
		await updateCampaignSettings(db(), parsed.data, actorOf(locals.principal!));
		hub()?.scheduleStats();
		return { saved: true };
	}
} satisfies Actions;
