import { describe, expect, it } from 'vitest';
import { foldText, likePattern, matchesSearch } from './search';

describe('search folding', () => {
	it('finds Vietnamese text typed without diacritics or in capitals', () => {
		expect(foldText('HỘI THẢO Đổi mới  sáng tạo')).toBe('hoi thao doi moi sang tao');
		expect(foldText('Phường Đoàn Kết')).toBe(foldText('phuong doan ket'));
	});
	it('takes % and _ literally', () => {
		expect(likePattern('50%_x')).toBe('%50\\%\\_x%');
	});
	it('is one rule for every list: a unit is found without accents', () => {
		expect(matchesSearch('Xã Mường Tè', 'muong')).toBe(true);
		expect(matchesSearch('Xã Tân Phong', 'tan phong')).toBe(true);
		expect(matchesSearch('SO-YT Sở Y tế', 'y te')).toBe(true);
		expect(matchesSearch('Xã Tân Phong', 'TÂN  phong ')).toBe(true);
		expect(matchesSearch('Xã Tân Uyên', 'tan phong')).toBe(false);
	});
});
