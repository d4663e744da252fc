import { describe, expect, it } from 'vitest';
import { EXEMPLARY_NOTE_MAX, parseExemplaryNote, parseRejectReason } from './moderation';
import { TEXT_MESSAGES } from './text';

// The Department's own texts follow the rule every text field follows (issue 11, F11).

describe('moderation texts', () => {
	it('refuse a reject reason that spoofs, hides or breaks', () => {
		expect(parseRejectReason('Thiếu ảnh \u202Eminh chứng')).toEqual({
			ok: false,
			errors: { reason: [TEXT_MESSAGES.direction()] }
		});
		expect(parseRejectReason('\u200B\u200B\u200B\u200B\u200B\u200B').ok).toBe(false);
		expect(parseRejectReason('ab').ok).toBe(false);
		expect(parseRejectReason('Thiếu ảnh\nminh chứng')).toEqual({
			ok: true,
			value: 'Thiếu ảnh\nminh chứng'
		});
	});

	it('refuse an exemplary note over the limit instead of cutting it, and keep none as none', () => {
		expect(parseExemplaryNote('x'.repeat(EXEMPLARY_NOTE_MAX + 1)).ok).toBe(false);
		expect(parseExemplaryNote('  ')).toEqual({ ok: true, value: null });
		expect(parseExemplaryNote('Mô hình\u0000')).toEqual({
			ok: false,
			errors: { note: [TEXT_MESSAGES.control()] }
		});
		expect(parseExemplaryNote('Mô hình hay, nhân rộng')).toEqual({
			ok: true,
			value: 'Mô hình hay, nhân rộng'
		});
	});
});
