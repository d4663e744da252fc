import { z } from 'zod';
import { text } from './text';
import { UNIT_KINDS } from './campaign';
import { m } from '$lib/paraglide/messages';

/** One schema for a unit, used by the admin form and the CSV import. */
export const unitSchema = z
	.strictObject({
		code: z
			.string({ error: () => m.unit_v_code_required() })
			.trim()
			.toUpperCase()
			.regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/, {
				error: () => m.unit_v_code_format()
			}),
		name: text({ error: () => m.unit_v_name_required() })
			.trim()
			.min(3, { error: () => m.unit_v_name_min() })
			.max(200, { error: () => m.unit_v_name_max() }),
		kind: z.enum(UNIT_KINDS, {
			error: () => m.unit_v_kind()
		}),
		contactName: text()
			.trim()
			.max(100, { error: () => m.unit_v_contact_max() })
			.optional(),
		contactPhone: z
			.string()
			.trim()
			.regex(/^$|^\+?[0-9 .()-]{8,20}$/, { error: () => m.unit_v_phone() })
			.optional(),
		contactEmail: z
			.string()
			.trim()
			.max(200)
			.regex(/^$|^[^@\s]+@[^@\s]+\.[^@\s]+$/, { error: () => m.unit_v_email() })
			.optional()
	})
	.superRefine((unit, ctx) => {
		if ((unit.kind === 'commune' || unit.kind === 'ward') && !/^\d{5}$/.test(unit.code)) {
			ctx.addIssue({
				code: 'custom',
				path: ['code'],
				message: m.unit_v_commune_code()
			});
		}
	})
	.transform((unit) => ({
		code: unit.code,
		name: unit.name,
		kind: unit.kind,
		contactName: unit.contactName || null,
		contactPhone: unit.contactPhone || null,
		contactEmail: unit.contactEmail || null
	}));

export type UnitInput = z.output<typeof unitSchema>;

/** The CSV columns the import reads (header row required, in any order). */
export const UNIT_CSV_COLUMNS = {
	ma_don_vi: 'code',
	ten_don_vi: 'name',
	loai: 'kind',
	nguoi_lien_he: 'contactName',
	dien_thoai: 'contactPhone',
	email: 'contactEmail'
} as const;

/** RFC 4180 CSV: quoted fields, doubled quotes, commas or semicolons (Excel in vi-VN uses ;). */
export function parseCsv(text: string): string[][] {
	const source = text.replace(/^\uFEFF/, '');
	const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
	const separator =
		(firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < source.length; i++) {
		const char = source[i];
		if (quoted) {
			if (char === '"' && source[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (char === '"') quoted = false;
			else cell += char;
		} else if (char === '"' && cell === '') quoted = true;
		else if (char === separator) {
			row.push(cell);
			cell = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && source[i + 1] === '\n') i++;
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
		} else cell += char;
	}
	if (cell !== '' || row.length > 0) {
		row.push(cell);
		rows.push(row);
	}
	return rows.filter((r) => r.some((c) => c.trim() !== ''));
}
