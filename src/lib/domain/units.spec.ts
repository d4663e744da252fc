import { describe, expect, it } from 'vitest';
import { chartUnitName } from './units';

describe('chartUnitName', () => {
	it('keeps short names on one line, without the province', () => {
		expect(chartUnitName({ name: 'Sở Y tế tỉnh Lai Châu' })).toBe('Sở Y tế');
	});
	it('never cuts a long name: it is given as whole-word lines', () => {
		const name = 'Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Lai Châu';
		const lines = chartUnitName({ name });
		expect(lines).toEqual(['Liên hiệp các Hội Khoa', 'học và Kỹ thuật']);
		expect((lines as string[]).join(' ')).toBe('Liên hiệp các Hội Khoa học và Kỹ thuật');
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(22);
	});
});
