import { describe, expect, it } from 'vitest';
import { activityFormToInput, parseActivityInput } from './activity';
import { LIMITS } from './limits';

const banner = {
	type: 'banner',
	title: 'Treo băng rôn chào mừng Ngày 21/4',
	startDate: '2026-04-21',
	quantity: 3
};

function errorsOf(input: unknown): Record<string, string[]> {
	const result = parseActivityInput(input);
	if (result.ok) throw new Error(`expected errors for ${JSON.stringify(input)}`);
	return result.errors;
}

describe('activity schema', () => {
	it('accepts a minimal activity of each type and normalises it', () => {
		const cases = [
			banner,
			{ ...banner, type: 'media', channels: ['tv', 'social'], quantity: 5 },
			{ ...banner, type: 'event', format: 'seminar', mode: 'hybrid', quantity: 120 },
			{ type: 'movement', title: 'Phát động phong trào sáng kiến', startDate: '2026-04-18' },
			{ ...banner, type: 'honor', quantity: 7 }
		];
		for (const input of cases) {
			const result = parseActivityInput(input);
			expect(result.ok, JSON.stringify(input)).toBe(true);
		}
		const event = parseActivityInput(cases[2]);
		// An event's attendees are its participants when none are given.
		expect(event.ok && event.value.participants).toBe(120);
		const movement = parseActivityInput(cases[3]);
		expect(movement.ok && movement.value).toEqual({
			type: 'movement',
			title: 'Phát động phong trào sáng kiến',
			startDate: '2026-04-18',
			endDate: null,
			location: null,
			participants: null,
			quantity: null,
			channels: [],
			format: null,
			mode: null,
			contentAreas: [],
			description: null,
			links: []
		});
	});

	it('requires type, title and start date, in Vietnamese', () => {
		const errors = errorsOf({});
		expect(errors.type).toEqual(['Chọn hình thức hoạt động']);
		expect(errors.title).toEqual(['Nhập tên hoạt động']);
		expect(errors.startDate).toEqual(['Nhập ngày bắt đầu']);
	});

	it('bounds the title after trimming', () => {
		expect(errorsOf({ ...banner, title: '   abc   ' }).title[0]).toContain('ít nhất 5 ký tự');
		expect(errorsOf({ ...banner, title: 'x'.repeat(LIMITS.titleMax + 1) }).title[0]).toContain(
			'tối đa 200 ký tự'
		);
		const exact = parseActivityInput({ ...banner, title: `  ${'x'.repeat(LIMITS.titleMax)}  ` });
		expect(exact.ok && exact.value.title.length).toBe(LIMITS.titleMax);
	});

	it('validates dates as real calendar dates in range', () => {
		expect(errorsOf({ ...banner, startDate: '21/04/2026' }).startDate[0]).toContain('YYYY-MM-DD');
		expect(errorsOf({ ...banner, startDate: '2026-4-21' }).startDate[0]).toContain('YYYY-MM-DD');
		expect(errorsOf({ ...banner, startDate: '2026-02-29' }).startDate[0]).toContain('ngày có thật');
		expect(errorsOf({ ...banner, startDate: '1999-04-21' }).startDate[0]).toContain('2020–2100');
		expect(errorsOf({ ...banner, startDate: 20260421 }).startDate[0]).toContain('YYYY-MM-DD');
		expect(errorsOf({ ...banner, endDate: '2026-04-20' }).endDate[0]).toContain('không được trước');
		expect(errorsOf({ ...banner, endDate: '2027-06-01' }).endDate[0]).toContain('một năm');
		expect(
			parseActivityInput({ ...banner, startDate: '2028-02-29', endDate: '2028-03-01' }).ok
		).toBe(true);
	});

	it('bounds counts: integers from 0 to 1,000,000', () => {
		expect(errorsOf({ ...banner, participants: -1 }).participants[0]).toContain('không được âm');
		expect(errorsOf({ ...banner, participants: 1.5 }).participants[0]).toContain('số nguyên');
		expect(errorsOf({ ...banner, participants: '12' }).participants[0]).toContain('phải là một số');
		expect(errorsOf({ ...banner, quantity: LIMITS.countMax + 1 }).quantity[0]).toContain('tối đa');
		expect(parseActivityInput({ ...banner, participants: 0, quantity: LIMITS.countMax }).ok).toBe(
			true
		);
	});

	it('applies each type’s own fields and requirements', () => {
		expect(errorsOf({ ...banner, quantity: undefined }).quantity[0]).toContain('băng rôn');
		expect(errorsOf({ ...banner, quantity: 0 }).quantity[0]).toContain('ít nhất 1');
		const media = errorsOf({ ...banner, type: 'media', quantity: undefined });
		expect(media.channels[0]).toContain('kênh truyền thông');
		expect(media.quantity[0]).toContain('tin, bài');
		expect(errorsOf({ ...banner, type: 'media', channels: ['fax'] }).channels[0]).toContain(
			'không hợp lệ'
		);
		expect(errorsOf({ ...banner, type: 'media', channels: ['tv', 'tv'] }).channels[0]).toContain(
			'bị lặp'
		);
		const event = errorsOf({ ...banner, type: 'event' });
		expect(event.format[0]).toContain('loại sự kiện');
		expect(event.mode[0]).toContain('trực tiếp');
		expect(errorsOf({ ...banner, type: 'event', format: 'party', mode: 'onsite' }).format[0]).toBe(
			'Loại sự kiện không hợp lệ'
		);
		expect(errorsOf({ ...banner, type: 'honor', quantity: undefined }).quantity[0]).toContain(
			'khen thưởng'
		);
		// Fields of another type are refused rather than silently dropped.
		expect(errorsOf({ ...banner, channels: ['tv'] }).channels[0]).toContain('không áp dụng');
		expect(errorsOf({ ...banner, format: 'seminar' }).format[0]).toContain('không áp dụng');
	});

	it('rejects unknown types, unknown fields and non-objects', () => {
		expect(errorsOf({ ...banner, type: 'party' }).type[0]).toContain('không hợp lệ');
		expect(errorsOf({ ...banner, admin: true }).admin).toEqual(['Trường này không được hỗ trợ']);
		expect(errorsOf([banner]).body[0]).toContain('đối tượng JSON');
		expect(errorsOf(null).body[0]).toContain('đối tượng JSON');
		expect(errorsOf('banner').body[0]).toContain('đối tượng JSON');
	});

	it('accepts only http(s) evidence links, at most ten', () => {
		expect(errorsOf({ ...banner, links: ['javascript:alert(1)'] }).links[0]).toContain('http');
		expect(errorsOf({ ...banner, links: ['không phải url'] }).links[0]).toContain('http');
		expect(
			errorsOf({ ...banner, links: Array.from({ length: 11 }, (_, i) => `https://a.vn/${i}`) })
				.links[0]
		).toContain('Tối đa 10');
		expect(errorsOf({ ...banner, links: [`https://a.vn/${'x'.repeat(600)}`] }).links[0]).toContain(
			'500 ký tự'
		);
		expect(parseActivityInput({ ...banner, links: ['https://laichau.gov.vn/tin-tuc'] }).ok).toBe(
			true
		);
	});

	it('bounds free text', () => {
		expect(errorsOf({ ...banner, description: 'x'.repeat(5001) }).description[0]).toContain(
			'5.000'
		);
		expect(errorsOf({ ...banner, location: 'x'.repeat(201) }).location[0]).toContain('200');
	});
});

describe('unit form → API shape', () => {
	function form(entries: [string, string][]): FormData {
		const data = new FormData();
		for (const [key, value] of entries) data.append(key, value);
		return data;
	}

	it('reads dates as officials write them, day/month/year, and says so when it cannot', () => {
		const dates = (start: string, end = '') =>
			activityFormToInput(
				form([
					['type', 'movement'],
					['title', 'Phát động phong trào'],
					['startDate', start],
					['endDate', end]
				])
			);
		expect(dates('22/04/2026', '26/4/2026')).toMatchObject({
			startDate: '2026-04-22',
			endDate: '2026-04-26'
		});
		expect(dates('2.4.2026').startDate).toBe('2026-04-02');
		// An ISO date (an old draft, a script) is read as it is.
		expect(dates('2026-04-21').startDate).toBe('2026-04-21');
		const errors = (start: string) => {
			const parsed = parseActivityInput(dates(start));
			return parsed.ok ? [] : parsed.errors.startDate;
		};
		expect(errors('31/02/2026')[0]).toContain('không phải là ngày có thật');
		expect(errors('21 tháng 4')[0]).toContain('ngày/tháng/năm, ví dụ 21/04/2026');
		expect(errors('04/21/2026')[0]).toContain('không phải là ngày có thật');
	});

	it('keeps only the chosen type’s fields and reads Vietnamese digit grouping', () => {
		const input = activityFormToInput(
			form([
				['type', 'event'],
				['title', 'Hội thảo chuyên đề'],
				['startDate', '2026-04-21'],
				['endDate', ''],
				['quantity_banner', '9'],
				['quantity_event', '1.200'],
				['channels', 'tv'],
				['format', 'seminar'],
				['mode', 'onsite'],
				['participants', '55'],
				['contentAreas', 'policy'],
				['contentAreas', 'culture'],
				['links', ' https://a.vn/1 \n\n https://a.vn/2 ']
			])
		);
		expect(input).toEqual({
			type: 'event',
			title: 'Hội thảo chuyên đề',
			startDate: '2026-04-21',
			quantity: 1200,
			format: 'seminar',
			mode: 'onsite',
			contentAreas: ['policy', 'culture'],
			links: ['https://a.vn/1', 'https://a.vn/2']
		});
		expect(parseActivityInput(input).ok).toBe(true);
	});

	it('leaves non-numbers for the schema to reject, never guessing decimals', () => {
		const input = activityFormToInput(
			form([
				['type', 'banner'],
				['quantity_banner', '1.5'],
				['participants', 'mười']
			])
		);
		expect(input.quantity).toBe('1.5');
		expect(input.participants).toBe('mười');
		const errors = errorsOf(input);
		expect(errors.quantity[0]).toContain('phải là một số');
		expect(errors.participants[0]).toContain('phải là một số');
	});
});

describe('all problems at once', () => {
	it('reports type-specific problems even when required fields are missing', () => {
		const errors = errorsOf({ type: 'media', title: 'Tin' });
		expect(Object.keys(errors).sort()).toEqual(['channels', 'quantity', 'startDate', 'title']);
	});

	it('does not pile a "required" message on a value of the wrong type', () => {
		const errors = errorsOf({ ...banner, quantity: 'ba' });
		expect(errors.quantity).toEqual(['Số lượng phải là một số']);
	});
});

describe('prototype keys', () => {
	it('treats "constructor", "__proto__" and "toString" as unknown types, not as crashes', () => {
		for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
			const form = new FormData();
			form.append('type', type);
			form.append('quantity_banner', '3');
			const input = activityFormToInput(form);
			expect(input).toEqual({ type });
			expect(errorsOf(input).type[0]).toContain('không hợp lệ');
		}
	});
});
