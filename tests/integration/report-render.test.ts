import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { phonePhoto, postReport } from '../helpers/photos';

// The Word report as its reader sees it: rendered by LibreOffice (Liberation Serif has Times New
// Roman's metrics, so lines break as in Word) and read back from the PDF with poppler's pdftotext.
// `npm test`'s preflight installs both.

let server: RunningServer;
let dir: string;
/** pdftotext's plain output: pages separated by form feeds */
let pages: string[];
/** the same with the page layout kept, for lines across columns */
let layout: string;
/** every word the DOCX holds, to tell a word cut in two on the page */
let documentWords: Set<string>;
/** the image files inside the DOCX */
let media: string[];
const EXEMPLARY_TITLE = 'Mô hình “Chợ phiên số” ở xã vùng cao';

const UNITS = ['SO-YT', 'SO-VHTTDL', 'MTTQ', 'VP-DBQH-HDND', '03388', 'SO-KHCN', 'SO-TP', 'SO-XD'];

function activity(i: number): Record<string, unknown> {
	const base = {
		title:
			i % 3 === 0
				? `Hội thảo khoa học về đổi mới sáng tạo trong chuyển đổi số của cơ quan, lần ${i + 1}`
				: `Hoạt động hưởng ứng Ngày Sáng tạo số ${i + 1}`,
		startDate: `2026-04-${String(18 + (i % 8)).padStart(2, '0')}`,
		// every other one spans several days: a date range in the annex
		endDate: i % 2 === 0 ? '2026-04-26' : undefined,
		participants: i % 4 === 0 ? 1_000_000 : 120 + i
	};
	switch (i % 5) {
		case 0:
			return { ...base, type: 'banner', quantity: 1_000_000 };
		case 1:
			return { ...base, type: 'media', quantity: 12, channels: ['social', 'tv'] };
		case 2:
			return { ...base, type: 'event', format: 'seminar', mode: 'onsite', quantity: 250 };
		case 3:
			return { ...base, type: 'movement', quantity: 7 };
		default:
			return { ...base, type: 'honor', quantity: 15 };
	}
}

beforeAll(async () => {
	server = await startServer();
	dir = mkdtempSync(join(tmpdir(), 'lantoa-render-'));
	const tokens = await Promise.all(UNITS.map((code) => server.issueToken(code)));
	for (let i = 0; i < 40; i++) {
		const response = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${tokens[i % tokens.length]}`,
				'Content-Type': 'application/json'
			},
			body: JSON.stringify(activity(i))
		});
		expect(response.status).toBe(201);
	}
	const cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
	// An exemplary model with two photos (a landscape one and a portrait one): the photo annex.
	const portrait = await phonePhoto(120).then((bytes) =>
		import('sharp').then(({ default: sharp }) => sharp(bytes).rotate(90).jpeg().toBuffer())
	);
	const sent = await postReport(
		server.url,
		tokens[0],
		{ type: 'movement', title: EXEMPLARY_TITLE, startDate: '2026-04-22', quantity_movement: '3' },
		[
			{ name: 'cho-phien.jpg', type: 'image/jpeg', bytes: await phonePhoto(60) },
			{ name: 'gian-hang.jpg', type: 'image/jpeg', bytes: portrait }
		]
	);
	expect(sent.status).toBe(200);
	const [{ id }] = await server.query<{ id: number }>(
		'select id from activities where title = ?',
		EXEMPLARY_TITLE
	);
	const version = async () =>
		String(
			(
				await server.query<{ version: number }>('select version from activities where id = ?', id)
			)[0].version
		);
	expect(
		(
			await postForm(
				server.url,
				'/admin/moderation?/approve',
				{ id: String(id), version: await version() },
				cookie
			)
		).status
	).toBe(200);
	expect(
		(
			await postForm(
				server.url,
				'/admin/moderation?/exemplary',
				{
					id: String(id),
					version: await version(),
					exemplary: 'on',
					note: 'Cách làm hay, có thể nhân rộng ở các xã vùng cao.'
				},
				cookie
			)
		).status
	).toBe(200);
	const response = await fetch(`${server.url}/dashboard/export/docx`, {
		headers: { Cookie: cookie }
	});
	expect(response.status).toBe(200);
	const bytes = Buffer.from(await response.arrayBuffer());
	const docx = join(dir, 'bao-cao.docx');
	writeFileSync(docx, bytes);

	const zip = await JSZip.loadAsync(bytes);
	media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
	const xml = await zip.file('word/document.xml')!.async('string');
	documentWords = new Set(
		xml
			.replace(/<w:br\/>|<\/w:p>|<w:tab\/>/g, ' ')
			.replace(/<[^>]+>/g, '')
			.replaceAll('&amp;', '&')
			.replaceAll('&quot;', '"')
			.split(/\s+/)
	);

	execFileSync(
		'soffice',
		[
			`-env:UserInstallation=file://${join(dir, 'profile')}`,
			'--headless',
			'--convert-to',
			'pdf',
			'--outdir',
			dir,
			docx
		],
		{ stdio: 'ignore', timeout: 120_000 }
	);
	const pdf = join(dir, 'bao-cao.pdf');
	pages = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).split('\f');
	layout = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
	writeFileSync(join(dir, 'text.txt'), pages.join('\f'));
}, 240_000);

afterAll(async () => {
	await server?.cleanup();
});

const pageOf = (text: string) => pages.findIndex((page) => page.includes(text));

describe('the Word report rendered to PDF', () => {
	it('sets the national motto and the agency each on one line (Decree 30/2020)', () => {
		const lines = layout.split('\n');
		expect(lines.some((line) => line.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'))).toBe(true);
		expect(lines.some((line) => line.includes('SỞ KHOA HỌC VÀ CÔNG NGHỆ'))).toBe(true);
		expect(lines.some((line) => line.includes('Độc lập - Tự do - Hạnh phúc'))).toBe(true);
	});

	it('never splits a word or a date across lines', () => {
		// (dot leaders are the lines left to fill in by hand)
		const words = pages
			.join(' ')
			.split(/\s+/)
			.filter((word) => word && !/^\.+$/.test(word));
		// A word cut in two leaves pieces the document never contained ("Ngườ", "26/04/202").
		const pieces = words.filter((word) => !documentWords.has(word));
		expect(pieces).toEqual([]);
		const dates = words.filter((word) => /^[\d/–-]+$/.test(word) && word.includes('/'));
		expect(dates.length).toBeGreaterThan(40);
		for (const date of dates) {
			if (date === '/') continue; // "Số:    /BC-SKHCN ngày   /   /2026" left blank to fill in
			expect(date).toMatch(/^(\d{1,2}\/\d{1,2}(\/\d{4})?|\d{1,2}\/\d{1,2}\/\d{4})$/);
		}
		// The annex's date ranges: both dates whole.
		expect(layout).toContain('– 26/04/2026');
		expect(layout).toMatch(/\b1\.000\.000\b/);
		// "Người tham gia" and "Trạng thái" break between their words, never inside one.
		expect(layout).toMatch(/ Người +Trạng\n.*\n.* tham gia +thái\n/);
		// The annex gives each activity's status on one line: 40 waiting, the exemplary one approved.
		const annex = layout.slice(layout.indexOf('DANH SÁCH HOẠT ĐỘNG HƯỞNG ỨNG'));
		expect(annex.match(/Chờ duyệt/g)).toHaveLength(40);
		expect(annex.match(/Đã duyệt/g)).toHaveLength(1);
	});

	it('leaves no page blank (an annex starts on the page after the signature)', () => {
		const blank = pages.slice(0, -1).flatMap((page, i) => (page.trim() ? [] : [i + 1]));
		expect(blank).toEqual([]);
	});

	it('keeps the table of 60 units within two pages', () => {
		const start = pageOf('Bảng 2. Kết quả theo đơn vị');
		const after = pageOf('III. ĐÁNH GIÁ CHUNG');
		expect(start).toBeGreaterThan(0);
		expect(after - start).toBeLessThanOrEqual(1);
		// Every unit is in it, each status whole.
		const all = pages.join('\n');
		const table = all.slice(all.indexOf('Bảng 2.'), all.indexOf('III. ĐÁNH GIÁ CHUNG'));
		expect(table.match(/Chưa báo cáo/g)?.length).toBe(60);
	});

	it('ends with the photos of the exemplary models (Phụ lục 2)', () => {
		expect(media).toHaveLength(2);
		const page = pageOf('PHỤ LỤC 2');
		// With two annexes, the list of activities is numbered too.
		expect(pages[pageOf('DANH SÁCH HOẠT ĐỘNG HƯỞNG ỨNG')]).toContain('PHỤ LỤC 1');
		expect(page).toBeGreaterThan(pageOf('DANH SÁCH HOẠT ĐỘNG HƯỞNG ỨNG'));
		expect(pages[page]).toContain('HÌNH ẢNH CÁC MÔ HÌNH, HOẠT ĐỘNG ĐIỂN HÌNH');
		expect(pages[page]).toContain('Chợ phiên số');
		expect(pages[page]).toContain('Cách làm hay, có thể nhân rộng');
		// Both photos are drawn on that page of the PDF.
		const images = execFileSync(
			'pdfimages',
			['-list', '-f', String(page + 1), '-l', String(page + 1), join(dir, 'bao-cao.pdf')],
			{ encoding: 'utf8' }
		)
			.split('\n')
			.slice(2)
			.filter((line) => /\bimage\b/.test(line));
		expect(images).toHaveLength(2);
	});

	it('uses formal wording throughout', () => {
		const text = pages.join('\n').toLocaleLowerCase('vi');
		for (const casual of ['chưa có gì', 'chưa có\n', 'demo']) expect(text).not.toContain(casual);
		expect(readFileSync(join(dir, 'text.txt'), 'utf8')).toContain(
			'Chưa có hoạt động và chưa gửi báo cáo kết quả'
		);
	});
});
