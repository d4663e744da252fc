// A database id or version as it appears in an address or a form: a positive whole number written
// plainly. Number() would also read `1e0`, `0x1`, `1.0`, `01`, `+1` and ` 1` as 1. One rule for the
// route matcher (src/params/id.ts), the forms (src/lib/server/form-input.ts) and the API's
// `?version=`. No zod here: the route matcher runs in the browser too.

export const RECORD_ID_PATTERN = '[1-9][0-9]{0,14}';
const RECORD_ID = new RegExp(`^${RECORD_ID_PATTERN}$`);

export function isRecordId(value: string): boolean {
	return RECORD_ID.test(value);
}

/** The number, or undefined when `value` is not written as a record id. */
export function readRecordId(value: string | null | undefined): number | undefined {
	return value != null && RECORD_ID.test(value) ? Number(value) : undefined;
}
