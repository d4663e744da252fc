import { describe, expect, it } from 'vitest';
import { foldText, likePattern } from './search';

describe('search folding', () => {
	it('finds Vietnamese text typed without diacritics or in capitals', () => {
		expect(foldText('HỘI THẢO Đổi mới  sáng tạo')).toBe('hoi thao doi moi sang tao');
		expect(foldText('Phường Đoàn Kết')).toBe(foldText('phuong doan ket'));
	});
	it('takes % and _ literally', () => {
		expect(likePattern('50%_x')).toBe('%50\\%\\_x%');
	});
});
