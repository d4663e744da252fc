import { expect, test, type Browser, type Page } from '@playwright/test';
import { TEST_ADMIN } from '../helpers/server';
import { shared } from './shared';

const url = () => shared('URL');

async function adminPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	await page.goto(`${url()}/login?next=%2Fadmin%2Fmoderation`);
	await page.getByLabel('Tên đăng nhập').fill(TEST_ADMIN.username);
	await page.getByLabel('Mật khẩu').fill(TEST_ADMIN.password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL(`${url()}/admin/moderation`);
	return page;
}

async function report(title: string): Promise<number> {
	const response = await fetch(`${url()}/api/v1/activities`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${shared('TOKEN_SO_YT')}`,
			'Content-Type': 'application/json'
		},
		body: JSON.stringify({ type: 'banner', title, startDate: '2026-04-21', quantity: 2 })
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: number }).id;
}

test('two administrators moderate together; the unit sees the decision live', async ({
	browser
}) => {
	const first = await adminPage(browser);
	const second = await adminPage(browser);
	const unit = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await unit.goto(`${url()}/u/${shared('TOKEN_SO_YT')}`);

	const id = await report('Băng rôn chờ hai quản trị viên duyệt');
	const card = (page: Page) => page.locator(`article[data-activity-id="${id}"]`);
	// A new report appears in both queues without a reload.
	await expect(card(first)).toBeVisible();
	await expect(card(second)).toBeVisible();
	await expect(unit.locator(`li[data-activity-id="${id}"]`)).toContainText('chờ Sở duyệt');

	// The first rejects with a reason; it leaves the second's pending queue at once and the unit
	// sees the reason without reloading.
	await card(first).getByPlaceholder('Lý do không duyệt').fill('Thiếu ảnh minh chứng băng rôn');
	await card(first).getByRole('button', { name: 'Không duyệt' }).click();
	await expect(card(second)).toHaveCount(0);
	await expect(card(first)).toHaveCount(0);
	await expect(unit.locator(`li[data-activity-id="${id}"]`)).toContainText(
		'Thiếu ảnh minh chứng băng rôn'
	);

	// Both open the same activity to edit; the second save gets the conflict with current values.
	await first.goto(`${url()}/admin/activities/${id}`);
	await second.goto(`${url()}/admin/activities/${id}`);
	await first.getByLabel('Tên hoạt động').fill('Băng rôn — tên do quản trị viên thứ nhất sửa');
	await first.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(first.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();

	await second.getByLabel('Tên hoạt động').fill('Băng rôn — tên do quản trị viên thứ hai sửa');
	await second.getByRole('button', { name: 'Lưu thay đổi' }).click();
	const conflict = second.getByRole('alert').filter({ hasText: 'Người khác vừa thay đổi' });
	await expect(conflict).toBeVisible();
	await expect(conflict).toContainText('Băng rôn — tên do quản trị viên thứ nhất sửa');
	// What the second typed is kept; saving again is now an informed decision and succeeds.
	await expect(second.getByLabel('Tên hoạt động')).toHaveValue(
		'Băng rôn — tên do quản trị viên thứ hai sửa'
	);
	await second.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(second.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();

	// The unit edits its rejected activity (fixing it) and it returns to the queue.
	await unit.locator(`li[data-activity-id="${id}"]`).getByRole('link', { name: /Sửa/ }).click();
	await unit.getByLabel('Số băng rôn, khẩu hiệu').fill('3');
	await unit.getByRole('button', { name: 'Lưu thay đổi' }).click();
	// Confirmed where the official is looking (under the button, with focus), in plain words.
	const saved = unit.locator('[data-outcome="saved"]');
	await expect(saved).toBeFocused();
	await expect(saved).toBeInViewport();
	await expect(saved).toHaveText('Đã lưu các thay đổi. Hoạt động đã được gửi lại để Sở xem xét.');
	await unit.screenshot({ path: test.info().outputPath('edit-saved-390x844.png') });
	await first.goto(`${url()}/admin/moderation`);
	await expect(card(first)).toBeVisible();
	await card(first).getByRole('button', { name: 'Duyệt', exact: true }).click();
	await expect(card(first)).toHaveCount(0);

	await unit.goto(`${url()}/u/${shared('TOKEN_SO_YT')}`);
	await expect(unit.locator(`li[data-activity-id="${id}"]`)).toContainText('Đã duyệt');
});

test('a unit withdraws a pending activity from its phone', async ({ page }) => {
	const id = await report('Băng rôn báo cáo nhầm — sẽ rút');
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(`${url()}/u/${shared('TOKEN_SO_YT')}/activities/${id}`);
	// One tap only asks, in view and with focus, and says what withdrawing does.
	await page.getByRole('button', { name: 'Rút hoạt động này' }).click();
	const question = page.getByRole('alertdialog', {
		name: 'Rút hoạt động “Băng rôn báo cáo nhầm — sẽ rút”?'
	});
	await expect(question).toBeFocused();
	await expect(question).toBeInViewport();
	await expect(question).toContainText('không còn được tính');
	await expect(question).toContainText('Không thể hoàn tác');
	await page.screenshot({ path: test.info().outputPath('withdraw-confirm-390x844.png') });
	// "Không rút" changes nothing.
	await question.getByRole('link', { name: 'Không rút' }).click();
	await expect(page.getByRole('alertdialog')).toHaveCount(0);
	// Still there: a withdrawn activity's page sends the unit back to its list.
	await page.reload();
	await expect(page).toHaveURL(new RegExp(`/activities/${id}$`));
	// Asked again and confirmed: withdrawn.
	await page.getByRole('button', { name: 'Rút hoạt động này' }).click();
	await page
		.getByRole('alertdialog')
		.getByRole('button', { name: 'Rút hoạt động', exact: true })
		.click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã rút hoạt động' })).toBeVisible();
	await expect(page.locator(`li[data-activity-id="${id}"]`)).toHaveCount(0);
});

test('an exemplary model marked on the dashboard appears on the kiosk at once', async ({
	browser
}) => {
	const admin = await adminPage(browser);
	const kiosk = await (
		await browser.newContext({ viewport: { width: 1920, height: 1080 } })
	).newPage();
	await kiosk.goto(`${url()}/kiosk?slides=latest&reload=off`);
	const id = await report('Mô hình băng rôn tái chế — điển hình');
	await admin.reload();
	await admin
		.locator(`article[data-activity-id="${id}"]`)
		.getByRole('button', { name: 'Duyệt', exact: true })
		.click();
	await admin.goto(`${url()}/dashboard`);
	const item = admin.locator('.feed li').filter({ hasText: 'Mô hình băng rôn tái chế' });
	// Not exemplary yet: no mark, and the action says what it does (not pressed).
	await expect(item.locator('[data-exemplary-badge]')).toHaveCount(0);
	await expect(item.getByText('★ Điển hình')).toHaveCount(0);
	const mark = item.getByRole('button', { name: 'Đánh dấu điển hình' });
	await expect(mark).toHaveAttribute('aria-pressed', 'false');
	await mark.click();
	await expect(admin.locator(`[data-exemplary-id="${id}"]`)).toBeVisible();
	// Exemplary now: the mark shows, and is not a button; the action undoes it (pressed).
	await expect(item.locator('[data-exemplary-badge]')).toHaveText('★ Điển hình');
	await expect(item.getByRole('button', { name: /Điển hình/i })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(item.getByRole('button', { name: 'Bỏ điển hình' })).toBeVisible();
	// The moderation list offers the same action, in the same words.
	await admin.goto(`${url()}/admin/moderation?status=exemplary`);
	const card = admin.locator(`article[data-activity-id="${id}"]`);
	await expect(card.locator('[data-exemplary-badge]')).toHaveText('★ Điển hình');
	await expect(card.getByRole('button', { name: 'Bỏ điển hình' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(kiosk.locator('.latest li.star')).toContainText(
		'Mô hình băng rôn tái chế — điển hình'
	);
});
