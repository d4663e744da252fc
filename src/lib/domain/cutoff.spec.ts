import { describe, expect, it } from 'vitest';
import {
	cutoffState,
	isLocked,
	isoToVietnamLocal,
	lockedMessage,
	vietnamLocalToIso
} from './cutoff';

describe('cut-off', () => {
	const at = '2026-05-10T10:00:00.000Z'; // 17:00 10/05/2026 in Vietnam

	it('is open without a time, scheduled before it and locked from the instant on', () => {
		expect(cutoffState(null)).toEqual({ kind: 'open' });
		expect(cutoffState(at, new Date('2026-05-10T09:59:59.999Z')).kind).toBe('scheduled');
		expect(cutoffState(at, new Date(at)).kind).toBe('locked');
		expect(isLocked(at, new Date('2026-06-01T00:00:00Z'))).toBe(true);
		expect(isLocked(at, new Date('2026-05-01T00:00:00Z'))).toBe(false);
	});

	it('reads the admin form as Vietnam time whatever the server zone', () => {
		expect(vietnamLocalToIso('2026-05-10T17:00')).toBe(at);
		expect(vietnamLocalToIso('2026-05-10T00:00')).toBe('2026-05-09T17:00:00.000Z');
		expect(isoToVietnamLocal(at)).toBe('2026-05-10T17:00');
		expect(vietnamLocalToIso('2026-04-31T10:00')).toBeUndefined();
		expect(vietnamLocalToIso('10/05/2026 17:00')).toBeUndefined();
		expect(vietnamLocalToIso('')).toBeUndefined();
	});

	it('tells the unit when the data was locked, in Vietnam time', () => {
		expect(lockedMessage(at)).toContain('17:00 10/05/2026');
	});
});
