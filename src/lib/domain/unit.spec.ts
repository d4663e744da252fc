import { describe, expect, it } from 'vitest';
import { parseCsv, unitSchema } from './unit';

describe('unit schema', () => {
	it('normalises a valid unit', () => {
		expect(
			unitSchema.parse({ code: ' so-yt ', name: ' Sở Y tế tỉnh Lai Châu ', kind: 'department' })
		).toEqual({
			code: 'SO-YT',
			name: 'Sở Y tế tỉnh Lai Châu',
			kind: 'department',
			contactName: null,
			contactPhone: null,
			contactEmail: null
		});
	});

	it('requires 5-digit codes for communes and wards and checks contacts', () => {
		const result = unitSchema.safeParse({
			code: 'XA-MOI',
			name: 'Xã Mới',
			kind: 'commune',
			contactPhone: 'abc',
			contactEmail: 'khong-phai-email'
		});
		expect(result.success).toBe(false);
		const paths = result.error!.issues.map((i) => i.path[0]);
		expect(paths.sort()).toEqual(['code', 'contactEmail', 'contactPhone']);
	});
});

describe('CSV', () => {
	it('reads quoted fields, doubled quotes, BOM, CRLF and semicolons', () => {
		expect(parseCsv('\uFEFFa,b\r\n"Sở Văn hóa, Thể thao","nói ""xin chào"""\r\n\r\n')).toEqual([
			['a', 'b'],
			['Sở Văn hóa, Thể thao', 'nói "xin chào"']
		]);
		expect(parseCsv('ma;ten\n03388;Phường Đoàn Kết')).toEqual([
			['ma', 'ten'],
			['03388', 'Phường Đoàn Kết']
		]);
	});
});
