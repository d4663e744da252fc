import { describe, expect, it } from 'vitest';
import { acceptedRange, checkActivityDates } from './activity-dates';

const campaign = {
	windowFrom: '2026-04-18',
	windowTo: '2026-04-26',
	reportDueBefore: '2026-05-10',
	acceptFrom: null,
	acceptTo: null
};

describe('activity dates', () => {
	it('accepts by default from 30 days before the window to the report deadline', () => {
		expect(acceptedRange(campaign)).toEqual({ from: '2026-03-19', to: '2026-05-10' });
		expect(
			acceptedRange({ ...campaign, acceptFrom: '2026-01-01', acceptTo: '2026-06-30' })
		).toEqual({ from: '2026-01-01', to: '2026-06-30' });
	});

	it('refuses dates outside the range with the range in the message', () => {
		for (const startDate of ['2025-04-21', '2026-03-01', '2026-06-15']) {
			expect(checkActivityDates({ startDate }, campaign)?.startDate).toEqual([
				'Ngày bắt đầu phải trong thời gian nhận báo cáo của đợt hưởng ứng: từ 19/03/2026 đến 10/05/2026'
			]);
		}
		expect(
			checkActivityDates({ startDate: '2026-04-20', endDate: '2026-05-11' }, campaign)
		).toEqual({
			endDate: ['Ngày kết thúc phải trong thời gian nhận báo cáo: từ 19/03/2026 đến 10/05/2026']
		});
	});

	it('takes a date outside the window only once the unit confirms it', () => {
		expect(checkActivityDates({ startDate: '2026-04-21' }, campaign)).toBeNull();
		expect(checkActivityDates({ startDate: '2026-04-18' }, campaign)).toBeNull();
		expect(checkActivityDates({ startDate: '2026-04-26' }, campaign)).toBeNull();
		expect(
			checkActivityDates({ startDate: '2026-04-28' }, campaign)?.confirmOutsideWindow?.[0]
		).toContain('ngoài đợt (18/04/2026 – 26/04/2026)');
		expect(
			checkActivityDates({ startDate: '2026-04-28', confirmOutsideWindow: true }, campaign)
		).toBeNull();
	});
});
