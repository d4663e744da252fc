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
 * "Reported" had two meanings on one page: units with an activity (the dashboard's top card, the
 * kiosk, the public page) and units that sent their final report (the completeness table). Each
 * now has its own words, the same on every screen and in the files.
 */
describe('units with activities and final reports', () => {
	const WITH_ACTIVITIES = [
		'dash_chart_reported',
		'dash_chart_not_reported',
		'dash_group_chart',
		'dash_no_units',
		'kiosk_tally_units',
		'public_tally_units',
		'kiosk_footer',
		'kiosk_groups_title',
		'public_groups_heading'
	];
	const FINAL_REPORT = [
		'compl_reported',
		'compl_all_done',
		'compl_missing',
		'completeness_reportedOnTime',
		'completeness_reportedLate',
		'completeness_activitiesOnly'
	];
	// The words shown, without their {placeholders}.
	const words = (message: Message) =>
		texts(message)
			.join(' ')
			.replace(/\{\w+\}/g, '');
	it('a count of units with activities says so, and never "reported"', () => {
		for (const key of WITH_ACTIVITIES) {
			expect(words(vi[key]), key).toMatch(/có hoạt động/i);
			expect(words(vi[key]), key).not.toMatch(/báo cáo/i);
			expect(words(en[key]), key).toMatch(/activit/i);
			expect(words(en[key]), key).not.toMatch(/report/i);
		}
	});
	it('a count of final reports names the final report', () => {
		for (const key of FINAL_REPORT) {
			expect(words(vi[key]), key).toMatch(/báo cáo kết quả/i);
			expect(words(en[key]), key).toMatch(/final report/i);
		}
		expect(COMPLETENESS_LABELS.reportedOnTime).toBe(vi.completeness_reportedOnTime);
	});
});

/**
 * Every page, component and module has its words in the message files (comments, and the name
 * Lan Tỏa, aside) — except what is Vietnamese by design, each with its reason. A file whose
 * Vietnamese goes away leaves this list too (the second test).
 */
const VIETNAMESE_BY_DESIGN = new Map<string, string>([
	// The Ministry's report: always Vietnamese, whoever downloads or prints it.
	['src/routes/dashboard/export/[format]/+server.ts', "the Ministry's files"],
	['src/routes/dashboard/report/+page.svelte', "the Ministry's report, print view"],
	['src/lib/server/exports/common.ts', "the Ministry's files"],
	['src/lib/server/exports/docx.ts', "the Ministry's files"],
	['src/lib/server/exports/report-text.ts', "the Ministry's files"],
	['src/lib/server/exports/xlsx.ts', "the Ministry's files"],
	['src/lib/domain/export-filter.ts', "the Ministry's files: their filter and its errors"],
	['src/lib/domain/campaign-labels.ts', "the letter's names, as the Ministry's files write them"],
	['src/lib/domain/completeness.ts', 'the reporting states, as the Excel workbook writes them'],
	// Written to a unit, which reads Vietnamese.
	['src/lib/domain/reminder.ts', 'the reminder a leader sends to a unit'],
	// Stored in the audit log as it happened (data, like a unit's name).
	['src/routes/l/[token]/+server.ts', "a leader link's name in the audit log"],
	['src/lib/server/auth/sessions.ts', "a leader link's name in the audit log"],
	['src/lib/server/repositories/audit.ts', "the system's name stored in the audit log"],
	// For the operator: log lines (start-up errors and the command line's words are messages).
	['src/routes/readyz/+server.ts', "the health check's details for the operator"],
	['src/lib/server/auth/gate.ts', 'a log line'],
	['src/lib/server/backup-schedule.ts', 'log lines'],
	['src/lib/server/db/open.ts', 'a log line'],
	['src/lib/server/db/postgres.ts', 'a log line'],
	['src/lib/server/realtime/hub.ts', 'log lines'],
	['src/lib/server/realtime/redis.ts', 'log lines'],
	['src/lib/server/submissions.ts', 'log lines'],
	// Vietnamese text handled as text, not shown.
	['src/lib/domain/search.ts', 'folding đ for search'],
	['src/lib/domain/units.ts', "shortening units' names"]
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
			.replaceAll('Lan Tỏa', '')
			.replace(/<!--[\s\S]*?-->/g, '')
			.replace(/\/\*[\s\S]*?\*\//g, '')
			.replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
	const files = [...filesUnder(join(root, 'src/routes')), ...filesUnder(join(root, 'src/lib'))]
		.filter((path) => /\.(svelte|ts)$/.test(path) && !/\.spec\.ts$/.test(path))
		.map((path) => relative(root, path))
		.filter((path) => !path.startsWith('src/lib/paraglide/'));

	it('are not written in pages, components or modules, except where Vietnamese by design', () => {
		const written = files.filter(
			(file) =>
				!VIETNAMESE_BY_DESIGN.has(file) &&
				vietnamese.test(withoutComments(readFileSync(join(root, file), 'utf8')))
		);
		expect(written).toEqual([]);
	});

	it('list as Vietnamese by design only files that still have Vietnamese in them', () => {
		const done = [...VIETNAMESE_BY_DESIGN.keys()].filter(
			(file) => !vietnamese.test(withoutComments(readFileSync(join(root, file), 'utf8')))
		);
		expect(done).toEqual([]);
	});
});
