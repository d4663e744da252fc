import { expect, test, type Browser, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../helpers/server';
import { signedInPage } from '../helpers/browser';

// A queue of 120 pending activities from three units, on a server of its own (no rate limit).
let server: RunningServer;
const UNITS = ['SO-YT', 'SO-TP', '03388'];
const TYPES = ['banner', 'media', 'event', 'movement', 'honor'] as const;

test.beforeAll(async () => {
	test.setTimeout(300_000);
	server = await startServer({ env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '0' } });
	const tokens = await Promise.all(UNITS.map((code) => server.issueToken(code)));
	for (let i = 0; i < 120; i++) {
		const type = TYPES[i % TYPES.length];
		const body: Record<string, unknown> = {
			type,
			title: `${i % 10 === 0 ? 'Hội thảo' : 'Hoạt động'} số ${i + 1} hưởng ứng Ngày Sáng tạo`,
			startDate: '2026-04-21',
			quantity: type === 'event' || type === 'movement' ? undefined : 2
		};
		if (type === 'media') body.channels = ['social'];
		if (type === 'event') Object.assign(body, { format: 'seminar', mode: 'onsite' });
		const response = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${tokens[i % 3]}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(body)
		});
		expect(response.status).toBe(201);
	}
});

test.afterAll(async () => {
	await server?.cleanup();
});

const phoneAdmin = (browser: Browser) => signedInPage(browser, server.url, '/admin/moderation');

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

test('rejecting without a reason deep in a long queue shows the error beside the field, in view', async ({
	browser
}, testInfo) => {
	const page = await phoneAdmin(browser);
	const card = page.locator('article[data-activity-id]').nth(99);
	const id = await card.getAttribute('data-activity-id');
	await card.getByRole('button', { name: 'Không duyệt' }).click();

	const error = card.locator('[data-reason-error]');
	await expect(error).toBeInViewport();
	await expect(error).toContainText('Ghi lý do không duyệt');
	await expect.poll(() => focusedId(page)).toBe(`reason-${id}`);
	await expect(card.getByLabel('Lý do không duyệt')).toHaveAttribute('aria-invalid', 'true');
	await page.screenshot({ path: testInfo.outputPath('moderation-reject-error-390x844.png') });
	// Nothing changed: still pending.
	await expect(card).toHaveAttribute('data-status', 'pending');
});

test('search, filters and approving several at once by keyboard, shared live with another moderator', async ({
	browser
}, testInfo) => {
	const page = await phoneAdmin(browser);
	const other = await phoneAdmin(browser);
	await expect(page.locator('[data-found]')).toHaveAttribute('data-found', '120');

	// Search without diacritics finds "Hội thảo".
	await page.getByLabel('Tìm theo tên hoạt động, đơn vị, địa điểm').fill('hoi thao');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page.locator('[data-found]')).toHaveAttribute('data-found', '12');
	await expect(page.locator('article[data-activity-id]').first()).toContainText('Hội thảo');

	// Unit and form narrow it down together with the search.
	await page.getByLabel('Đơn vị', { exact: true }).selectOption('SO-YT');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page.locator('[data-found]')).toHaveAttribute('data-found', '4');
	await page.getByRole('link', { name: 'Bỏ lọc' }).click();
	// The whole queue again, search and unit emptied, before the next filter is chosen (on a busy
	// machine the form was changed while the old page, with its search, was still up: 0 found).
	await expect(page.locator('[data-found]')).toHaveAttribute('data-found', '120');
	await expect(page.getByLabel('Tìm theo tên hoạt động, đơn vị, địa điểm')).toHaveValue('');
	await page.getByLabel('Hình thức', { exact: true }).selectOption('honor');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page.locator('[data-found]')).toHaveAttribute('data-found', '24');
	await expect(page).toHaveURL(/type=honor/);

	// Tick three with the keyboard, then one action.
	const cards = page.locator('article[data-activity-id]');
	const ids: string[] = [];
	for (let i = 0; i < 3; i++) {
		const pick = cards.nth(i).locator('input[name="pick"]');
		await pick.focus();
		await page.keyboard.press('Space');
		ids.push((await cards.nth(i).getAttribute('data-activity-id'))!);
	}
	const approve = page.getByRole('button', { name: 'Duyệt 3 hoạt động đã chọn' });
	await approve.focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('[data-bulk-result]')).toContainText('Đã duyệt 3 hoạt động.');
	await expect(page.locator('[data-bulk-result]')).toBeInViewport();
	await page.screenshot({ path: testInfo.outputPath('moderation-bulk-390x844.png') });
	await expect(page.locator('[data-found]')).toHaveAttribute('data-found', '21');
	// The other moderator's pending queue loses them without a reload.
	for (const id of ids)
		await expect(other.locator(`article[data-activity-id="${id}"]`)).toHaveCount(0);
	await expect(other.locator('[data-found]')).toHaveAttribute('data-found', '117');

	// "Select all" approves the whole filtered page.
	await page.getByLabel(/Chọn tất cả 21 hoạt động/).check();
	await page.getByRole('button', { name: 'Duyệt 21 hoạt động đã chọn' }).click();
	await expect(page.locator('[data-bulk-result]')).toContainText('Đã duyệt 21 hoạt động.');
	await expect(page.locator('[data-found]')).toHaveAttribute('data-found', '0');
	await expect(other.locator('[data-found]')).toHaveAttribute('data-found', '96');
	const sideways = await page.evaluate(
		() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth
	);
	expect(sideways).toBe(0);
});
