import { z } from 'zod';
import { toFieldErrors, type FieldErrors } from './activity';
import { text } from './text';

// What the Department writes about an activity: why it is not approved (the unit reads it on its
// page) and why it is a model. Both go through the same text rule as everything units type.

export const REJECT_REASON_LIMITS = { min: 5, max: 500 } as const;
export const EXEMPLARY_NOTE_MAX = 300;

const reasonSchema = z.object({
	reason: text({ error: 'Ghi lý do không duyệt' }, { multiline: true })
		.trim()
		.min(REJECT_REASON_LIMITS.min, {
			error: `Ghi lý do không duyệt (${REJECT_REASON_LIMITS.min}–${REJECT_REASON_LIMITS.max} ký tự) để đơn vị biết cần sửa gì`
		})
		.max(REJECT_REASON_LIMITS.max, {
			error: `Lý do không duyệt tối đa ${REJECT_REASON_LIMITS.max} ký tự`
		})
});

const noteSchema = z.object({
	note: text({ error: 'Ghi chú phải là văn bản' })
		.trim()
		.max(EXEMPLARY_NOTE_MAX, { error: `Ghi chú tối đa ${EXEMPLARY_NOTE_MAX} ký tự` })
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
