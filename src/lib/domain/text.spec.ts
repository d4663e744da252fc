import { describe, expect, it } from 'vitest';
import { parseActivityInput } from './activity';
import { parseUnitReport } from './unit-report';
import { TEXT_MESSAGES } from './text';

// Issue 11, F11: one rule for every text field, seen through the schemas that use it.

const activity = (title: string, extra: Record<string, unknown> = {}) =>
	parseActivityInput({ type: 'banner', title, startDate: '2026-04-21', quantity: 2, ...extra });

describe('text fields', () => {
	it.each([
		['zero-width only', '\u200B\u200B\u200B\u200B\u200B', TEXT_MESSAGES.invisible()],
		['soft hyphens and word joiners only', '\u00AD\u2060\u00AD\u2060', TEXT_MESSAGES.invisible()],
		['a right-to-left override', 'Hội thảo \u202Efdp.exe', TEXT_MESSAGES.direction()],
		['a directional isolate', 'Hội thảo \u2067abc\u2069', TEXT_MESSAGES.direction()],
		['NUL', 'Hội thảo\u0000 sáng tạo', TEXT_MESSAGES.control()],
		['an escape character', 'Hội thảo \u001B[31m', TEXT_MESSAGES.control()],
		['a C1 control', 'Hội thảo \u0085 sáng tạo', TEXT_MESSAGES.control()],
		['a lone high surrogate', 'Hội thảo \uD83D sáng tạo', TEXT_MESSAGES.encoding()],
		['a lone low surrogate', 'Hội thảo \uDE00 sáng tạo', TEXT_MESSAGES.encoding()]
	])('refuses a title with %s, with a field error', (_, title, message) => {
		const result = activity(title);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.errors.title).toContain(message);
	});

	it('removes invisible characters inside real text (issue 24): what is stored shows what is seen', () => {
		const hidden = [
			'\u200B', // zero-width space
			'\u200D', // zero-width joiner
			'\u200E', // left-to-right mark
			'\u{E0041}\u{E0042}', // tag characters
			'\u3164', // Hangul filler
			'\uFEFF' // byte-order mark
		];
		const result = activity(`Hội${hidden.join('')} thảo sáng${hidden[0]} tạo`, {
			location: `Hội\u200Btrường`,
			description: `Dòng một\u200D\nDòng hai\u{E0067}`
		});
		expect(result.ok && result.value.title).toBe('Hội thảo sáng tạo');
		expect(result.ok && result.value.location).toBe('Hộitrường');
		expect(result.ok && result.value.description).toBe('Dòng một\nDòng hai');
		const onlyHidden = activity('\u3164\u200E\u{E0041}\u3164\u3164');
		expect(!onlyHidden.ok && onlyHidden.errors.title).toContain(TEXT_MESSAGES.invisible());
	});

	it('normalises to NFC: a decomposed title is stored composed', () => {
		const decomposed = 'Ho\u0302\u0323i tha\u0309o đô\u0309i mơ\u0301i sa\u0301ng ta\u0323o';
		const result = activity(decomposed);
		expect(result.ok && result.value.title).toBe('Hội thảo đổi mới sáng tạo');
	});

	it('turns tabs and line breaks in one-line fields into spaces, keeps them where lines are allowed', () => {
		const result = activity('Treo\tbăng rôn\r\ntại trụ sở', {
			description: 'Dòng một\nDòng hai\tcột'
		});
		expect(result.ok && result.value.title).toBe('Treo băng rôn tại trụ sở');
		expect(result.ok && result.value.description).toBe('Dòng một\nDòng hai\tcột');
	});

	it('applies to every text field: location, description, links, reports', () => {
		const where = activity('Treo băng rôn', { location: 'Hội trường \u202E' });
		expect(!where.ok && where.errors.location).toEqual([TEXT_MESSAGES.direction()]);
		const what = activity('Treo băng rôn', { description: 'Mô tả\u0000' });
		expect(!what.ok && what.errors.description).toEqual([TEXT_MESSAGES.control()]);
		const report = parseUnitReport({ summary: 'Đơn vị đã tổ chức \u202Ecác hoạt động hưởng ứng.' });
		expect(!report.ok && report.errors.summary).toEqual([TEXT_MESSAGES.direction()]);
		const reason = parseUnitReport({ noActivity: true, reason: '\u200B\u200B\u200B\u200B\u200B' });
		expect(!reason.ok && reason.errors.reason).toContain(TEXT_MESSAGES.invisible());
	});

	it('treats an optional field of spaces as left blank, not as invisible text', () => {
		const result = activity('Treo băng rôn', { location: '   ', description: ' \n ' });
		expect(result.ok).toBe(true);
		expect(result.ok && [result.value.location ?? null, result.value.description ?? null]).toEqual([
			null,
			null
		]);
	});

	it('leaves ordinary Vietnamese alone', () => {
		const result = activity('Tọa đàm “Đổi mới sáng tạo – hành động đột phá” (lần 2)');
		expect(result.ok && result.value.title).toBe(
			'Tọa đàm “Đổi mới sáng tạo – hành động đột phá” (lần 2)'
		);
	});
});
