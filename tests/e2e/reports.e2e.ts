import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { TEST_ADMIN } from '../helpers/server';
import { shared } from './shared';

const url = () => shared('URL');

test('a unit sends its final report; the dashboard’s completeness moves without reload', async ({
	browser
}) => {
	const dashboard = await (
		await browser.newContext({ viewport: { width: 1440, height: 900 } })
	).newPage();
	await dashboard.goto(`${url()}/login?next=%2Fdashboard`);
	await dashboard.getByLabel('Tên đăng nhập').fill(TEST_ADMIN.username);
	await dashboard.getByLabel('Mật khẩu').fill(TEST_ADMIN.password);
	await dashboard.getByRole('button', { name: 'Đăng nhập' }).click();
	await dashboard.waitForURL(`${url()}/dashboard`);
	await expect(dashboard.locator('[data-status="live"]')).toBeVisible();
	const late = dashboard.locator('tfoot [data-completeness="reportedLate"]');
	const before = Number(await late.textContent());
	await expect(dashboard.locator('[data-missing-unit="03388"]')).toBeVisible();

	const unit = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await unit.goto(`${url()}/u/${shared('TOKEN_WARD')}`);
	await unit.getByLabel('Tóm tắt kết quả hưởng ứng của đơn vị').fill('Ngắn');
	await unit.getByRole('button', { name: 'Gửi báo cáo kết quả' }).click();
	await expect(unit.locator('#summary-error')).toContainText('ít nhất 20 ký tự');

	await unit
		.getByLabel('Tóm tắt kết quả hưởng ứng của đơn vị')
		.fill(
			'Phường Đoàn Kết đã treo băng rôn, đăng tin trên mạng xã hội và phát động phong trào sáng kiến.'
		);
	await unit.getByRole('button', { name: 'Gửi báo cáo kết quả' }).click();
	await expect(
		unit.getByRole('status').filter({ hasText: 'Đã gửi báo cáo kết quả' })
	).toContainText('(muộn)');

	await expect(late).toHaveText(String(before + 1));
	await expect(dashboard.locator('[data-missing-unit="03388"]')).toHaveCount(0);
});

test('an administrator downloads the DOCX report and the XLSX workbook through the dashboard', async ({
	browser
}) => {
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		acceptDownloads: true
	});
	const page = await context.newPage();
	await page.goto(`${url()}/login?next=%2Fdashboard`);
	await page.getByLabel('Tên đăng nhập').fill(TEST_ADMIN.username);
	await page.getByLabel('Mật khẩu').fill(TEST_ADMIN.password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL(`${url()}/dashboard`);

	const [docx] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Tải báo cáo Word (DOCX)' }).click()
	]);
	expect(docx.suggestedFilename()).toMatch(/^bao-cao-hoat-dong-sang-tao-.+\.docx$/);
	const zip = await JSZip.loadAsync(readFileSync((await docx.path())!));
	const xml = await zip.file('word/document.xml')!.async('string');
	const text = xml.replace(/<[^>]+>/g, '');
	expect(text).toContain('Kết quả hưởng ứng Ngày Sáng tạo và Đổi mới sáng tạo thế giới 21/4/2026');
	expect(text).toContain('ĐƠN VỊ CHƯA GỬI BÁO CÁO KẾT QUẢ');

	// The filters on screen narrow the workbook.
	await page.getByRole('combobox', { name: 'Hình thức', exact: true }).selectOption('media');
	const [xlsx] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Tải số liệu Excel (XLSX)' }).click()
	]);
	expect(xlsx.suggestedFilename()).toMatch(/^lan-toa-so-lieu-.+\.xlsx$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.readFile((await xlsx.path())!);
	const sheet = workbook.getWorksheet('Hoạt động')!;
	const types = new Set(
		sheet.getRows(4, Math.max(sheet.rowCount - 3, 1))?.map((row) => row.getCell(5).value) ?? []
	);
	expect([...types].every((type) => type === 'Truyền thông đa nền tảng' || type === null)).toBe(
		true
	);
	expect(workbook.getWorksheet('Thông tin')!.getRow(6).getCell(2).value).toContain(
		'hình thức Truyền thông'
	);
	await context.close();
});

test('an administrator composes a ready-to-copy reminder for a unit that has not reported', async ({
	browser
}) => {
	const page = await (
		await browser.newContext({ viewport: { width: 1440, height: 900 } })
	).newPage();
	await page.goto(`${url()}/login?next=%2Fdashboard`);
	await page.getByLabel('Tên đăng nhập').fill(TEST_ADMIN.username);
	await page.getByLabel('Mật khẩu').fill(TEST_ADMIN.password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL(`${url()}/dashboard`);
	const unit = page.locator('[data-missing-unit="SO-TP"]');
	await unit.getByRole('button', { name: 'Soạn lời nhắc' }).click();
	const box = unit.getByLabel('Lời nhắc gửi đơn vị');
	await expect(box).toHaveValue(/^Kính gửi: Sở Tư pháp tỉnh Lai Châu\./);
	await expect(box).toHaveValue(/Trân trọng cảm ơn!$/);
	await unit.getByRole('link', { name: 'Sở Tư pháp tỉnh Lai Châu' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sở Tư pháp tỉnh Lai Châu');
	await expect(page.locator('[data-state]')).toHaveText(
		'Chưa có hoạt động, chưa gửi báo cáo kết quả'
	);
});

test('a leader’s reminder never carries the unit’s link, and says why', async ({ browser }) => {
	const page = await (
		await browser.newContext({ viewport: { width: 1440, height: 900 } })
	).newPage();
	await page.goto(`${url()}/login?next=%2Fdashboard`);
	await page.getByLabel('Tên đăng nhập').fill('lanhdao-e2e');
	await page.getByLabel('Mật khẩu').fill(shared('LEADER_PASSWORD'));
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL(`${url()}/dashboard`);
	// Sở Y tế has a live link (issued by the suite's setup) and no final report.
	const unit = page.locator('[data-missing-unit="SO-YT"]');
	await unit.getByRole('button', { name: 'Soạn lời nhắc' }).click();
	const box = unit.getByLabel('Lời nhắc gửi đơn vị');
	await expect(box).toHaveValue(/^Kính gửi: Sở Y tế tỉnh Lai Châu\./);
	await expect(box).toHaveValue(/liên hệ Sở để được cấp lại/);
	expect(await box.inputValue()).not.toContain('/u/');
	expect(await box.inputValue()).not.toContain(shared('TOKEN_SO_YT'));
	await expect(unit.getByText('chỉ quản trị viên soạn được lời nhắc có liên kết')).toBeVisible();
});
