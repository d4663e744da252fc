import { fail } from '@sveltejs/kit';
import { toFieldErrors } from '$lib/domain/activity';
import type { Actions, PageServerLoad } from './$types';
import { parseCsv, unitSchema } from '$lib/domain/unit';
import { db } from '$lib/server/context';
import { qrDataUrl } from '$lib/server/qr';
import {
	createUnit,
	findUnitByCode,
	importUnits,
	issueUnitToken,
	listUnits,
	liveLinkDates,
	revokeUnitLink,
	setUnitFlags,
	UnitCodeTaken
} from '$lib/server/repositories/units';
import { announce } from '$lib/server/changes';
import { adminActor } from '$lib/server/auth/guards';
import { m } from '$lib/paraglide/messages';

export const load = (async () => {
	const [units, links] = await Promise.all([listUnits(db()), liveLinkDates(db())]);
	return {
		units: units.map((unit) => ({
			code: unit.code,
			name: unit.name,
			kind: unit.kind,
			verified: unit.verified === 1,
			active: unit.active === 1,
			note: unit.note,
			contactName: unit.contact_name,
			contactPhone: unit.contact_phone,
			contactEmail: unit.contact_email,
			linkIssuedAt: links.get(unit.id) ?? null
		}))
	};
}) satisfies PageServerLoad;

function formRecord(form: FormData, fields: string[]): Record<string, string> {
	return Object.fromEntries(fields.map((f) => [f, String(form.get(f) ?? '')]));
}

/** Unit changes move the numbers every screen shows. */
function refreshScreens() {
	announce({ kind: 'numbers' });
}

export const actions = {
	create: async ({ request, locals }) => {
		const values = formRecord(await request.formData(), [
			'code',
			'name',
			'kind',
			'contactName',
			'contactPhone',
			'contactEmail'
		]);
		const parsed = unitSchema.safeParse(values);
		if (!parsed.success) {
			const errors = toFieldErrors(parsed.error);
			return fail(400, { action: 'create', errors, values });
		}
		try {
			await createUnit(db(), parsed.data, adminActor(locals));
		} catch (error) {
			if (error instanceof UnitCodeTaken) {
				return fail(400, { action: 'create', errors: { code: [error.message] }, values });
			}
			throw error;
		}
		refreshScreens();
		return { action: 'create', created: parsed.data.code };
	},

	flags: async ({ request, locals }) => {
		const form = await request.formData();
		const code = String(form.get('code') ?? '');
		const change = String(form.get('change') ?? '');
		const flags =
			change === 'verify'
				? { verified: true }
				: change === 'deactivate'
					? { active: false }
					: change === 'activate'
						? { active: true }
						: undefined;
		if (!flags) return fail(400, { action: 'flags', error: m.units_err_action() });
		if (!(await setUnitFlags(db(), code, flags, adminActor(locals)))) {
			return fail(404, { action: 'flags', error: m.units_err_no_unit({ code }) });
		}
		refreshScreens();
		return { action: 'flags', code };
	},

	issueLink: async ({ request, locals, url }) => {
		const code = String((await request.formData()).get('code') ?? '');
		const unit = await findUnitByCode(db(), code);
		if (!unit || !unit.active) {
			return fail(404, { action: 'issueLink', error: m.units_err_no_active_unit({ code }) });
		}
		const token = await issueUnitToken(db(), unit, adminActor(locals));
		// The unit's previous link is revoked: its open pages stop getting the unit's activities.
		announce({ kind: 'access' });
		const link = `${url.origin}/u/${token}`;
		return {
			action: 'issueLink',
			issued: { code: unit.code, name: unit.name, link, qr: await qrDataUrl(link) }
		};
	},

	revokeLink: async ({ request, locals }) => {
		const code = String((await request.formData()).get('code') ?? '');
		const unit = await findUnitByCode(db(), code);
		if (!unit) return fail(404, { action: 'revokeLink', error: m.units_err_no_unit({ code }) });
		const revoked = await revokeUnitLink(db(), unit, adminActor(locals));
		announce({ kind: 'access' });
		return { action: 'revokeLink', code, revoked };
	},

	import: async ({ request, locals }) => {
		const form = await request.formData();
		const file = form.get('file');
		const text =
			file instanceof File && file.size > 0 ? await file.text() : String(form.get('csv') ?? '');
		if (text.length > 200_000) {
			return fail(413, {
				action: 'import',
				importErrors: [{ row: 1, errors: [m.units_err_too_big()] }]
			});
		}
		if (!text.trim()) {
			return fail(400, {
				action: 'import',
				importErrors: [{ row: 1, errors: [m.units_err_empty_form()] }]
			});
		}
		const result = await importUnits(db(), parseCsv(text), adminActor(locals));
		if (!result.ok) return fail(400, { action: 'import', importErrors: result.errors });
		refreshScreens();
		return { action: 'import', created: result.created, updated: result.updated };
	}
} satisfies Actions;
