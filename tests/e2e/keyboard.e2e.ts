import { expect, test, type Locator, type Page } from '@playwright/test';
import { signedInPage } from '../helpers/browser';
import { startServer, type RunningServer } from '../helpers/server';

// Issue 14, keyboard: a unit fills and sends its report, and an administrator approves two
// activities at once, without a mouse — Tab and Shift+Tab to move, Space to tick, arrows in a
// group of options, typing, Enter to send. Each step moves the focus only with keys, and fails
// when the element it needs cannot be reached that way.

// A server of its own: the activities it adds must not move the totals other files expect.
let server: RunningServer;
const tokens: Record<string, string> = {};
const url = () => server.url;

test.beforeAll(async () => {
	server = await startServer();
	tokens.ward = await server.issueToken('03388');
	tokens.department = await server.issueToken('SO-YT');
});

test.afterAll(async () => {
	await server?.cleanup();
});

/** Press Tab (or Shift+Tab) until `target` has the focus; at most `limit` presses. */
async function tabTo(
	page: Page,
	target: Locator,
	options: { back?: boolean; limit?: number } = {}
) {
	for (let i = 0; i < (options.limit ?? 80); i++) {
		const focused = await target.evaluate(
			(element) => element === document.activeElement,
			undefined,
			{
				timeout: 5000
			}
		);
		if (focused) return;
		await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
	}
	throw new Error(`not reachable by keyboard: ${target}`);
}

test('a unit fills and sends its report with the keyboard alone (390×844)', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await page.goto(`${url()}/u/${tokens.ward}`);
	const title = 'Phát động phong trào sáng kiến — gửi bằng bàn phím';

	// The form of activity: a group of options, chosen with the arrow keys.
	const banner = page.getByRole('radio', { name: /băng rôn/i });
	await tabTo(page, banner);
	await page.keyboard.press('Space');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(page.getByRole('radio', { name: /^Phong trào/ })).toBeChecked();

	await tabTo(page, page.getByLabel('Tên hoạt động'));
	await page.keyboard.type(title);
	const start = page.getByLabel('Ngày bắt đầu');
	await tabTo(page, start);
	// Digits only: the slashes come by themselves, day/month/year.
	await page.keyboard.type('22042026');
	await expect(start).toHaveValue('22/04/2026');
	await tabTo(page, page.getByLabel('Số người tham gia'));
	await page.keyboard.type('35');

	await tabTo(page, page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }));
	await page.keyboard.press('Enter');
	// The confirmation takes the focus, so a screen reader says it and the next Tab starts there.
	const confirmation = page.getByRole('status').filter({ hasText: 'Đã ghi nhận hoạt động' });
	await expect(confirmation).toContainText(title);
	await expect(confirmation).toBeFocused();
	await expect(page.getByText(title).first()).toBeVisible();
	await context.close();
});

test('an administrator approves two activities at once with the keyboard alone', async ({
	browser
}) => {
	const ids: number[] = [];
	for (const title of [
		'Treo băng rôn — duyệt bằng bàn phím 1',
		'Treo băng rôn — duyệt bằng bàn phím 2'
	]) {
		const response = await fetch(`${url()}/api/v1/activities`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${tokens.department}`,
				'Content-Type': 'application/json'
			},
			body: JSON.stringify({ type: 'banner', title, startDate: '2026-04-21', quantity: 1 })
		});
		expect(response.status).toBe(201);
		ids.push(((await response.json()) as { id: number }).id);
	}
	const page = await signedInPage(browser, url(), '/admin/moderation', {
		viewport: { width: 1440, height: 900 }
	});
	for (const id of ids) {
		const tick = page.locator(`[data-pick="${id}"]`);
		await tabTo(page, tick, { limit: 400 });
		await page.keyboard.press('Space');
		await expect(tick).toBeChecked();
	}
	// The bulk action sits above the list: back up to it.
	const approve = page.getByRole('button', { name: 'Duyệt 2 hoạt động đã chọn' });
	await tabTo(page, approve, { back: true, limit: 400 });
	await page.keyboard.press('Enter');
	const result = page.locator('[data-bulk-result]');
	await expect(result).toContainText('Đã duyệt 2 hoạt động');
	await expect(result).toBeFocused();
	for (const id of ids) await expect(page.locator(`[data-pick="${id}"]`)).toHaveCount(0);
	await page.context().close();
});

test('the first Tab on a page offers to skip to its main content, and Enter goes there', async ({
	browser
}) => {
	const page = await signedInPage(browser, url(), '/dashboard', {
		viewport: { width: 1440, height: 900 }
	});
	for (const path of ['/', `/u/${tokens.department}`, '/dashboard', '/admin', '/admin/units']) {
		await page.goto(`${url()}${path}`);
		await page.locator('body').focus();
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
		await expect(skip, path).toBeFocused();
		await expect(skip, path).toBeInViewport();
		await page.keyboard.press('Enter');
		await expect(page.locator('main#main'), path).toBeFocused();
		// The next Tab goes on from the main content, past the header's links (the public page's
		// content has nothing to focus: it is read).
		if (path === '/') continue;
		await page.keyboard.press('Tab');
		expect(
			await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement)),
			path
		).toBe(true);
	}
	await page.context().close();
});
