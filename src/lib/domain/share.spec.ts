import { describe, expect, it } from 'vitest';
import { percentOf, shareOf } from './share';

describe('a group’s share', () => {
	it('is the part of its own whole, whatever other groups hold', () => {
		expect(shareOf(11, 38)).toBeCloseTo(0.289, 3);
		expect(shareOf(9, 21)).toBeCloseTo(0.4286, 3);
		expect(percentOf(11, 38)).toBe(29);
	});
	it('is nothing for nothing, and never more than all', () => {
		expect(shareOf(0, 1)).toBe(0);
		expect(shareOf(0, 0)).toBe(0);
		expect(shareOf(3, 0)).toBe(0);
		expect(shareOf(5, 4)).toBe(1);
	});
});
