import { expect, test, type Page } from '@playwright/test';
import { signedInPage } from '../helpers/browser';
import { shared } from './shared';

const url = () => shared('URL');

/** Whether the element that has focus matches the selector. */
const focused = (page: Page, selector: string) =>
	page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

test.describe('the unit form on a 390×844 phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('after a tap on "Gửi", the errors and then the confirmation come into view with focus', async ({
		page
	}, testInfo) => {
		await page.goto(`${url()}/u/${shared('TOKEN_WARD')}`);
		// Typed something, chose no form: the button is far below the top of the page.
		await page.getByLabel('Tên hoạt động').fill('Treo băng rôn');
		const send = page.getByRole('button', { name: 'Gửi báo cáo hoạt động' });
		await send.scrollIntoViewIfNeeded();
		await send.tap();

		const summary = page.locator('[data-error-summary]');
		await expect(summary).toBeInViewport();
		await expect.poll(() => focused(page, '[data-error-summary]')).toBe(true);
		await expect(summary).toHaveAttribute('role', 'alert');
		await expect(summary.getByRole('link', { name: 'Chọn hình thức hoạt động' })).toBeVisible();
		await expect(summary.getByRole('link', { name: /ngày bắt đầu/i })).toBeVisible();
		await page.screenshot({ path: testInfo.outputPath('unit-form-error-390x844.png') });

		// Each message leads to its field.
		await summary.getByRole('link', { name: 'Chọn hình thức hoạt động' }).tap();
		await expect.poll(() => focused(page, '#type-banner')).toBe(true);
		await expect(page.locator('#type-banner')).toBeInViewport();

		// A second failed attempt is revealed again.
		await page.getByLabel('Treo băng rôn, khẩu hiệu').check();
		await send.scrollIntoViewIfNeeded();
		await send.tap();
		await expect(summary).toBeInViewport();
		await expect.poll(() => focused(page, '[data-error-summary]')).toBe(true);
		await expect(summary).not.toContainText('Chọn hình thức hoạt động');

		await page
			.getByLabel('Tên hoạt động')
			.fill('Treo băng rôn chào mừng Ngày Sáng tạo tại trụ sở phường');
		await page.getByLabel('Ngày bắt đầu').fill('2026-04-20');
		await page.getByLabel('Số băng rôn, khẩu hiệu').fill('4');
		await send.scrollIntoViewIfNeeded();
		await send.tap();
		const done = page.locator('[data-outcome="created"]');
		await expect(done).toBeInViewport();
		await expect(done).toContainText('Đã ghi nhận hoạt động');
		await expect.poll(() => focused(page, '[data-outcome="created"]')).toBe(true);
		await expect(summary).toHaveCount(0);
		await page.screenshot({ path: testInfo.outputPath('unit-form-success-390x844.png') });
	});
});

test('a title over the limit is never cut: the form counts as one types and the server explains', async ({
	browser
}) => {
	const page = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await page.goto(`${url()}/u/${shared('TOKEN_WARD')}`);
	const title = page.getByLabel('Tên hoạt động');
	await title.fill('Hội thảo');
	await expect(page.locator('#title-count')).toHaveText('8/200 ký tự');
	const long = 'Hội nghị tổng kết phong trào thi đua đổi mới sáng tạo '.repeat(5).trim();
	expect(long.length).toBeGreaterThan(230);
	await title.fill(long);
	// Everything typed stays in the field.
	await expect(title).toHaveValue(long);
	await expect(page.locator('#title-count')).toContainText(
		`Vượt quá ${long.length - 200} ký tự — tối đa 200`
	);
	await page.getByLabel('Treo băng rôn, khẩu hiệu').check();
	await page.getByLabel('Ngày bắt đầu').fill('2026-04-20');
	await page.getByLabel('Số băng rôn, khẩu hiệu').fill('2');
	await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).click();
	await expect(page.locator('#title-error')).toHaveText('Tên hoạt động tối đa 200 ký tự');
	await expect(title).toHaveValue(long);
	await expect(page.locator('#title-count')).toContainText('Vượt quá');
});

test.describe('locking the data on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	for (const javaScriptEnabled of [true, false]) {
		test(`"Chốt ngay" asks first and says what happens (${javaScriptEnabled ? 'with' : 'without'} JavaScript)`, async ({
			browser
		}, testInfo) => {
			const page = await signedInPage(browser, url(), '/admin/settings', { javaScriptEnabled });

			await page.getByRole('button', { name: 'Chốt ngay…' }).click();
			const confirm = page.locator('[data-confirm-lock]');
			await expect(confirm).toBeVisible();
			await expect(confirm).toContainText('Chốt số liệu ngay bây giờ?');
			await expect(confirm).toContainText('60 đơn vị');
			await expect(confirm).toContainText('Số liệu đã chốt lúc');
			if (javaScriptEnabled) await expect(confirm).toBeInViewport();
			await page.screenshot({
				path: testInfo.outputPath(`lock-confirm-${javaScriptEnabled ? 'js' : 'nojs'}.png`)
			});
			// Nothing is locked yet; "Hủy" leaves it open.
			await expect(page.locator('section.cutoff')).toHaveAttribute('data-cutoff', 'open');
			await confirm.getByRole('link', { name: 'Hủy' }).click();
			await expect(confirm).toHaveCount(0);
			await expect(page.locator('section.cutoff')).toHaveAttribute('data-cutoff', 'open');

			if (!javaScriptEnabled) return;
			// Confirmed: locked, then opened again with a reason so the other tests can write.
			await page.getByRole('button', { name: 'Chốt ngay…' }).click();
			await page.getByRole('button', { name: 'Xác nhận chốt ngay' }).click();
			await expect(page.locator('section.cutoff')).toHaveAttribute('data-cutoff', 'locked');
			await page.getByLabel('Lý do mở lại').fill('Thử nghiệm xác nhận chốt số liệu');
			await page.getByRole('button', { name: 'Mở lại số liệu' }).click();
			await expect(page.locator('section.cutoff')).toHaveAttribute('data-cutoff', 'open');
		});
	}
});

test('a date outside 18–26/4 asks the unit to confirm, then shows "ngoài đợt" in its list', async ({
	browser
}, testInfo) => {
	const page = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await page.goto(`${url()}/u/${shared('TOKEN_WARD')}`);
	await page.getByLabel('Phong trào thi đua, cuộc thi, sáng kiến').check();
	await page.getByLabel('Tên hoạt động').fill('Cuộc thi sáng kiến tổ chức sau đợt');
	const confirm = page.getByLabel(/Xác nhận hoạt động ngoài đợt/);
	await expect(confirm).toHaveCount(0);
	await page.getByLabel('Ngày bắt đầu').fill('2026-04-29');
	await expect(confirm).toBeVisible();
	await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).click();
	const summary = page.locator('[data-error-summary]');
	await expect(summary).toBeInViewport();
	await summary.getByRole('link', { name: /ngoài đợt/ }).click();
	await expect.poll(() => focused(page, '#confirmOutsideWindow')).toBe(true);
	await page.screenshot({ path: testInfo.outputPath('unit-form-outside-window-390x844.png') });
	await confirm.check();
	await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).click();
	await expect(page.locator('[data-outcome="created"]')).toBeInViewport();
	await expect(
		page
			.locator('li[data-activity-id]')
			.filter({ hasText: 'Cuộc thi sáng kiến tổ chức sau đợt' })
			.locator('[data-outside-window]')
	).toHaveText('ngoài đợt');
	// Outside the accepted range: refused with the range, nothing stored.
	await page.getByLabel('Phong trào thi đua, cuộc thi, sáng kiến').check();
	await page.getByLabel('Tên hoạt động').fill('Hoạt động của năm trước');
	await page.getByLabel('Ngày bắt đầu').fill('2025-04-21');
	await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).click();
	await expect(page.locator('#startDate-error')).toContainText('từ 19/03/2026 đến 10/05/2026');
});

test('after a report is sent, the emptied form counts from zero again', async ({ browser }) => {
	const page = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await page.goto(`${url()}/u/${shared('TOKEN_WARD')}`);
	const title = page.getByLabel('Tên hoạt động');
	await title.fill('Băng rôn tại trụ sở phường');
	await expect(page.locator('#title-count')).toHaveText('26/200 ký tự');
	await page.getByLabel('Treo băng rôn, khẩu hiệu').check();
	await page.getByLabel('Ngày bắt đầu').fill('2026-04-20');
	await page.getByLabel('Số băng rôn, khẩu hiệu').fill('2');
	await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).click();
	await expect(page.getByText('Đã ghi nhận hoạt động “Băng rôn tại trụ sở phường”.')).toBeVisible();
	await expect(title).toHaveValue('');
	await expect(page.locator('#title-count')).toHaveText('0/200 ký tự');
});
