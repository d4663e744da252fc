import { describe, expect, it } from 'vitest';
import { completenessState, deadlineInstant, isOnTime } from './completeness';
import { parseUnitReport } from './unit-report';

describe('report deadline in Asia/Ho_Chi_Minh', () => {
	it('"before 10/5" ends at the start of 10/5 in Vietnam', () => {
		expect(deadlineInstant('2026-05-10').toISOString()).toBe('2026-05-09T17:00:00.000Z');
		// 23:59:59 on 9/5 ICT is on time; 00:00 on 10/5 ICT is late.
		expect(isOnTime('2026-05-09T16:59:59.999Z', '2026-05-10')).toBe(true);
		expect(isOnTime('2026-05-09T23:59:59+07:00', '2026-05-10')).toBe(true);
		expect(isOnTime('2026-05-10T00:00:00+07:00', '2026-05-10')).toBe(false);
		expect(isOnTime('2026-05-09T17:00:00.000Z', '2026-05-10')).toBe(false);
	});

	it('classifies every unit', () => {
		const due = '2026-05-10';
		expect(completenessState({ activities: 0, report: null, dueBefore: due })).toBe('notStarted');
		expect(completenessState({ activities: 3, report: null, dueBefore: due })).toBe(
			'activitiesOnly'
		);
		expect(
			completenessState({
				activities: 3,
				report: { kind: 'summary', reportedAt: '2026-05-09T16:59:59.000Z' },
				dueBefore: due
			})
		).toBe('reportedOnTime');
		expect(
			completenessState({
				activities: 3,
				report: { kind: 'summary', reportedAt: '2026-05-09T17:00:00.000Z' },
				dueBefore: due
			})
		).toBe('reportedLate');
		expect(
			completenessState({
				activities: 0,
				report: { kind: 'no_activity', reportedAt: '2026-06-01T00:00:00.000Z' },
				dueBefore: due
			})
		).toBe('noActivity');
	});
});

describe('unit report input', () => {
	it('accepts a summary or "no activity" with a reason, in Vietnamese otherwise', () => {
		expect(
			parseUnitReport({ summary: 'Đơn vị đã tổ chức 5 hoạt động hưởng ứng thiết thực.' }).ok
		).toBe(true);
		expect(parseUnitReport({ noActivity: true, reason: 'Đơn vị mới thành lập' }).ok).toBe(true);
		const short = parseUnitReport({ summary: 'ngắn' });
		expect(!short.ok && short.errors.summary[0]).toContain('ít nhất 20 ký tự');
		const noReason = parseUnitReport({ noActivity: true });
		expect(!noReason.ok && noReason.errors.reason[0]).toContain('lý do');
		const wrong = parseUnitReport({ noActivity: 'có', reason: 'Lý do nào đó' });
		expect(!wrong.ok && wrong.errors.noActivity[0]).toContain('true');
		const extra = parseUnitReport({ summary: 'Đơn vị đã tổ chức 5 hoạt động hưởng ứng.', x: 1 });
		expect(!extra.ok && extra.errors.x[0]).toContain('không được hỗ trợ');
		const notObject = parseUnitReport('báo cáo');
		expect(!notObject.ok && notObject.errors.body.length).toBeGreaterThan(0);
	});
});
