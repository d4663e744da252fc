import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { parseCsv } from '../helpers/csv';

let server: RunningServer;
let cookie: string;

const ACTIVITIES: Record<string, Record<string, unknown>[]> = {
	'SO-YT': [
		{
			type: 'banner',
			title: 'Treo băng rôn tại trụ sở Sở Y tế',
			startDate: '2026-04-18',
			quantity: 6
		},
		{
			type: 'media',
			title: 'Loạt tin “Sáng tạo vì sức khỏe”, 3 kỳ',
			startDate: '2026-04-19',
			quantity: 3,
			channels: ['social', 'radio']
		},
		{
			type: 'event',
			title: 'Tọa đàm chuyển đổi số y tế cơ sở',
			startDate: '2026-04-21',
			quantity: 85,
			format: 'talk',
			mode: 'onsite'
		}
	],
	'03388': [
		{
			type: 'movement',
			title: '=HYPERLINK("http://x") sáng kiến, "giải pháp"',
			startDate: '2026-04-22',
			quantity: 4
		},
		{
			type: 'honor',
			title: 'Khen thưởng tập thể có sáng kiến',
			startDate: '2026-04-25',
			quantity: 2
		},
		{
			type: 'media',
			title: 'Bản tin phường',
			startDate: '2026-04-20',
			quantity: 5,
			channels: ['digital']
		}
	]
};

async function download(path: string) {
	const response = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });
	return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
	server = await startServer();
	cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
	for (const [code, list] of Object.entries(ACTIVITIES)) {
		const token = await server.issueToken(code);
		for (const activity of list) {
			const response = await fetch(`${server.url}/api/v1/activities`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
				body: JSON.stringify(activity)
			});
			expect(response.status, await response.clone().text()).toBe(201);
		}
		if (code === 'SO-YT') {
			await fetch(`${server.url}/api/v1/reports`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({ summary: 'Sở Y tế tổ chức ba hoạt động hưởng ứng.' })
			});
		}
	}
});

afterAll(async () => {
	await server?.cleanup();
});

describe('CSV export', () => {
	it('is UTF-8 with a BOM, one row per counted activity, Vietnamese intact, formulas neutralised', async () => {
		const { response, bytes } = await download('/dashboard/export/csv');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="lan-toa-hoat-dong-tam-tinh-\d{4}-\d{2}-\d{2}-\d{4}\.csv"$/
		);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = parseCsv(bytes.subarray(3).toString('utf8'));
		expect(rows[0].slice(0, 6)).toEqual([
			'STT',
			'Mã đơn vị',
			'Đơn vị',
			'Nhóm đơn vị',
			'Hình thức',
			'Tên hoạt động'
		]);
		const [{ n }] = await server.query<{ n: number }>(
			"select count(*) as n from activities where status != 'rejected' and withdrawn_at is null"
		);
		expect(rows.length - 1).toBe(n);
		expect(rows.every((row) => row.length === rows[0].length)).toBe(true);
		const titles = rows.slice(1).map((row) => row[5]);
		expect(titles).toContain('Loạt tin “Sáng tạo vì sức khỏe”, 3 kỳ');
		expect(titles).toContain(`'=HYPERLINK("http://x") sáng kiến, "giải pháp"`);
		const banner = rows.find((row) => row[5] === 'Treo băng rôn tại trụ sở Sở Y tế')!;
		expect(banner[6]).toBe('18/04/2026');
		expect(banner[9]).toBe('6');
		expect(response.headers.get('x-export-activities')).toBe(String(n));
	});

	it('respects the filters, and refuses bad ones with a clear 400 that exports nothing', async () => {
		const media = parseCsv(
			(await download('/dashboard/export/csv?type=media')).bytes.subarray(3).toString('utf8')
		);
		expect(media.length - 1).toBe(2);
		expect(media.slice(1).every((row) => row[4] === 'Truyền thông đa nền tảng')).toBe(true);
		const wards = parseCsv(
			(await download('/dashboard/export/csv?group=localities&from=2026-04-21')).bytes
				.subarray(3)
				.toString('utf8')
		);
		expect(wards.slice(1).map((row) => row[1])).toEqual(['03388', '03388']);

		for (const query of [
			'type=khac',
			'group=x',
			'from=2026-02-30',
			'from=2026-04-25&to=2026-04-20'
		]) {
			const { response, bytes } = await download(`/dashboard/export/csv?${query}`);
			expect(response.status, query).toBe(400);
			const body = JSON.parse(bytes.toString('utf8')) as { errors: Record<string, string[]> };
			expect(Object.values(body.errors).flat().join(' ')).toMatch(/không hợp lệ|Ngày/);
		}
		expect((await download('/dashboard/export/pdf')).response.status).toBe(404);
	});
});

describe('XLSX export', () => {
	it('has the four sheets with real numbers, frozen styled headers, widths, and totals equal to the database', async () => {
		const { response, bytes } = await download('/dashboard/export/xlsx');
		expect(response.status).toBe(200);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
		expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
			'Hoạt động',
			'Theo đơn vị',
			'Theo hình thức',
			'Tình hình báo cáo',
			'Thông tin'
		]);
		const activities = workbook.getWorksheet('Hoạt động')!;
		// Above the header: the campaign and the sheet, then whether the numbers are final.
		expect(activities.getRow(1).getCell(1).value).toBe(
			'Hưởng ứng Ngày Sáng tạo và Đổi mới sáng tạo thế giới 21/4 năm 2026 — Hoạt động'
		);
		expect(activities.getRow(2).getCell(1).value).toMatch(
			/^Số liệu tạm tính đến \d{2}:\d{2} \d{2}\/\d{2}\/\d{4} \(chưa chốt\)/
		);
		expect(activities.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
		expect(activities.getRow(3).getCell(1).font?.bold).toBe(true);
		expect(activities.getRow(3).getCell(1).fill).toMatchObject({
			type: 'pattern',
			pattern: 'solid'
		});
		expect(activities.getColumn(6).width).toBeGreaterThan(30);
		expect(activities.rowCount - 3).toBe(6);
		const banner = activities
			.getRows(4, activities.rowCount - 3)!
			.find((row) => row.getCell(6).value === 'Treo băng rôn tại trụ sở Sở Y tế')!;
		expect(banner.getCell(10).value).toBe(6);
		expect(banner.getCell(7).value).toBeInstanceOf(Date);
		expect((banner.getCell(7).value as Date).toISOString()).toBe('2026-04-18T00:00:00.000Z');

		const sums = await server.query<{ type: string; n: number; q: number }>(
			"select type, count(*) as n, sum(quantity) as q from activities where status != 'rejected' and withdrawn_at is null group by type"
		);
		const byType = workbook.getWorksheet('Theo hình thức')!;
		const typeRows = byType.getRows(4, 5)!;
		const labels = ['banner', 'media', 'event', 'movement', 'honor'];
		typeRows.forEach((row, i) => {
			const db = sums.find((s) => s.type === labels[i]);
			expect(row.getCell(2).value).toBe(db?.n ?? 0);
			expect(row.getCell(3).value).toBe(db?.q ?? 0);
			expect(typeof row.getCell(2).value).toBe('number');
		});
		const total = byType.getRow(9).getCell(2).value as { formula: string; result: number };
		expect(total.formula).toBe('SUM(B4:B8)');
		expect(total.result).toBe(sums.reduce((a, s) => a + s.n, 0));

		const byUnit = workbook.getWorksheet('Theo đơn vị')!;
		expect(byUnit.rowCount).toBe(3 + 60 + 1);
		const soYt = byUnit.getRows(4, 60)!.find((row) => row.getCell(2).value === 'SO-YT')!;
		expect(soYt.getCell(10).value).toBe(3);
		const unitTotal = byUnit.getRow(64).getCell(10).value as { result: number };
		expect(unitTotal.result).toBe(6);

		const completeness = workbook.getWorksheet('Tình hình báo cáo')!;
		const states = completeness
			.getRows(4, 60)!
			.map((row) => [row.getCell(2).value, row.getCell(5).value]);
		expect(states).toContainEqual(['SO-YT', 'Gửi báo cáo kết quả muộn']);
		expect(states).toContainEqual(['03388', 'Có hoạt động, chưa gửi báo cáo kết quả']);
		expect(states).toContainEqual(['SO-TP', 'Chưa có hoạt động, chưa gửi báo cáo kết quả']);

		// Every sheet prints as a document: A4 landscape, one page wide, the header row repeated
		// on each page, gridlines, page numbers.
		for (const sheet of workbook.worksheets) {
			expect(sheet.pageSetup, sheet.name).toMatchObject({
				paperSize: 9,
				orientation: 'landscape',
				fitToPage: true,
				fitToWidth: 1,
				fitToHeight: 0,
				showGridLines: true,
				printTitlesRow: '3:3'
			});
			expect(sheet.headerFooter.oddFooter, sheet.name).toContain('Trang &P/&N');
			expect(sheet.getRow(1).getCell(1).value, sheet.name).toContain(sheet.name);
		}
	});
});

describe('what the files count: approved only, or all but rejected (issue 24, item 12)', () => {
	const APPROVED = ['Treo băng rôn tại trụ sở Sở Y tế', 'Khen thưởng tập thể có sáng kiến'];
	const docxText = async (path: string) => {
		const { response, bytes } = await download(path);
		expect(response.status).toBe(200);
		const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
		return { response, xml, text: xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '') };
	};
	/** The annex's rows: the cells of each table row after the annex's header row. */
	const annexRows = (xml: string) => {
		const annex = xml.slice(xml.indexOf('DANH SÁCH HOẠT ĐỘNG HƯỞNG ỨNG'));
		return [...annex.matchAll(/<w:tr>.*?<\/w:tr>|<w:tr [^>]*>.*?<\/w:tr>/g)].map((row) =>
			[...row[0].matchAll(/<w:tc>.*?<\/w:tc>/g)].map((cell) => cell[0].replace(/<[^>]+>/g, ''))
		);
	};

	beforeAll(async () => {
		for (const title of APPROVED) {
			const [row] = await server.query<{ id: number; version: number }>(
				'select id, version from activities where title = ?',
				title
			);
			const response = await postForm(
				server.url,
				'/admin/moderation?/approve',
				{ id: String(row.id), version: String(row.version) },
				cookie
			);
			expect(response.status).toBe(200);
		}
		const [{ n }] = await server.query<{ n: number }>(
			"select count(*) as n from activities where status = 'approved'"
		);
		expect(n).toBe(2);
	});

	it('by default counts every activity not rejected, says so, and shows each status in the annex', async () => {
		const { xml, text } = await docxText('/dashboard/export/docx');
		expect(text).toContain(
			'Hoạt động được tính: các hoạt động đã được Sở duyệt và 4 hoạt động đang chờ duyệt; không tính hoạt động bị từ chối hoặc đơn vị đã rút.'
		);
		expect(text).toContain('Tổng cộng: 6 hoạt động');
		const [header, ...rows] = annexRows(xml);
		expect(header.at(-1)).toBe('Trạng thái');
		expect(rows).toHaveLength(6);
		const statusOf = (title: string) => rows.find((row) => row[3] === title)?.at(-1);
		expect(statusOf(APPROVED[0])).toBe('Đã duyệt');
		expect(statusOf('Bản tin phường')).toBe('Chờ duyệt');
	});

	it('approved only: the totals, the annex, the workbook and the CSV leave out what is waiting', async () => {
		const { response, xml, text } = await docxText('/dashboard/export/docx?status=approved');
		expect(response.headers.get('x-export-activities')).toBe('2');
		expect(response.headers.get('content-disposition')).toMatch(
			/filename="bao-cao-hoat-dong-sang-tao-da-duyet-tam-tinh-/
		);
		expect(text).toContain(
			'Hoạt động được tính: chỉ các hoạt động đã được Sở duyệt; không tính 4 hoạt động đang chờ duyệt và hoạt động bị từ chối hoặc đơn vị đã rút.'
		);
		expect(text).toContain('Tổng cộng: 2 hoạt động');
		expect(text).toContain('1. Treo băng rôn, khẩu hiệu: 1 hoạt động, 6 băng rôn, khẩu hiệu.');
		expect(text).toContain('2. Truyền thông đa nền tảng: 0 hoạt động');
		const [, ...rows] = annexRows(xml);
		expect(rows.map((row) => row[3]).sort()).toEqual([...APPROVED].sort());
		expect(rows.every((row) => row.at(-1) === 'Đã duyệt')).toBe(true);

		const csv = parseCsv(
			(await download('/dashboard/export/csv?status=approved')).bytes.subarray(3).toString('utf8')
		);
		const status = csv[0].indexOf('Trạng thái');
		expect(csv.slice(1).map((row) => row[status])).toEqual(['Đã duyệt', 'Đã duyệt']);

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(
			(await download('/dashboard/export/xlsx?status=approved')).bytes as unknown as ArrayBuffer
		);
		const activities = workbook.getWorksheet('Hoạt động')!;
		expect(activities.rowCount - 3).toBe(2);
		expect(activities.getRow(2).getCell(1).value).toContain(
			'Hoạt động được tính: chỉ các hoạt động đã được Sở duyệt'
		);
		const about = workbook.getWorksheet('Thông tin')!;
		const counting = about
			.getRows(4, about.rowCount - 3)!
			.find((row) => row.getCell(1).value === 'Cách tính');
		expect(counting?.getCell(2).value).toContain('không tính 4 hoạt động đang chờ duyệt');
		const byType = workbook.getWorksheet('Theo hình thức')!;
		expect((byType.getRow(9).getCell(2).value as { result: number }).result).toBe(2);
	});

	it('the print view says the same, and a choice it does not know is refused', async () => {
		const page = await download('/dashboard/report?status=approved');
		expect(page.response.status).toBe(200);
		const html = page.bytes.toString('utf8');
		expect(html).toContain('Hoạt động được tính: chỉ các hoạt động đã được Sở duyệt');
		expect(html).toMatch(/<th[^>]*>Trạng thái<\/th>/);
		expect(html.match(/<td[^>]*>Đã duyệt<\/td>/g)).toHaveLength(2);
		expect(html).not.toMatch(/<td[^>]*>Chờ duyệt<\/td>/);
		const bad = await download('/dashboard/export/docx?status=cho-duyet');
		expect(bad.response.status).toBe(400);
		expect(JSON.parse(bad.bytes.toString('utf8')).errors.status[0]).toMatch(
			/^Cách tính hoạt động không hợp lệ/
		);
	});
});

describe('DOCX report', () => {
	async function documentText(path = '/dashboard/export/docx') {
		const { response, bytes } = await download(path);
		expect(response.status).toBe(200);
		const zip = await JSZip.loadAsync(bytes);
		const xml = await zip.file('word/document.xml')!.async('string');
		const styles = await zip.file('word/styles.xml')!.async('string');
		const text = xml
			.replace(/<\/w:p>/g, '\n')
			.replace(/<[^>]+>/g, '')
			.replaceAll('&amp;', '&')
			.replaceAll('&quot;', '"');
		return { xml, styles, text };
	}

	it('is the administrative report: motto, title, per-form totals, unit table, non-reporters, annex', async () => {
		const { xml, styles, text } = await documentText();
		expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
		expect(text).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
		expect(text).toContain('BÁO CÁO');
		expect(text).toContain(
			'Kết quả hưởng ứng Ngày Sáng tạo và Đổi mới sáng tạo thế giới 21/4/2026'
		);
		expect(text).toContain('1. Treo băng rôn, khẩu hiệu: 1 hoạt động, 6 băng rôn, khẩu hiệu.');
		expect(text).toContain('2. Truyền thông đa nền tảng: 2 hoạt động, 8 tin, bài');
		expect(text).toContain(
			'3. Hội nghị, hội thảo, tọa đàm, triển lãm: 1 sự kiện với 85 lượt người tham dự'
		);
		expect(text).toContain('4. Phong trào thi đua, cuộc thi, sáng kiến: 1 hoạt động, 4 sáng kiến');
		expect(text).toContain('5. Biểu dương, tôn vinh, khen thưởng: 1 hoạt động, 2 tập thể, cá nhân');
		expect(text).toContain('III. ĐÁNH GIÁ CHUNG');
		// 60 units, one reported: 59 not yet.
		expect(text).toContain('V. ĐƠN VỊ CHƯA GỬI BÁO CÁO KẾT QUẢ (59 đơn vị)');
		// Formal wording, grouped: who reported activities only, who reported nothing.
		expect(text).toMatch(
			/1\. Có hoạt động nhưng chưa gửi báo cáo kết quả \(1 đơn vị\): Phường Đoàn Kết\./
		);
		expect(text).toMatch(
			/2\. Chưa có hoạt động và chưa gửi báo cáo kết quả \(58 đơn vị\): .*Sở Tư pháp;/
		);
		expect(text).not.toMatch(/chưa gửi báo cáo kết quả \(\d+ đơn vị\):[^\n]*Sở Y tế[;.]/);
		expect(text.toLocaleLowerCase('vi')).not.toContain('chưa có gì');
		expect(text).toContain('PHỤ LỤC');
		expect(text).toContain('Tọa đàm chuyển đổi số y tế cơ sở');
		expect(text).toContain('=HYPERLINK("http://x") sáng kiến, "giải pháp"');
		expect(text).not.toContain('@@LANTOA');
		expect(text).toContain('Số liệu tạm tính đến');
		// Times New Roman, A4, margins 20/20/30/15 mm.
		expect(styles).toContain('Times New Roman');
		expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
		expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851"[^>]*w:bottom="1134" w:left="1701"/);
	});

	it('states the cut-off time once the data is locked', async () => {
		const lock = await fetch(`${server.url}/admin/settings?/lock`, {
			method: 'POST',
			headers: {
				Cookie: cookie,
				Origin: server.url,
				Accept: 'text/html',
				'Content-Type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ when: 'now', confirm: 'yes' })
		});
		expect(lock.status).toBe(200);
		const { text } = await documentText('/dashboard/export/docx?group=sectors');
		expect(text).toMatch(/Số liệu đã chốt lúc \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\./);
		expect(text).toContain('Phạm vi số liệu: Các sở, ban, ngành.');
		expect(text).not.toContain('Bản tin phường');
		const { response } = await download('/dashboard/export/xlsx');
		expect(response.headers.get('content-disposition')).toContain('-da-chot-');
	});
});
