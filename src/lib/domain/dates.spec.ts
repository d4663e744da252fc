import { describe, expect, it } from 'vitest';
import { dayMonthYearToIso } from './date-input';
import {
	campaignPhase,
	datesBetween,
	formatDate,
	formatDateTime,
	formatNumber,
	isValidIsoDate,
	todayInVietnam
} from './dates';
import { describePhase } from '../i18n/phase';

const window = { from: '2026-04-18', to: '2026-04-26' };

describe('dates in Asia/Ho_Chi_Minh', () => {
	it('knows real calendar dates', () => {
		expect(isValidIsoDate('2026-04-21')).toBe(true);
		expect(isValidIsoDate('2028-02-29')).toBe(true);
		expect(isValidIsoDate('2026-02-29')).toBe(false);
		expect(isValidIsoDate('2026-13-01')).toBe(false);
		expect(isValidIsoDate('2026-4-1')).toBe(false);
	});

	it('lists the nine days of the activity window', () => {
		expect(datesBetween(window.from, window.to)).toHaveLength(9);
		expect(datesBetween('2026-02-27', '2026-03-02')).toEqual([
			'2026-02-27',
			'2026-02-28',
			'2026-03-01',
			'2026-03-02'
		]);
	});

	it('takes today from Vietnam, not from UTC', () => {
		// 17:30 UTC on 20/4 is already 00:30 on 21/4 in Vietnam.
		expect(todayInVietnam(new Date('2026-04-20T17:30:00Z'))).toBe('2026-04-21');
		expect(todayInVietnam(new Date('2026-04-20T16:59:59Z'))).toBe('2026-04-20');
	});

	it('formats dates dd/mm/yyyy and numbers the vi-VN way', () => {
		expect(formatDate('2026-04-21')).toBe('21/04/2026');
		expect(formatDateTime('2026-04-20T17:05:00Z')).toBe('00:05 21/04/2026');
		expect(formatNumber(1234567)).toBe('1.234.567');
	});

	it('describes the campaign before, during and after the window', () => {
		expect(campaignPhase('2026-04-10', window, '2026-05-10')).toEqual({
			kind: 'before',
			daysToStart: 8
		});
		expect(campaignPhase('2026-04-18', window, '2026-05-10')).toEqual({
			kind: 'during',
			day: 1,
			days: 9
		});
		expect(campaignPhase('2026-04-26', window, '2026-05-10')).toEqual({
			kind: 'during',
			day: 9,
			days: 9
		});
		expect(campaignPhase('2026-05-09', window, '2026-05-10')).toEqual({
			kind: 'reporting',
			daysToDue: 1
		});
		expect(campaignPhase('2026-05-10', window, '2026-05-10')).toEqual({
			kind: 'overdue',
			daysOverdue: 1
		});
		expect(
			describePhase(campaignPhase('2026-04-21', window, '2026-05-10'), window, '2026-05-10')
		).toBe('Ngày 4/9 của đợt hoạt động (18/04/2026 – 26/04/2026)');
	});
});

describe('dayMonthYearToIso', () => {
	it('reads day/month/year with /, . or -, one or two digits, and ISO as it is', () => {
		expect(dayMonthYearToIso('21/04/2026')).toBe('2026-04-21');
		expect(dayMonthYearToIso(' 1/4/2026 ')).toBe('2026-04-01');
		expect(dayMonthYearToIso('21.04.2026')).toBe('2026-04-21');
		expect(dayMonthYearToIso('21-4-2026')).toBe('2026-04-21');
		expect(dayMonthYearToIso('2026-04-21')).toBe('2026-04-21');
		for (const text of ['', '21/04', '21/04/26', '2026/04/21', 'hôm nay', '21/04/2026x']) {
			expect(dayMonthYearToIso(text), text).toBeUndefined();
		}
	});
});
