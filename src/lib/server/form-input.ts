import type { UploadedFile } from './photos';
import { z } from 'zod';
import { toFieldErrors, type FieldErrors } from '$lib/domain/activity';
import { text } from '$lib/domain/text';
import { isRecordId } from '$lib/domain/record-id';
import { m } from '$lib/paraglide/messages';

// Form actions read their fields through zod like the JSON API does, with the same error mapper:
// a record id or version is a plain positive whole number (Number() took '0x1' as 1, '' as 0 and
// 'abc' as NaN, which reached the database as "not found" or acted on the wrong record), and text
// follows the one text rule (src/lib/domain/text.ts).

/** A record id or version as a form or address carries it. */
export const recordNumber = z
	.string({ error: () => m.input_number_missing() })
	.refine(isRecordId, { error: () => m.input_number_positive() })
	.transform(Number);

/** A checkbox: on when ticked, absent when not. */
export const checkbox = z
	.literal('on', { error: () => m.input_invalid_value() })
	.optional()
	.transform((value) => value === 'on');

/** Optional one-line text, blank meaning absent. */
export const optionalLine = (max: number) =>
	text()
		.trim()
		.max(max, { error: () => m.input_text_max({ max }) })
		.transform((value) => value || undefined)
		.optional();

export type FormParse<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** The fields of `shape` from a submitted form (strings; a missing field is undefined). */
export function readForm<S extends z.ZodRawShape>(
	form: FormData,
	shape: S
): FormParse<z.infer<z.ZodObject<S>>> {
	const raw: Record<string, unknown> = Object.create(null);
	for (const key of Object.keys(shape)) {
		const value = form.get(key);
		if (value !== null) raw[key] = typeof value === 'string' ? value : undefined;
	}
	const parsed = z.object(shape).safeParse(raw);
	return parsed.success
		? { ok: true, value: parsed.data }
		: { ok: false, errors: toFieldErrors(parsed.error) };
}

/** The errors of a FormParse as one sentence, for actions that show a single message. */
export function oneMessage(errors: FieldErrors): string {
	return Object.values(errors).flat().join(' ');
}

/**
 * The photos chosen in the form. A file field left empty still sends one nameless empty part,
 * which is not a photo; a part that is text instead of a file is not one either.
 */
export async function uploadedPhotos(form: FormData): Promise<UploadedFile[]> {
	const files = form
		.getAll('photos')
		.filter((value): value is File => typeof value !== 'string')
		.filter((file) => !(file.size === 0 && file.name === ''));
	return Promise.all(
		files.map(async (file) => ({ name: file.name, bytes: Buffer.from(await file.arrayBuffer()) }))
	);
}
