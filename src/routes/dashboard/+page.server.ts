import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { liveSnapshot } from '$lib/server/live-stats';
import { findActivity } from '$lib/server/repositories/activities';
import { listUnits } from '$lib/server/repositories/units';
import { setExemplary } from '$lib/server/submissions';
import { composeReminder } from '$lib/server/reminders';
import { findActiveCampaign } from '$lib/server/repositories/campaigns';
import { cutoffState } from '$lib/domain/cutoff';
import { staffActor, staffOf } from '$lib/server/auth/guards';
import { readForm, recordNumber } from '$lib/server/form-input';

export const load = (async ({ setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store' });
	// Contacts are personal data: only this signed-in page gets them, never a socket payload.
	const units = await listUnits(db(), { activeOnly: true });
	const contacts = Object.fromEntries(
		units.map((u) => [
			u.code,
			{ name: u.contact_name, phone: u.contact_phone, email: u.contact_email }
		])
	);
	const campaign = await findActiveCampaign(db());
	return { ...(await liveSnapshot('staff')), contacts, cutoff: cutoffState(campaign.cutoff_at) };
}) satisfies PageServerLoad;

export const actions = {
	/**
	 * Leaders and administrators mark an approved activity as an exemplary model (or unmark it).
	 * Setting a flag to a chosen value is safe to repeat, so it applies to the current version.
	 */
	exemplary: async ({ request, locals }) => {
		const form = await request.formData();
		const target = readForm(form, { id: recordNumber });
		if (!target.ok) return fail(400, { error: m.dash_bad_request() });
		const id = target.value.id;
		const current = await findActivity(db(), id);
		if (!current) return fail(404, { error: m.dash_activity_gone() });
		const outcome = await setExemplary({
			id,
			version: current.version,
			exemplary: form.get('exemplary') === 'on',
			note: String(form.get('note') ?? ''),
			actor: staffActor(locals)
		});
		if (outcome.kind === 'refused') return fail(409, { error: outcome.reason });
		if (outcome.kind === 'invalid') {
			return fail(400, { error: Object.values(outcome.errors).flat().join(' ') });
		}
		if (outcome.kind === 'unavailable' || outcome.kind === 'locked') {
			return fail(outcome.kind === 'locked' ? 423 : 503, {
				error: Object.values(outcome.errors).flat().join(' ')
			});
		}
		if (outcome.kind !== 'changed') {
			return fail(409, { error: m.dash_activity_changed() });
		}
		return { exemplary: id };
	},

	/** A ready-to-copy reminder for a unit that has not reported, with its link (audited). */
	reminder: async ({ request, locals, url }) => {
		const form = await request.formData();
		const code = String(form.get('code') ?? '');
		const reminder = await composeReminder(code, staffOf(locals), url.origin);
		if (!reminder) return fail(404, { error: m.dash_unit_gone() });
		return { reminder };
	}
} satisfies Actions;
