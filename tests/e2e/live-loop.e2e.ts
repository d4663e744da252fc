import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { TEST_ADMIN } from '../helpers/server';
import { shared } from './shared';

const url = () => shared('URL');

function activityCount(): number {
	const db = new Database(shared('DB'), { readonly: true });
	try {
		return (db.prepare('select count(*) as n from activities').get() as { n: number }).n;
	} finally {
		db.close();
	}
}

/** Through the real sign-in form, as a leader would. */
async function signIn(page: Page, next = '/dashboard') {
	await page.goto(`${url()}/login?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Tên đăng nhập').fill(TEST_ADMIN.username);
	await page.getByLabel('Mật khẩu').fill(TEST_ADMIN.password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL(`${url()}${next}`);
}

async function kpi(page: Page, key: string) {
	return page.locator(`[data-kpi="${key}"] .value`);
}

test('a unit submits through the form; dashboard and kiosk update without reload', async ({
	browser
}) => {
	const unitContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const dashboardContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const kioskContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const errors: string[] = [];
	const unit = await unitContext.newPage();
	const dashboard = await dashboardContext.newPage();
	const kiosk = await kioskContext.newPage();
	for (const page of [unit, dashboard, kiosk]) {
		page.on('pageerror', (e) => errors.push(e.message));
		// CSP violations and failed loads show up as console errors.
		page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	}

	await signIn(dashboard);
	await kiosk.goto(`${url()}/kiosk?slides=overview&reload=off`);
	await expect(dashboard.locator('[data-status="live"]')).toBeVisible();
	await expect(kiosk.locator('.stale')).toHaveCount(0);

	const activitiesBefore = Number(
		(await (await kpi(dashboard, 'activities')).textContent())!.replace(/\./g, '')
	);
	const kioskBefore = Number(
		(await kiosk.locator('[data-tally="activities"] strong').textContent())!.replace(/\./g, '')
	);
	expect(kioskBefore).toBe(activitiesBefore);

	await unit.goto(`${url()}/u/${shared('TOKEN_SO_YT')}`);
	await expect(unit.getByRole('heading', { level: 1 })).toHaveText('Sở Y tế tỉnh Lai Châu');
	await unit.getByLabel('Hội nghị, hội thảo, tọa đàm, triển lãm').check();
	await unit.getByLabel('Tên hoạt động').fill('Hội thảo ứng dụng công nghệ số trong y tế cơ sở');
	await unit.getByLabel('Ngày bắt đầu').fill('21/04/2026');
	await unit.getByLabel('Loại sự kiện').selectOption('seminar');
	await unit.getByLabel('Trực tiếp', { exact: true }).check();
	await unit.getByLabel('Số người tham dự').fill('1.250');
	await unit.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).click();

	await expect(unit.getByRole('status').filter({ hasText: 'Đã ghi nhận hoạt động' })).toBeVisible();
	await expect(
		unit.locator('li[data-activity-id]').filter({ hasText: 'Hội thảo ứng dụng công nghệ số' })
	).toBeVisible();
	// The form is ready for the next activity.
	await expect(unit.getByLabel('Tên hoạt động')).toHaveValue('');

	// No reload anywhere: the socket carries the new numbers.
	await expect(await kpi(dashboard, 'activities')).toHaveText(String(activitiesBefore + 1));
	await expect(await kpi(dashboard, 'events')).not.toHaveText('0');
	await expect(dashboard.locator('.feed').first()).toContainText(
		'Hội thảo ứng dụng công nghệ số trong y tế cơ sở'
	);
	await expect(kiosk.locator('[data-tally="activities"] strong')).toHaveText(
		String(kioskBefore + 1)
	);
	await expect(kiosk.locator('[data-kiosk-type="event"]')).not.toHaveText('0');
	await expect(kiosk.locator('.latest')).toContainText('Hội thảo ứng dụng công nghệ số');
	await expect(kiosk.locator('[data-tally="participants"] strong')).toContainText('1.250');

	// The kiosk fills a 1920×1080 screen without scrollbars.
	const overflow = await kiosk.evaluate(() => ({
		x: document.documentElement.scrollWidth - window.innerWidth,
		y: document.documentElement.scrollHeight - window.innerHeight
	}));
	expect(overflow).toEqual({ x: 0, y: 0 });
	expect(errors).toEqual([]);
	await Promise.all([unitContext.close(), dashboardContext.close(), kioskContext.close()]);
});

test('double-clicking submit stores the activity once', async ({ page }) => {
	const before = activityCount();
	await page.goto(`${url()}/u/${shared('TOKEN_SO_YT')}`);
	await page.getByLabel('Treo băng rôn, khẩu hiệu').check();
	await page.getByLabel('Tên hoạt động').fill('Treo băng rôn tại cổng Sở — bấm gửi hai lần');
	await page.getByLabel('Ngày bắt đầu').fill('19/04/2026');
	await page.getByLabel('Số băng rôn, khẩu hiệu').fill('2');
	await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).dblclick();
	await expect(page.getByRole('status').filter({ hasText: 'Đã ghi nhận hoạt động' })).toBeVisible();
	expect(activityCount()).toBe(before + 1);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

	test('the same form submits and shows field errors in Vietnamese', async ({ page }) => {
		const before = activityCount();
		await page.goto(`${url()}/u/${shared('TOKEN_WARD')}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phường Đoàn Kết');

		// First attempt: media without channels and a too-short title.
		await page.getByLabel('Truyền thông đa nền tảng').check();
		await page.getByLabel('Tên hoạt động').fill('Tin');
		await page.getByLabel('Ngày bắt đầu').fill('22/04/2026');
		await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).click();
		await expect(page.locator('#title-error')).toHaveText('Tên hoạt động cần ít nhất 5 ký tự');
		await expect(page.locator('#channels-error')).toHaveText('Chọn ít nhất một kênh truyền thông');
		await expect(page.getByLabel('Tên hoạt động')).toHaveAttribute('aria-invalid', 'true');
		// What the official typed is still there.
		await expect(page.getByLabel('Ngày bắt đầu')).toHaveValue('22/04/2026');
		expect(activityCount()).toBe(before);

		await page
			.getByLabel('Tên hoạt động')
			.fill('Đăng tin hưởng ứng Ngày Sáng tạo trên trang của phường');
		await page.getByLabel('Mạng xã hội').check();
		await page.getByLabel('Phát thanh').check();
		await page.getByLabel('Số tin, bài, sản phẩm truyền thông').fill('6');
		await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).click();
		await expect(
			page.getByRole('status').filter({ hasText: 'Đã ghi nhận hoạt động' })
		).toBeVisible();
		await expect(page.locator('li[data-activity-id]').first()).toContainText(
			'Đăng tin hưởng ứng Ngày Sáng tạo trên trang của phường'
		);
		await expect(page.locator('li[data-activity-id]').first()).toContainText('Mạng xã hội');
		expect(activityCount()).toBe(before + 1);

		// Resubmitting the same page (browser refresh after POST) stores nothing new.
		const resubmit = page.waitForRequest((r) => r.method() === 'POST');
		await page.reload();
		expect((await resubmit).postData()).toContain('idempotencyKey');
		await expect(
			page.getByRole('status').filter({ hasText: 'Đã ghi nhận hoạt động' })
		).toBeVisible();
		expect(activityCount()).toBe(before + 1);
	});
});

test('a wrong link shows a Vietnamese 404 page', async ({ page }) => {
	const response = await page.goto(`${url()}/u/khong-phai-lien-ket-that`);
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Đường liên kết báo cáo không hợp lệ hoặc đã bị thu hồi.'
	);
	await expect(page.getByText('liên hệ Sở Khoa học và Công nghệ')).toBeVisible();
});

test('hostile titles render as text on the unit page, dashboard, kiosk and admin queue', async ({
	browser
}) => {
	const hostile = ['<img src=x onerror=alert(1)>', '"><script>alert(2)</script>'];
	const context = await browser.newContext();
	const dialogs: string[] = [];
	context.on('page', (page) => page.on('dialog', (d) => dialogs.push(d.message())));
	const dashboard = await context.newPage();
	dashboard.on('dialog', (d) => dialogs.push(d.message()));
	await signIn(dashboard);
	const kiosk = await context.newPage();
	kiosk.on('dialog', (d) => dialogs.push(d.message()));
	await kiosk.goto(`${url()}/kiosk?slides=latest&reload=off`);

	for (const [i, payload] of hostile.entries()) {
		const response = await fetch(`${url()}/api/v1/activities`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${shared('TOKEN_WARD')}`,
				'Content-Type': 'application/json'
			},
			body: JSON.stringify({
				type: 'movement',
				title: `Thử ${payload} ${i}`,
				startDate: '2026-04-25',
				location: payload,
				description: payload
			})
		});
		expect(response.status).toBe(201);
	}
	// Live: arrived over the socket and rendered by Svelte.
	for (const [i, payload] of hostile.entries()) {
		await expect(dashboard.locator('.feed').first()).toContainText(`Thử ${payload} ${i}`);
		await expect(kiosk.locator('.latest')).toContainText(`Thử ${payload} ${i}`);
	}
	// Server-rendered: the unit page and a fresh dashboard load.
	const unit = await context.newPage();
	unit.on('dialog', (d) => dialogs.push(d.message()));
	await unit.goto(`${url()}/u/${shared('TOKEN_WARD')}`);
	await dashboard.reload();
	// The admin's moderation queue shows titles, places and descriptions in full.
	const admin = await context.newPage();
	admin.on('dialog', (d) => dialogs.push(d.message()));
	await admin.goto(`${url()}/admin/moderation?status=all`);
	for (const [i, payload] of hostile.entries()) {
		await expect(unit.getByText(`Thử ${payload} ${i}`)).toBeVisible();
		await expect(dashboard.locator('.feed').first()).toContainText(`Thử ${payload} ${i}`);
		await expect(admin.getByRole('heading', { name: `Thử ${payload} ${i}` })).toBeVisible();
	}
	await expect(admin.locator('.description').filter({ hasText: hostile[0] }).first()).toBeVisible();
	for (const page of [unit, dashboard, kiosk, admin]) {
		expect(await page.locator('img[src="x"]').count()).toBe(0);
	}
	await unit.waitForTimeout(300);
	expect(dialogs).toEqual([]);
	await context.close();
});

test('an administrator signs in, sees the audit log, and signs out', async ({ page }) => {
	await signIn(page, '/admin');
	await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
	await page.getByRole('link', { name: 'Nhật ký thao tác', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Nhật ký thao tác' })).toBeVisible();
	await page.getByLabel('Thao tác').selectOption('login.success');
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page.locator('tr[data-audit-action="login.success"]').first()).toBeVisible();
	await expect(page.locator('tr[data-audit-action="activity.create"]')).toHaveCount(0);

	await page.getByRole('link', { name: 'Tài khoản và liên kết xem' }).click();
	await page.getByLabel('Dành cho').fill('Giám đốc Sở');
	await page.getByRole('button', { name: 'Cấp liên kết xem' }).click();
	await expect(page.locator('[data-secret="leader-link"]')).toContainText('/l/');

	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	await page.waitForURL(`${url()}/login`);
	await page.goto(`${url()}/admin`);
	await expect(page).toHaveURL(/\/login\?next=%2Fadmin/);
});
