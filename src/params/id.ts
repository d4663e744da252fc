import type { ParamMatcher } from '@sveltejs/kit';
import { isRecordId } from '$lib/domain/record-id';

/**
 * A database id as it appears in addresses: a positive integer written plainly. `1e0`, `0x1`,
 * `1.0`, `01` and `+1` would all read as 1 through Number(); they match no route instead.
 */
export const match = ((param: string) => isRecordId(param)) satisfies ParamMatcher;
