import { expect, test, type Browser, type Page } from '@playwright/test';
import { axeViolations, describeViolations } from '../helpers/axe';
import { signedInPage } from '../helpers/browser';
import { startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';

// Issue 14, accessibility (WCAG 2.2 AA as axe-core checks it): every main page — the public page,
// sign-in, the unit's form and its edit page, the dashboard for an administrator and for a
// leader, every admin page, each kiosk slide in both themes — with no serious or critical
// violation, in a state with content (activities, an approved exemplary one, the live feed).

// A server of its own: the activities it adds must not move the totals other files expect.
let server: RunningServer;
let unitToken = '';
let leaderPassword = '';
const url = () => server.url;
const token = () => unitToken;
let activityId = 0;

async function adminCookie(): Promise<string> {
	const response = await fetch(`${url()}/login`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/x-www-form-urlencoded',
			Accept: 'text/html',
			Origin: url()
		},
		body: new URLSearchParams({ ...TEST_ADMIN, next: '/dashboard' }),
		redirect: 'manual'
	});
	return response.headers.getSetCookie()[0].split(';')[0];
}

async function form(path: string, fields: Record<string, string>, cookie: string) {
	const response = await fetch(`${url()}${path}`, {
		method: 'POST',
		headers: {
			Cookie: cookie,
			Origin: url(),
			Accept: 'text/html',
			'Content-Type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
	expect(response.status, `${path}: ${await response.text()}`).toBeLessThan(400);
}

test.afterAll(async () => {
	await server?.cleanup();
});

test.beforeAll(async () => {
	server = await startServer();
	unitToken = await server.issueToken('SO-YT');
	leaderPassword = await server.createAccount('leader', 'lanhdao-axe');
	for (const [type, title, extra] of [
		[
			'event',
			'Hội thảo “Đổi mới sáng tạo trong cải cách hành chính”',
			{ format: 'conference', mode: 'onsite', quantity: 120 }
		],
		['movement', 'Phát động phong trào sáng kiến năm 2026', {}],
		['media', 'Loạt bài tuyên truyền Ngày 21/4', { quantity: 4, channels: ['digital'] }]
	] as const) {
		const response = await fetch(`${url()}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ type, title, startDate: '2026-04-21', ...extra })
		});
		const answer = await response.text();
		expect(response.status, answer).toBe(201);
		activityId = (JSON.parse(answer) as { id: number }).id;
	}
	const cookie = await adminCookie();
	await form('/admin/moderation?/approve', { id: String(activityId), version: '1' }, cookie);
	await form('/dashboard?/exemplary', { id: String(activityId), exemplary: 'on' }, cookie);
});

async function expectNoSeriousViolations(page: Page, what: string) {
	const violations = (await axeViolations(page)).filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(describeViolations(violations), what).toBe('');
}

async function open(browser: Browser, path: string, viewport = { width: 1440, height: 900 }) {
	const context = await browser.newContext({ viewport, bypassCSP: true });
	const page = await context.newPage();
	await page.goto(`${url()}${path}`);
	return page;
}

test('public pages, sign-in and the unit’s pages: no serious or critical violation', async ({
	browser
}) => {
	for (const [path, viewport] of [
		['/', { width: 1440, height: 900 }],
		['/', { width: 390, height: 844 }],
		['/login', { width: 390, height: 844 }],
		[`/u/${token()}`, { width: 390, height: 844 }],
		[`/u/${token()}/activities/${activityId}`, { width: 390, height: 844 }],
		// In English too.
		['/?lang=en', { width: 1440, height: 900 }],
		['/?lang=en', { width: 390, height: 844 }],
		['/login?lang=en', { width: 390, height: 844 }],
		[`/u/${token()}?lang=en`, { width: 390, height: 844 }],
		[`/u/${token()}/activities/${activityId}?lang=en`, { width: 390, height: 844 }]
	] as const) {
		const page = await open(browser, path, viewport);
		await page.waitForLoadState('networkidle');
		if (path.endsWith('lang=en')) await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expectNoSeriousViolations(page, `${path} at ${viewport.width}×${viewport.height}`);
		await page.context().close();
	}
	// The unit form with its field errors shown.
	const page = await open(browser, `/u/${token()}`, { width: 390, height: 844 });
	await page.getByRole('button', { name: 'Gửi' }).first().click();
	await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
	await expectNoSeriousViolations(page, 'the unit form with its errors');
	await page.context().close();
});

test('the dashboard and every admin page: no serious or critical violation', async ({
	browser
}) => {
	const page = await signedInPage(browser, url(), '/dashboard', {
		viewport: { width: 1440, height: 900 },
		bypassCSP: true
	});
	await expect(page.locator('[data-status="live"]')).toBeVisible();
	await expect(page.locator(`[data-exemplary-id="${activityId}"]`)).toBeVisible();
	await expectNoSeriousViolations(page, '/dashboard (administrator)');
	await page.goto(`${url()}/dashboard?lang=en`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('[data-status="live"]')).toBeVisible();
	await expectNoSeriousViolations(page, '/dashboard?lang=en (administrator)');
	await page.goto(`${url()}/dashboard?lang=vi`);
	// Each chart's numbers are in a table a screen reader reads (or in the visible one beside it).
	const charts = page.locator('[data-chart-table]');
	await expect(charts).toHaveCount(2);
	const byDay = page.getByRole('table', {
		name: 'Biểu đồ cột số hoạt động theo ngày, chia theo hình thức'
	});
	await expect(byDay.getByRole('columnheader')).toHaveCount(5);
	await expect(byDay.getByRole('row', { name: /^21\/4 / })).toBeAttached();
	const top = page.getByRole('table', { name: 'Biểu đồ 10 đơn vị có nhiều hoạt động nhất' });
	const row = top.getByRole('row', { name: /Y tế/ });
	await expect(row.getByRole('cell')).toHaveText(['0', '1', '1', '1', '0']);
	await expect(
		page.getByRole('img', { name: /Biểu đồ tròn số hoạt động theo hình thức/ })
	).toBeAttached();
	for (const path of [
		'/admin',
		'/admin/moderation',
		'/admin/units',
		'/admin/units/SO-YT',
		'/admin/users',
		'/admin/settings',
		'/admin/audit',
		`/admin/activities/${activityId}`
	]) {
		await page.goto(`${url()}${path}`);
		await page.waitForLoadState('networkidle');
		await expectNoSeriousViolations(page, path);
	}
	// The same pages in English, and a unit's page on the dashboard.
	for (const path of [
		'/admin?lang=en',
		'/admin/moderation',
		'/admin/units',
		'/admin/units/SO-YT',
		'/admin/units/print',
		'/admin/users',
		'/admin/settings',
		'/admin/audit',
		`/admin/activities/${activityId}`,
		'/dashboard/units/SO-YT'
	]) {
		await page.goto(`${url()}${path}`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.waitForLoadState('networkidle');
		await expectNoSeriousViolations(page, `${path} (English)`);
	}
	await page.context().close();

	const leader = await (
		await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true })
	).newPage();
	await leader.goto(`${url()}/login?next=%2Fdashboard`);
	await leader.getByLabel('Tên đăng nhập').fill('lanhdao-axe');
	await leader.getByLabel('Mật khẩu').fill(leaderPassword);
	await leader.getByRole('button', { name: 'Đăng nhập' }).click();
	await leader.waitForURL(`${url()}/dashboard`);
	await expect(leader.locator('[data-status="live"]')).toBeVisible();
	await expectNoSeriousViolations(leader, '/dashboard (leader, 390×844)');
	await leader.context().close();
});

test('every kiosk slide in both themes and both languages: no serious or critical violation', async ({
	browser
}) => {
	// 32 pages, each opened live and checked by axe: about 55 s on this 2-core machine when idle,
	// over the default minute when the machine is busy (CI22 failed on time, not on a violation).
	test.setTimeout(360_000);
	for (const [theme, lang] of [
		['dark', 'vi'],
		['light', 'vi'],
		['dark', 'en'],
		['light', 'en']
	]) {
		for (const slide of [
			'hero',
			'themes',
			'tallies',
			'forms',
			'groups',
			'latest',
			'qr',
			'overview'
		]) {
			const page = await open(browser, `/kiosk?slides=${slide}&theme=${theme}&lang=${lang}`, {
				width: 1920,
				height: 1080
			});
			await page.waitForLoadState('networkidle');
			await expect(page.locator('html')).toHaveAttribute('lang', lang);
			await expectNoSeriousViolations(page, `kiosk ${slide}, ${theme}, ${lang}`);
			await page.context().close();
		}
	}
});

test('new activities are said politely to a screen reader, once, several together', async ({
	browser
}) => {
	const page = await signedInPage(browser, url(), '/dashboard', {
		viewport: { width: 1440, height: 900 }
	});
	await expect(page.locator('[data-status="live"]')).toBeVisible();
	const said = page.locator('[data-feed-announcement]');
	await expect(said).toHaveAttribute('role', 'status');
	// What was there at load is not said; the list is not a live region of its own.
	await expect(said).toHaveText('');
	await expect(page.locator('ol.feed')).not.toHaveAttribute('aria-live');
	const post = async (title: string) => {
		const response = await fetch(`${url()}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ type: 'banner', title, startDate: '2026-04-21', quantity: 1 })
		});
		expect(response.status).toBe(201);
	};
	await post('Treo băng rôn tại trụ sở Sở Y tế');
	await expect(said).toHaveText(
		'Hoạt động mới: Treo băng rôn tại trụ sở Sở Y tế — Sở Y tế tỉnh Lai Châu'
	);
	await post('Băng rôn tại Bệnh viện Đa khoa tỉnh');
	await post('Băng rôn tại Trung tâm Kiểm soát bệnh tật');
	await expect(said).toHaveText(
		'2 hoạt động mới, mới nhất: Băng rôn tại Trung tâm Kiểm soát bệnh tật — Sở Y tế tỉnh Lai Châu'
	);
	await page.context().close();
});
