import { describe, expect, it } from 'vitest';
import { isStale, msUntilVietnamTime, nextDrift, STALE_AFTER_MS } from './self-healing';

describe('kiosk self-healing rules', () => {
	it('admits being stale only after 10 s without the server', () => {
		expect(isStale(100_000, 100_000 - STALE_AFTER_MS)).toBe(false);
		expect(isStale(100_000, 100_000 - STALE_AFTER_MS - 1)).toBe(true);
	});

	it('schedules the nightly reload at the next 03:00 in Vietnam, whatever the zone', () => {
		// 02:00 ICT on 22/4 is 19:00 UTC on 21/4: one hour to go.
		expect(msUntilVietnamTime('03:00', Date.parse('2026-04-21T19:00:00Z'))).toBe(3_600_000);
		// 03:00 ICT exactly: the next one is tomorrow.
		expect(msUntilVietnamTime('03:00', Date.parse('2026-04-21T20:00:00Z'))).toBe(86_400_000);
		expect(msUntilVietnamTime('3:00', 0)).toBeUndefined();
		expect(msUntilVietnamTime('24:00', 0)).toBeUndefined();
	});

	it('drifts a few pixels, never staying put', () => {
		const values = [0.5, 0.5, 0.9, 0.1];
		const next = nextDrift({ x: 0, y: 0 }, () => values.shift()!);
		expect(next).toEqual({ x: 5, y: -5 });
		for (let i = 0; i < 200; i++) {
			const { x, y } = nextDrift({ x: 1, y: 1 });
			expect(Math.abs(x)).toBeLessThanOrEqual(6);
			expect(Math.abs(y)).toBeLessThanOrEqual(6);
		}
	});
});
