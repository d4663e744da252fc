import { describe, expect, it } from 'vitest';
import { reminderText } from './reminder';

const base = {
	unitName: 'UBND phường Tân Phong',
	issuer: 'Sở Khoa học và Công nghệ tỉnh Lai Châu',
	dueBefore: '2026-05-10'
};

describe('reminder text', () => {
	it('counts the days left to the Vietnam deadline and carries the link', () => {
		const text = reminderText({
			...base,
			activities: 0,
			link: 'https://lantoa.example/u/abc',
			now: new Date('2026-05-07T03:00:00Z')
		});
		expect(text).toContain('Kính gửi: UBND phường Tân Phong.');
		expect(text).toContain('trước ngày 10/05/2026 (còn 3 ngày)');
		expect(text).toContain('Báo cáo không tổ chức hoạt động');
		expect(text).toContain('https://lantoa.example/u/abc');
	});

	it('says what is missing when activities exist, and that the deadline passed', () => {
		const text = reminderText({
			...base,
			activities: 4,
			now: new Date('2026-05-10T00:00:00+07:00')
		});
		expect(text).toContain('Đơn vị đã nhập 4 hoạt động');
		expect(text).toContain('sớm nhất có thể (hạn báo cáo trước ngày 10/05/2026 đã qua)');
		expect(text).toContain('liên hệ Sở để được cấp lại');
	});
});
