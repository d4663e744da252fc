import { z } from 'zod';
import { m } from '../paraglide/messages';

// What every text field accepts, in one place (issue 11, F11). Text is normalised to NFC (a title
// typed on a phone and the same title pasted from Word compare and sort alike), and refused when it
// would show blank, spoof its reading order, or break the HTML, the CSV or the database:
// - invisible only (zero-width spaces and joiners, soft hyphens, word joiners): blank on screens;
// - direction overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069): used to make a
//   text read differently from what it contains;
// - control characters (NUL, C0 other than tab and line breaks where lines are allowed, DEL, C1);
// - lone surrogate halves: not text at all (stored, they become invalid UTF-8).
// Invisible characters inside real text (issue 24: zero-width spaces and joiners, direction marks,
// tag characters, Hangul fillers — often pasted from social media) are removed before storing:
// they make two equal titles differ, hide words from search, and show as nothing.

const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200D\u2060\uFEFF]/gu;
/** Removed from stored text: format characters that show as nothing. */
const STRIPPED =
	/[\u00AD\u115F\u1160\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]|\u034F/gu;

/** Text without its invisible format characters (what is stored). */
export function withoutInvisible(value: string): string {
	return value.replace(STRIPPED, '');
}
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** In the language of the request being checked (message functions). */
export const TEXT_MESSAGES = {
	encoding: m.text_encoding,
	control: m.text_control,
	direction: m.text_direction,
	invisible: m.text_invisible
} as const;

/** Which problem a text has, if any (checked after NFC and, for one-line fields, after tabs and line breaks become spaces). */
export function textProblem(
	value: string,
	options: { multiline?: boolean } = {}
): keyof typeof TEXT_MESSAGES | undefined {
	if (LONE_SURROGATE.test(value)) return 'encoding';
	if ((options.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) return 'control';
	if (BIDI_CONTROL.test(value)) return 'direction';
	// Spaces alone are left to trimming (an optional field left blank); invisible characters that
	// survive trimming and nothing else are refused.
	if (value.trim() !== '' && withoutInvisible(value).replace(INVISIBLE, '') === '') {
		return 'invisible';
	}
	return undefined;
}

/**
 * A string schema that every text field starts from: NFC, tabs and line breaks turned into spaces
 * in one-line fields, then refused with a field error for the problems above. Chain `.trim()`,
 * `.min()`, `.max()` after it as usual.
 */
export function text(
	params?: Parameters<typeof z.string>[0],
	options: { multiline?: boolean } = {}
) {
	return z
		.string(params)
		.overwrite((value) => {
			const normal = value.normalize('NFC');
			return options.multiline ? normal : normal.replace(/[\t\n\r]+/g, ' ');
		})
		.check((ctx) => {
			const problem = textProblem(ctx.value, options);
			if (problem) {
				ctx.issues.push({ code: 'custom', message: TEXT_MESSAGES[problem](), input: ctx.value });
			}
		})
		.overwrite(withoutInvisible);
}
