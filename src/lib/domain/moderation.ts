import { z } from 'zod';
import { toFieldErrors, type FieldErrors } from './activity';
import { text } from './text';
import { m } from '$lib/paraglide/messages';

// What the Department writes about an activity: why it is not approved (the unit reads it on its
// page) and why it is a model. Both go through the same text rule as everything units type.

export const REJECT_REASON_LIMITS = { min: 5, max: 500 } as const;
export const EXEMPLARY_NOTE_MAX = 300;

const reasonSchema = z.object({
	reason: text({ error: () => m.mod_reason_required() }, { multiline: true })
		.trim()
		.min(REJECT_REASON_LIMITS.min, {
			error: () => m.mod_reason_length(REJECT_REASON_LIMITS)
		})
		.max(REJECT_REASON_LIMITS.max, {
			error: () => m.mod_reason_max(REJECT_REASON_LIMITS)
		})
});

const noteSchema = z.object({
	note: text({ error: () => m.mod_note_text() })
		.trim()
		.max(EXEMPLARY_NOTE_MAX, { error: () => m.mod_note_max({ max: EXEMPLARY_NOTE_MAX }) })
});

type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function parseRejectReason(reason: unknown): Parsed<string> {
	const result = reasonSchema.safeParse({ reason });
	return result.success
		? { ok: true, value: result.data.reason }
		: { ok: false, errors: toFieldErrors(result.error) };
}

/** An empty note is no note. */
export function parseExemplaryNote(note: unknown): Parsed<string | null> {
	const result = noteSchema.safeParse({ note });
	return result.success
		? { ok: true, value: result.data.note || null }
		: { ok: false, errors: toFieldErrors(result.error) };
}
