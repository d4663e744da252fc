import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import campaign from '../domain/campaign-2026.json';
import { GROUP_LABELS, KIND_LABELS, TYPE_SHORT_LABELS } from '../domain/campaign-labels';
import { COMPLETENESS_LABELS } from '../domain/completeness';

type Message = string | { match: Record<string, string> }[];
const root = join(import.meta.dirname, '../../..');
const load = (locale: string): Record<string, Message> => {
	const messages = JSON.parse(
		readFileSync(join(root, `src/lib/i18n/messages/${locale}.json`), 'utf8')
	);
	delete messages.$schema;
	return messages;
};
const vi = load('vi');
const en = load('en');

/** Every text of a message: itself, or each of its variants (plural forms). */
const texts = (message: Message): string[] =>
	typeof message === 'string' ? [message] : message.flatMap((m) => Object.values(m.match));
const placeholders = (message: Message): string[] =>
	[
		...new Set(texts(message).flatMap((t) => [...t.matchAll(/\{(\w+)\}/g)].map((x) => x[1])))
	].sort();

describe('the message files', () => {
	it('have the same keys in every language (the missing-key check)', () => {
		const onlyVi = Object.keys(vi).filter((key) => !(key in en));
		const onlyEn = Object.keys(en).filter((key) => !(key in vi));
		expect({ onlyVi, onlyEn }).toEqual({ onlyVi: [], onlyEn: [] });
	});

	it('have no empty text and the same placeholders in both languages', () => {
		for (const [key, message] of Object.entries(vi)) {
			for (const text of [...texts(message), ...texts(en[key])]) {
				expect(text.trim(), key).not.toBe('');
			}
			expect(placeholders(en[key]), key).toEqual(placeholders(message));
		}
	});

	it('give English text in English (not a copy of the Vietnamese)', () => {
		const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
		// Lan Tỏa is the product's name, Lai Châu a place, Tiếng Việt the language's own name.
		const names = /Lan Tỏa|Lai Châu|Tiếng Việt/g;
		const leftovers = Object.entries(en)
			.filter(([, message]) => texts(message).some((t) => vietnamese.test(t.replace(names, ''))))
			.map(([key]) => key);
		expect(leftovers).toEqual([]);
	});

	it("keep the letter's own wording in Vietnamese (the Word report reads campaign-2026.json)", () => {
		for (const type of campaign.activityTypes) {
			expect(vi[`type_${type.code}`]).toBe(type.label);
			expect(vi[`quantity_${type.code}`]).toBe(type.quantityLabel);
			expect(vi[`letter_${type.code}`]).toBe(type.letter);
			for (const [list, prefix] of [
				[(type as { channels?: { code: string; label: string }[] }).channels, 'channel'],
				[(type as { formats?: { code: string; label: string }[] }).formats, 'format'],
				[(type as { modes?: { code: string; label: string }[] }).modes, 'mode']
			] as const) {
				for (const item of list ?? []) expect(vi[`${prefix}_${item.code}`]).toBe(item.label);
			}
		}
		for (const area of campaign.contentAreas) expect(vi[`area_${area.code}`]).toBe(area.label);
		for (const [code, label] of Object.entries(GROUP_LABELS))
			expect(vi[`group_${code}`]).toBe(label);
		for (const [code, label] of Object.entries(KIND_LABELS)) expect(vi[`kind_${code}`]).toBe(label);
		for (const [code, label] of Object.entries(TYPE_SHORT_LABELS))
			expect(vi[`type_short_${code}`]).toBe(label);
		// The reporting states, as the Excel workbook writes them.
		for (const [state, label] of Object.entries(COMPLETENESS_LABELS))
			expect(vi[`completeness_${state}`]).toBe(label);
	});
});

/**
 * Pages and components whose words all come from the message files: no Vietnamese text is
 * written in them (comments aside). The files not yet moved to messages are listed; the list only
 * shrinks.
 */
const NOT_YET_TRANSLATED = new Set<string>([
	'src/routes/admin/settings/+page.server.ts',
	'src/routes/admin/settings/+page.svelte',
	'src/routes/admin/units/+page.server.ts',
	'src/routes/admin/units/+page.svelte',
	'src/routes/admin/units/[code]/+page.server.ts',
	'src/routes/admin/units/[code]/+page.svelte',
	'src/routes/admin/units/print/+page.server.ts',
	'src/routes/admin/units/print/+page.svelte',
	'src/routes/admin/users/+page.server.ts',
	'src/routes/admin/users/+page.svelte',
	'src/routes/dashboard/export/[format]/+server.ts',
	'src/routes/dashboard/report/+page.svelte',
	'src/routes/l/[token]/+server.ts',
	'src/routes/readyz/+server.ts'
]);

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

describe('user-visible words', () => {
	const vietnamese = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
	const withoutComments = (source: string) =>
		source
			.replace(/<!--[\s\S]*?-->/g, '')
			.replace(/\/\*[\s\S]*?\*\//g, '')
			.replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
	const files = [
		...filesUnder(join(root, 'src/routes')),
		...filesUnder(join(root, 'src/lib/components'))
	]
		.filter((path) => /\.(svelte|ts)$/.test(path))
		.map((path) => relative(root, path));

	it('are not written in the pages and components, except those listed as not yet moved', () => {
		const written = files.filter(
			(file) =>
				!NOT_YET_TRANSLATED.has(file) &&
				vietnamese.test(withoutComments(readFileSync(join(root, file), 'utf8')))
		);
		expect(written).toEqual([]);
	});

	it('list as not yet moved only files that still have Vietnamese in them', () => {
		const done = [...NOT_YET_TRANSLATED].filter(
			(file) => !vietnamese.test(withoutComments(readFileSync(join(root, file), 'utf8')))
		);
		expect(done).toEqual([]);
	});
});
