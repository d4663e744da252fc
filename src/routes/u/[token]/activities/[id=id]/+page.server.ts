import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';
import { activityToFormValues } from '$lib/domain/activity';
import { db } from '$lib/server/context';
import { saveActivityForm } from '$lib/server/activity-form';
import {
	findActiveCampaign,
	lockedCutoff,
	toCampaignInfo
} from '$lib/server/repositories/campaigns';
import { findActivity } from '$lib/server/repositories/activities';
import { unitOf } from '$lib/server/auth/guards';
import { readForm, recordNumber } from '$lib/server/form-input';
import {
	changeOwnActivityPhotos,
	conflictMessage,
	unitActor,
	withdrawOwnActivity
} from '$lib/server/submissions';
import { uploadedPhotos } from '$lib/server/form-input';
import type { UploadedFile } from '$lib/server/photos';
import type { TokenUnit } from '$lib/server/repositories/units';

export const load = (async ({ params, locals }) => {
	const unit = unitOf(locals);
	// Another unit's activity is simply "not found" here.
	const activity = await findActivity(db(), Number(params.id), {
		unitId: unit.id,
		includeWithdrawn: true
	});
	if (!activity) error(404, m.edit_not_found());
	// Withdrawn (here or from another phone): back to the list, which says so.
	if (activity.withdrawn) redirect(303, `/u/${params.token}?da-rut=${activity.id}`);
	// After the cut-off nothing can be edited: the unit's page says so.
	if (await lockedCutoff(db())) redirect(303, `/u/${params.token}`);
	return {
		unit: { code: unit.code, name: unit.name },
		activity,
		values: activityToFormValues(activity),
		campaign: toCampaignInfo(await findActiveCampaign(db()))
	};
}) satisfies PageServerLoad;

/** Add or take away photos at the version the page showed; the answer in the photos' words. */
async function photoChange(
	id: string,
	unit: TokenUnit,
	form: FormData,
	change: { add?: UploadedFile[]; remove?: string }
) {
	const seen = readForm(form, { version: recordNumber });
	if (!seen.ok) return fail(400, { photoErrors: [m.request_reload()] });
	const outcome = await changeOwnActivityPhotos({
		id: Number(id),
		unit,
		version: seen.value.version,
		...change
	});
	switch (outcome.kind) {
		case 'changed':
			return { photosSaved: true };
		case 'invalid':
			return fail(400, {
				photoErrors: outcome.errors.photos ?? Object.values(outcome.errors).flat()
			});
		case 'conflict':
			return fail(409, { photoErrors: [conflictMessage()] });
		case 'refused':
			return fail(409, { photoErrors: [outcome.reason] });
		case 'locked':
			return fail(423, { photoErrors: outcome.errors.cutoff ?? [] });
		case 'unavailable':
			return fail(503, { photoErrors: outcome.errors.storage ?? [] });
		case 'rate-limited':
			return fail(429, { photoErrors: outcome.errors.rate ?? [] });
		default:
			return fail(404, { photoErrors: [m.activity_gone()] });
	}
}

export const actions = {
	save: async ({ params, locals, request }) => {
		const unit = unitOf(locals);
		return saveActivityForm({
			id: Number(params.id),
			form: await request.formData(),
			actor: unitActor(unit),
			unit
		});
	},
	addPhotos: async ({ params, locals, request }) => {
		const form = await request.formData();
		return photoChange(params.id, unitOf(locals), form, { add: await uploadedPhotos(form) });
	},
	removePhoto: async ({ params, locals, request }) => {
		const form = await request.formData();
		const hash = form.get('hash');
		if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
			return fail(400, { photoErrors: [m.photo_unknown()] });
		}
		return photoChange(params.id, unitOf(locals), form, { remove: hash });
	},
	withdraw: async ({ params, locals, request }) => {
		const unit = unitOf(locals);
		const form = await request.formData();
		const seen = readForm(form, { version: recordNumber.optional() });
		if (!seen.ok) return fail(400, { withdrawError: m.request_reload() });
		// Withdrawing cannot be undone: the first press only asks (without JavaScript too).
		if (form.get('confirm') !== 'yes') return { confirmWithdraw: true };
		const outcome = await withdrawOwnActivity({
			id: Number(params.id),
			unit,
			version: seen.value.version
		});
		switch (outcome.kind) {
			case 'changed':
				redirect(303, `/u/${params.token}?da-rut=${params.id}`);
				break;
			case 'conflict':
				return fail(409, { withdrawError: conflictMessage });
			case 'refused':
				return fail(409, { withdrawError: outcome.reason });
			case 'locked':
				return fail(423, { withdrawError: outcome.errors.cutoff?.[0] });
			case 'unavailable':
				return fail(503, { withdrawError: outcome.errors.storage?.[0] });
			case 'rate-limited':
				return fail(429, { withdrawError: outcome.errors.rate?.[0] });
			default:
				return fail(404, { withdrawError: m.activity_gone() });
		}
	}
} satisfies Actions;
