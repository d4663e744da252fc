import { z } from 'zod';
import { text } from './text';
import { toFieldErrors, type FieldErrors } from './activity';
import { m } from '../paraglide/messages';

/** Body of `POST /api/v1/reports` and the unit page's report form. */
const summarySchema = z.strictObject(
	{
		summary: text({ error: () => m.report_summary_missing() }, { multiline: true })
			.trim()
			.min(20, { error: () => m.report_summary_min() })
			.max(10_000, { error: () => m.report_summary_max() })
	},
	{ error: () => m.report_body() }
);

const noActivitySchema = z.strictObject({
	noActivity: z.literal(true, { error: () => m.report_no_activity_true() }),
	reason: text({ error: () => m.report_reason_missing() }, { multiline: true })
		.trim()
		.min(5, { error: () => m.report_reason_min() })
		.max(2000, { error: () => m.report_reason_max() })
});

export type UnitReportInput =
	{ kind: 'summary'; summary: string } | { kind: 'no_activity'; reason: string };

/**
 * `{ summary }` or `{ noActivity: true, reason }`: the shape chooses the schema, so errors name
 * the fields of the shape the unit meant.
 */
export function parseUnitReport(
	input: unknown
): { ok: true; value: UnitReportInput } | { ok: false; errors: FieldErrors } {
	const wantsNoActivity =
		typeof input === 'object' && input !== null && !Array.isArray(input) && 'noActivity' in input;
	if (wantsNoActivity) {
		const result = noActivitySchema.safeParse(input);
		return result.success
			? { ok: true, value: { kind: 'no_activity', reason: result.data.reason } }
			: { ok: false, errors: toFieldErrors(result.error) };
	}
	const result = summarySchema.safeParse(input);
	return result.success
		? { ok: true, value: { kind: 'summary', summary: result.data.summary } }
		: { ok: false, errors: toFieldErrors(result.error) };
}
