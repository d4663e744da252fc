import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, kioskQuery, readKioskConfig } from './config';

describe('kiosk configuration', () => {
	it('defaults to every slide, 12 s, dark theme, the whole campaign', () => {
		expect(readKioskConfig({})).toEqual({ config: DEFAULT_CONFIG, problems: [] });
	});

	it('reads slides, interval, theme, unit and language', () => {
		const { config, problems } = readKioskConfig({
			slides: 'tallies, QR,tallies',
			interval: '20',
			theme: 'light',
			unit: '03388',
			lang: 'en'
		});
		expect(problems).toEqual([]);
		expect(config).toEqual({
			slides: ['tallies', 'qr'],
			interval: 20,
			theme: 'light',
			unit: '03388',
			lang: 'en'
		});
		expect(
			readKioskConfig(Object.fromEntries(new URLSearchParams(kioskQuery(config)))).config
		).toEqual(config);
	});

	it('keeps going with what it can use and says what it skipped, in Vietnamese', () => {
		const { config, problems } = readKioskConfig({
			slides: 'hero,bogus',
			interval: '2',
			theme: 'blue',
			unit: '<script>'
		});
		expect(config).toEqual({ ...DEFAULT_CONFIG, slides: ['hero'] });
		expect(problems).toEqual([
			'Không có trang chiếu: bogus',
			'Thời gian mỗi trang phải là số giây từ 5 đến 300',
			'Giao diện chỉ có dark (nền đỏ sẫm) hoặc light (nền sáng)',
			'Mã đơn vị không hợp lệ'
		]);
		expect(readKioskConfig({ slides: 'nope' }).config.slides).toEqual(DEFAULT_CONFIG.slides);
	});
});
