import { z } from 'zod';
import { text } from './text';
import { toFieldErrors, type FieldErrors } from './activity';

/** Body of `POST /api/v1/reports` and the unit page's report form. */
const summarySchema = z.strictObject(
	{
		summary: text({ error: 'Nhập tóm tắt kết quả' }, { multiline: true })
			.trim()
			.min(20, { error: 'Tóm tắt kết quả cần ít nhất 20 ký tự' })
			.max(10_000, { error: 'Tóm tắt kết quả tối đa 10.000 ký tự' })
	},
	{ error: 'Gửi { "summary": "…" } hoặc { "noActivity": true, "reason": "…" }' }
);

const noActivitySchema = z.strictObject({
	noActivity: z.literal(true, { error: 'noActivity phải là true' }),
	reason: text({ error: 'Nhập lý do không tổ chức hoạt động' }, { multiline: true })
		.trim()
		.min(5, { error: 'Lý do cần ít nhất 5 ký tự' })
		.max(2000, { error: 'Lý do tối đa 2.000 ký tự' })
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
