import { describe, expect, it } from 'vitest';
import { describeStatusScope, filterQuery, parseExportFilter } from './export-filter';

const parse = (query: string) => parseExportFilter(new URLSearchParams(query));

describe('what an export counts (issue 24, item 12)', () => {
	it('counts all but rejected by default, approved ones only when asked', () => {
		expect(parse('')).toEqual({ ok: true, value: {} });
		expect(parse('status=counted')).toEqual({ ok: true, value: {} });
		expect(parse('status=approved')).toEqual({ ok: true, value: { status: 'approved' } });
		const bad = parse('status=pending');
		expect(bad.ok).toBe(false);
		expect(!bad.ok && bad.errors.status[0]).toMatch(/^Cách tính hoạt động không hợp lệ/);
	});

	it('keeps the choice in the links it builds', () => {
		expect(filterQuery({ status: 'approved', type: 'media' })).toBe('?type=media&status=approved');
		expect(parse(filterQuery({ status: 'approved', group: 'front' }).slice(1))).toEqual({
			ok: true,
			value: { group: 'front', status: 'approved' }
		});
	});

	it('says which was chosen, and how many activities wait for review', () => {
		expect(describeStatusScope({}, 1234)).toBe(
			'Hoạt động được tính: các hoạt động đã được Sở duyệt và 1.234 hoạt động đang chờ duyệt; không tính hoạt động bị từ chối hoặc đơn vị đã rút.'
		);
		expect(describeStatusScope({ status: 'approved' }, 4)).toBe(
			'Hoạt động được tính: chỉ các hoạt động đã được Sở duyệt; không tính 4 hoạt động đang chờ duyệt và hoạt động bị từ chối hoặc đơn vị đã rút.'
		);
		expect(describeStatusScope({ status: 'approved' }, 0)).toContain(
			'(không có hoạt động nào đang chờ duyệt)'
		);
	});
});
