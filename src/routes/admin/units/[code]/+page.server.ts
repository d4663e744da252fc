import { error, fail } from '@sveltejs/kit';
import { toFieldErrors } from '$lib/domain/activity';
import type { Actions, PageServerLoad } from './$types';
import { unitSchema } from '$lib/domain/unit';
import { db } from '$lib/server/context';
import { announce } from '$lib/server/changes';
import { findUnitByCode, updateUnit } from '$lib/server/repositories/units';
import { adminActor } from '$lib/server/auth/guards';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ params }) => {
	const unit = await findUnitByCode(db(), params.code);
	if (!unit) error(404, m.units_err_no_unit({ code: params.code }));
	return {
		unit: {
			code: unit.code,
			name: unit.name,
			kind: unit.kind,
			verified: unit.verified === 1,
			active: unit.active === 1,
			note: unit.note,
			contactName: unit.contact_name ?? '',
			contactPhone: unit.contact_phone ?? '',
			contactEmail: unit.contact_email ?? ''
		}
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ params, request, locals }) => {
		const form = await request.formData();
		const values = Object.fromEntries(
			['name', 'kind', 'contactName', 'contactPhone', 'contactEmail'].map((f) => [
				f,
				String(form.get(f) ?? '')
			])
		);
		const parsed = unitSchema.safeParse({ ...values, code: params.code });
		if (!parsed.success) {
			const errors = toFieldErrors(parsed.error);
			return fail(400, { errors, values });
		}
		const unit = await updateUnit(db(), params.code, parsed.data, adminActor(locals));
		if (!unit) {
			const errors: Record<string, string[]> = { code: [m.unit_admin_gone()] };
			return fail(404, { errors, values });
		}
		announce({ kind: 'numbers' });
		return { saved: true };
	}
} satisfies Actions;
