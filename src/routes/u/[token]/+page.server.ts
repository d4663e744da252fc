import { fail } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { Actions, PageServerLoad } from './$types';
import { activityFormToInput } from '$lib/domain/activity';
import { db } from '$lib/server/context';
import { findActiveCampaign, toCampaignInfo } from '$lib/server/repositories/campaigns';
import { listActivitiesOfUnit } from '$lib/server/repositories/activities';
import { unitOf } from '$lib/server/auth/guards';
import { reportView, submitActivity, submitUnitReport } from '$lib/server/submissions';
import { findUnitReport } from '$lib/server/repositories/reports';
import { formValues } from '$lib/server/activity-form';
import { cutoffState } from '$lib/domain/cutoff';
import { uploadedPhotos } from '$lib/server/form-input';

export const load = (async ({ locals, setHeaders }) => {
	const unit = unitOf(locals);
	const campaign = await findActiveCampaign(db());
	// A secret link must not be cached by shared caches or leak through Referer.
	setHeaders({ 'Cache-Control': 'private, no-store' });
	return {
		unit: { code: unit.code, name: unit.name, kind: unit.kind },
		campaign: toCampaignInfo(campaign),
		cutoff: cutoffState(campaign.cutoff_at),
		activities: await listActivitiesOfUnit(db(), campaign.id, unit),
		report: await findUnitReport(db(), campaign.id, unit.id).then((report) =>
			report ? reportView(report, campaign.report_due_before) : null
		),
		// A fresh key per rendered form: a double tap or a resubmitted page stores one activity.
		idempotencyKey: `form:${randomUUID()}`
	};
}) satisfies PageServerLoad;

export const actions = {
	submit: async ({ locals, request }) => {
		const unit = unitOf(locals);
		const form = await request.formData();
		const values = formValues(form);
		const key = form.get('idempotencyKey');
		const result = await submitActivity({
			unit,
			raw: activityFormToInput(form),
			photos: await uploadedPhotos(form),
			idempotencyKey: typeof key === 'string' && key !== '' ? key : `form:${randomUUID()}`,
			source: 'form'
		});
		if (result.kind === 'invalid') return fail(400, { errors: result.errors, values });
		if (result.kind === 'rate-limited') return fail(429, { errors: result.errors, values });
		if (result.kind === 'locked') return fail(423, { errors: result.errors, values });
		if (result.kind === 'unavailable') return fail(503, { errors: result.errors, values });
		return { created: { id: result.activity.id, title: result.activity.title } };
	},

	/** The final result report, or "no activity organised" with a reason. */
	report: async ({ locals, request }) => {
		const unit = unitOf(locals);
		const form = await request.formData();
		const noActivity = form.get('noActivity') === 'true';
		const raw = noActivity
			? { noActivity: true, reason: String(form.get('reason') ?? '') }
			: { summary: String(form.get('summary') ?? '') };
		const result = await submitUnitReport({ unit, raw });
		if (result.kind !== 'saved') {
			const status = { locked: 423, unavailable: 503, 'rate-limited': 429, invalid: 400 };
			return fail(status[result.kind], {
				reportErrors: result.errors,
				reportValues: raw
			});
		}
		return { reportSaved: result.report };
	}
} satisfies Actions;
