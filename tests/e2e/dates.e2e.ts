import { expect, test, type Browser } from '@playwright/test';
import { startServer, type RunningServer } from '../helpers/server';

// Issue 14, dates: a Vietnamese official writes 22/04/2026. The browser's own date field follows
// the browser's language — an English one shows mm/dd/yyyy, and headless Chromium did so even to
// a vi-VN page (typed 22042026 became 42026-02-20). The unit form's dates now show and take
// dd/mm/yyyy in any browser, with and without JavaScript, and are stored as ISO dates.

// A server of its own: the activities it adds must not move the totals other files expect.
let server: RunningServer;
let token = '';
const url = () => server.url;

test.beforeAll(async () => {
	server = await startServer();
	token = await server.issueToken('03388');
});

test.afterAll(async () => {
	await server?.cleanup();
});

async function englishPage(browser: Browser, javaScriptEnabled: boolean) {
	const context = await browser.newContext({
		locale: 'en-US',
		viewport: { width: 390, height: 844 },
		javaScriptEnabled
	});
	const page = await context.newPage();
	await page.goto(`${url()}/u/${token}`);
	expect(await page.evaluate(() => navigator.language)).toBe('en-US');
	return page;
}

const stored = async (title: string) =>
	server.query<{ start_date: string; end_date: string | null }>(
		'select start_date, end_date from activities where title = ?',
		title
	);

test('an English-language browser shows and takes dd/mm/yyyy, and the report is stored with ISO dates', async ({
	browser
}, testInfo) => {
	const page = await englishPage(browser, true);
	const start = page.getByLabel('Ngày bắt đầu');
	await expect(start).toHaveAttribute('placeholder', 'dd/mm/yyyy');
	await expect(page.locator('#dates-hint')).toContainText('ngày/tháng/năm');
	const title = 'Phát động phong trào — trình duyệt tiếng Anh';
	await page.getByLabel('Phong trào thi đua, cuộc thi, sáng kiến').check();
	await page.getByLabel('Tên hoạt động').fill(title);
	// Digits only, as on a phone's number pad: the slashes come by themselves.
	await start.pressSequentially('22042026');
	await expect(start).toHaveValue('22/04/2026');
	await page.getByLabel('Ngày kết thúc').pressSequentially('24042026');
	await expect(page.getByLabel('Ngày kết thúc')).toHaveValue('24/04/2026');
	await page.screenshot({ path: testInfo.outputPath('dates-en-US-390x844.png') });
	await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã ghi nhận hoạt động' })).toBeVisible();
	expect(await stored(title)).toEqual([{ start_date: '2026-04-22', end_date: '2026-04-24' }]);
	// The list shows it the same way.
	await expect(page.getByText('22/04/2026 – 24/04/2026').first()).toBeVisible();
	await page.context().close();
});

test('without JavaScript, dd/mm/yyyy typed as shown is read; a date that is not one is refused in words', async ({
	browser
}) => {
	const page = await englishPage(browser, false);
	const title = 'Hội thảo — không có JavaScript';
	await page.getByLabel('Phong trào thi đua, cuộc thi, sáng kiến').check();
	await page.getByLabel('Tên hoạt động').fill(title);
	await page.getByLabel('Ngày bắt đầu').fill('31/02/2026');
	await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).click();
	await expect(page.locator('#startDate-error')).toContainText('không phải là ngày có thật');
	// What was typed stays in the field, as typed.
	await expect(page.getByLabel('Ngày bắt đầu')).toHaveValue('31/02/2026');
	await page.getByLabel('Ngày bắt đầu').fill('23/4/2026');
	await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).click();
	await expect(page.getByText('Đã ghi nhận hoạt động')).toBeVisible();
	expect(await stored(title)).toEqual([{ start_date: '2026-04-23', end_date: null }]);
	await page.context().close();
});
