import { fail } from '@sveltejs/kit';
import { activityFormToReplacement, activityToFormValues } from '$lib/domain/activity';
import type { StoredActivity } from '$lib/domain/stats';
import { conflictMessage, editActivity, type ChangeOutcome } from './submissions';
import type { Actor } from './repositories/audit';
import type { Unit } from './db/schema';
import { readForm, recordNumber } from './form-input';
import { m } from '$lib/paraglide/messages';

/** The submitted form's values, to show again after an error. */
export function formValues(form: FormData): Record<string, string | string[]> {
	const values: Record<string, string | string[]> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
		values[key] = ['channels', 'contentAreas'].includes(key) ? all : (all[0] ?? '');
	}
	return values;
}

/**
 * The edit form's action, shared by a unit's page and the admin's: the whole activity is replaced
 * by what the form holds, at the version the form was filled from.
 */
export async function saveActivityForm(args: {
	id: number;
	form: FormData;
	actor: Actor;
	unit?: Unit;
}) {
	const values = formValues(args.form);
	const seen = readForm(args.form, { version: recordNumber });
	if (!seen.ok) {
		return fail(400, {
			errors: { version: [m.edit_version_missing()] },
			values
		});
	}
	const raw = { ...activityFormToReplacement(args.form), version: seen.value.version };
	const outcome: ChangeOutcome = await editActivity({
		id: args.id,
		unit: args.unit,
		actor: args.actor,
		raw
	});
	switch (outcome.kind) {
		case 'changed':
			// The version only makes each save a new confirmation; the words say what happened.
			return { saved: outcome.activity.version, savedStatus: outcome.activity.status };
		case 'invalid':
			return fail(400, { errors: outcome.errors, values });
		case 'not-found':
			return fail(404, { errors: { id: [m.activity_gone()] }, values });
		case 'refused':
			return fail(409, { errors: { status: [outcome.reason] }, values });
		case 'locked':
			return fail(423, { errors: outcome.errors, values });
		case 'unavailable':
			return fail(503, { errors: outcome.errors, values });
		case 'rate-limited':
			return fail(429, { errors: outcome.errors, values });
		case 'conflict':
			// Keep what this person typed, show what is stored now, and let a second save be an
			// informed decision rather than a silent overwrite.
			return fail(409, {
				errors: { version: [conflictMessage()] },
				values,
				current: outcome.current,
				currentValues: activityToFormValues(outcome.current)
			});
	}
}

export type EditableActivity = StoredActivity;
