import { fail } from '@sveltejs/kit';
import { toFieldErrors } from '$lib/domain/activity';
import type { Actions, PageServerLoad } from './$types';
import { campaignSettingsSchema } from '$lib/domain/campaign-settings';
import { db } from '$lib/server/context';
import { announce } from '$lib/server/changes';
import {
	campaignSettingsOf,
	findActiveCampaign,
	setCutoff,
	updateCampaignSettings
} from '$lib/server/repositories/campaigns';
import { cutoffState, vietnamLocalToIso } from '$lib/domain/cutoff';
import { readKioskConfig } from '$lib/kiosk/config';
import {
	deleteKioskPreset,
	listKioskPresets,
	presetConfig,
	PRESET_NAME,
	saveKioskPreset
} from '$lib/server/repositories/kiosk-presets';
import { findUnitByCode, listUnits } from '$lib/server/repositories/units';
import { countDemoActivities, deleteDemoActivities } from '$lib/server/repositories/activities';
import { adminActor } from '$lib/server/auth/guards';
import { dayMonthYearToIso } from '$lib/domain/date-input';
import { m } from '$lib/paraglide/messages';

/** A date as typed in a dd/mm/yyyy field (or ISO, as older forms sent it); else as typed. */
const typedDate = (value: string) => dayMonthYearToIso(value) ?? value.trim();

/**
 * The scheduled cut-off: day (dd/mm/yyyy) and time (hh:mm, 24 hours) as typed in Vietnam, or
 * one `at` value as a datetime-local field sends it (YYYY-MM-DDTHH:mm).
 */
function typedCutoff(form: FormData): string {
	const at = form.get('at');
	if (typeof at === 'string' && at) return at;
	const day = dayMonthYearToIso(String(form.get('atDate') ?? ''));
	const time = /^(\d{1,2})[:.hg](\d{2})$/.exec(String(form.get('atTime') ?? '').trim());
	if (!day || !time) return '';
	return `${day}T${time[1].padStart(2, '0')}:${time[2]}`;
}

export const load = (async () => {
	const campaign = await findActiveCampaign(db());
	return {
		settings: campaignSettingsOf(campaign),
		cutoff: cutoffState(campaign.cutoff_at),
		presets: (await listKioskPresets(db())).map((preset) => ({
			name: preset.name,
			config: presetConfig(preset),
			updatedAt: preset.updated_at
		})),
		units: (await listUnits(db(), { activeOnly: true })).map((unit) => ({
			code: unit.code,
			name: unit.name
		})),
		demoActivities: await countDemoActivities(db(), campaign.id)
	};
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
			eventDay: typedDate(text('eventDay')),
			windowFrom: typedDate(text('windowFrom')),
			windowTo: typedDate(text('windowTo')),
			reportDueBefore: typedDate(text('reportDueBefore')),
			acceptFrom: typedDate(text('acceptFrom')),
			acceptTo: typedDate(text('acceptTo')),
			moderation: form.get('moderation') === 'on'
		};
		const parsed = campaignSettingsSchema.safeParse(raw);
		if (!parsed.success) {
			const errors = toFieldErrors(parsed.error);
			return fail(400, { errors, values: { ...raw, themes: raw.themes.join('\n') } });
		}
		await updateCampaignSettings(db(), parsed.data, adminActor(locals));
		announce({ kind: 'campaign' });
		return { saved: true };
	},

	/** Chốt số liệu: now, or at a time given in Vietnam time. */
	lock: async ({ request, locals }) => {
		const form = await request.formData();
		const when = String(form.get('when') ?? 'now');
		let at: string | undefined;
		// One click would lock every unit: "Chốt ngay" first answers with what will happen, and
		// locks only when that is confirmed (the same two steps with or without JavaScript).
		if (when === 'now' && form.get('confirm') !== 'yes') {
			return {
				confirmLock: { units: (await listUnits(db(), { activeOnly: true })).length }
			};
		}
		if (when === 'now') at = new Date().toISOString();
		else {
			at = vietnamLocalToIso(typedCutoff(form));
			if (!at) {
				return fail(400, { cutoffError: m.set_err_at() });
			}
			if (new Date(at).getTime() <= Date.now()) {
				return fail(400, { cutoffError: m.set_err_at_past() });
			}
		}
		await setCutoff(db(), at, adminActor(locals));
		announce({ kind: 'numbers' });
		return { cutoffSaved: when === 'now' ? 'locked' : 'scheduled' };
	},

	/** Remove the sample activities of `cli demo`; real reports stay. */
	clearDemo: async ({ locals }) => {
		const campaign = await findActiveCampaign(db());
		const removed = await deleteDemoActivities(db(), campaign.id, adminActor(locals));
		// Every screen drops them: numbers, latest titles, moderation queues.
		announce({ kind: 'campaign' });
		return { demoCleared: removed };
	},

	/** Mở lại: units may change their data again; the reason goes into the audit log. */
	unlock: async ({ request, locals }) => {
		const form = await request.formData();
		const reason = String(form.get('reason') ?? '').trim();
		if (reason.length < 5 || reason.length > 500) {
			return fail(400, { cutoffError: m.set_err_reason() });
		}
		await setCutoff(db(), null, adminActor(locals), reason);
		announce({ kind: 'numbers' });
		return { cutoffSaved: 'open' };
	},

	/** Save a named kiosk preset: the technician then opens /k/<name> on the TV. */
	preset: async ({ request, locals }) => {
		const form = await request.formData();
		const name = String(form.get('name') ?? '')
			.trim()
			.toLowerCase();
		const errors: string[] = [];
		if (!PRESET_NAME.test(name)) {
			errors.push(m.set_err_preset_name());
		}
		const slides = form.getAll('slides').map(String);
		if (slides.length === 0) errors.push(m.set_err_no_slides());
		const { config, problems } = readKioskConfig({
			slides: slides.join(','),
			interval: String(form.get('interval') ?? ''),
			theme: String(form.get('theme') ?? ''),
			unit: String(form.get('unit') ?? '') || null,
			lang: String(form.get('lang') ?? '') || null
		});
		errors.push(...problems);
		if (config.unit && !(await findUnitByCode(db(), config.unit))) {
			errors.push(m.set_err_no_unit());
		}
		if (errors.length) return fail(400, { presetErrors: errors });
		await saveKioskPreset(db(), name, config, adminActor(locals));
		announce({ kind: 'campaign' });
		return { presetSaved: name };
	},

	deletePreset: async ({ request, locals }) => {
		const form = await request.formData();
		const name = String(form.get('name') ?? '');
		if (!(await deleteKioskPreset(db(), name, adminActor(locals)))) {
			return fail(404, { presetErrors: [m.set_err_preset_gone()] });
		}
		announce({ kind: 'campaign' });
		return { presetDeleted: name };
	}
} satisfies Actions;
