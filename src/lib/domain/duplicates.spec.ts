import { describe, expect, it } from 'vitest';
import { likelyDuplicates, similarTitles } from './duplicates';

const item = (
	id: number,
	title: string,
	extra: Partial<{ unitId: number; type: string; startDate: string }> = {}
) => ({
	id,
	unitId: 1,
	type: 'banner',
	startDate: '2026-04-21',
	title,
	...extra
});

describe('likely duplicates', () => {
	it('finds near-same titles, accents, case and punctuation aside', () => {
		expect(similarTitles('Treo băng rôn tại trụ sở', 'treo bang ron tai tru so.')).toBe(true);
		expect(
			similarTitles('Treo băng rôn tại trụ sở UBND xã', 'Treo băng rôn tại trụ sở UBND xã!')
		).toBe(true);
		expect(similarTitles('Hội thảo chuyển đổi số', 'Tọa đàm khởi nghiệp sáng tạo')).toBe(false);
		// Numbered ones are different activities.
		expect(similarTitles('Treo băng rôn — đợt 1', 'Treo băng rôn — đợt 2')).toBe(false);
		expect(similarTitles('Hoạt động số 1 hưởng ứng', 'Hoạt động số 4 hưởng ứng')).toBe(false);
	});
	it('only within one unit, form and day', () => {
		const found = likelyDuplicates([
			item(1, 'Treo băng rôn tại trụ sở'),
			item(2, 'Treo băng rôn tại trụ sở'),
			item(3, 'Treo băng rôn tại trụ sở', { unitId: 2 }),
			item(4, 'Treo băng rôn tại trụ sở', { startDate: '2026-04-22' }),
			item(5, 'Treo băng rôn tại trụ sở', { type: 'media' }),
			item(6, 'Hội thi sáng kiến cấp xã')
		]);
		expect([...found.entries()]).toEqual([
			[1, [2]],
			[2, [1]]
		]);
	});
	it('three of a kind each name the other two', () => {
		const found = likelyDuplicates([item(7, 'Băng rôn'), item(8, 'Băng rôn'), item(9, 'băng rôn')]);
		expect(found.get(8)).toEqual([7, 9]);
	});
});
