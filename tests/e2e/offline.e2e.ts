import Database from 'better-sqlite3';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { signedInPage } from '../helpers/browser';
import { phonePhoto } from '../helpers/photos';
import { shared } from './shared';

// Issue 12: a report typed in a mountain commune is never lost. After one visit the unit page
// opens without network; a report sent without network waits on the phone ("Chưa gửi (1)"),
// survives a reload while still offline, and arrives exactly once when the network returns.

const url = () => shared('URL');

/** The photos stored with the activity of this title: their sizes, in order. */
function photosOf(title: string): { width: number; height: number }[] {
	const db = new Database(shared('DB'), { readonly: true });
	try {
		return db
			.prepare(
				`select p.width, p.height from activity_photos p join activities a on a.id = p.activity_id
				 where a.title = ? order by p.position`
			)
			.all(title) as { width: number; height: number }[];
	} finally {
		db.close();
	}
}

function storedWithTitle(title: string): number {
	const db = new Database(shared('DB'), { readonly: true });
	try {
		return (
			db.prepare('select count(*) as n from activities where title = ?').get(title) as {
				n: number;
			}
		).n;
	} finally {
		db.close();
	}
}

test.describe('the unit page without network, on a 390×844 phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('a report sent offline waits in the outbox, survives a reload, and arrives once', async ({
		page,
		context,
		browser
	}, testInfo) => {
		const unitPage = `${url()}/u/${shared('TOKEN_WARD')}`;
		await page.goto(unitPage);
		// The first visit is enough: the worker keeps the page and the files it used.
		await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
		await expect
			.poll(() =>
				page.evaluate(async () => {
					const pages = await caches.open('lantoa-pages');
					return Boolean(await pages.match(location.origin + location.pathname));
				})
			)
			.toBe(true);

		await context.setOffline(true);
		const title = `Tọa đàm sáng kiến ở bản vùng cao — gửi khi mất sóng ${Date.now()}`;
		await page.getByLabel('Treo băng rôn, khẩu hiệu').check();
		await page.getByLabel('Tên hoạt động').fill(title);
		await page.getByLabel('Ngày bắt đầu').fill('22/04/2026');
		await page.getByLabel('Số băng rôn, khẩu hiệu').fill('3');
		// A photo from the camera (2400×1800 with its GPS position): made small on the phone and
		// kept with the report while there is no network.
		await page
			.locator('#photos')
			.setInputFiles({ name: 'IMG_0412.JPG', mimeType: 'image/jpeg', buffer: await phonePhoto() });
		await expect(page.locator('[data-photo]')).toHaveCount(1);
		await page.locator('[data-photo]').scrollIntoViewIfNeeded();
		// Its preview is drawn (from the phone's own copy: no network needed).
		await expect
			.poll(() =>
				page.locator('[data-photo] img').evaluate((img: HTMLImageElement) => img.naturalWidth)
			)
			.toBeGreaterThan(0);
		await page.screenshot({ path: testInfo.outputPath('offline-photo-chosen-390x844.png') });
		const send = page.getByRole('button', { name: 'Gửi báo cáo hoạt động' });
		await send.scrollIntoViewIfNeeded();
		await send.tap();

		const outbox = page.locator('[data-outbox]');
		await expect(outbox.locator('[data-outbox-count]')).toHaveText('(1)');
		await expect(outbox).toContainText(title);
		await expect(outbox).toContainText('kèm 1 ảnh');
		await expect(outbox).toContainText('không có mạng');
		// Nothing to tap that would only fail again: it goes by itself when the network returns.
		await expect(outbox.getByRole('button', { name: 'Chờ có mạng để gửi' })).toBeDisabled();
		await expect(page.locator('[data-outcome="queued"]')).toContainText('Đã lưu');
		// The form is empty again, ready for the next report; nothing reached the server.
		await expect(page.getByLabel('Tên hoạt động')).toHaveValue('');
		await expect(page.locator('[data-photo]')).toHaveCount(0);
		expect(storedWithTitle(title)).toBe(0);
		await page.locator('[data-outcome="queued"]').scrollIntoViewIfNeeded();
		await page.screenshot({ path: testInfo.outputPath('offline-queued-390x844.png') });

		// Reloaded while still offline: the page opens from the phone, the report still waits.
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(page.locator('[data-outbox] [data-outbox-count]')).toHaveText('(1)');
		await expect(page.locator('[data-outbox]')).toContainText(title);
		await page.locator('[data-outbox]').scrollIntoViewIfNeeded();
		await page.screenshot({ path: testInfo.outputPath('offline-reloaded-390x844.png') });
		expect(storedWithTitle(title)).toBe(0);

		// The network returns: the report goes by itself, once.
		await context.setOffline(false);
		await expect(page.locator('[data-outbox]')).toHaveCount(0, { timeout: 20_000 });
		await expect(page.locator('[data-outcome="delivered"]')).toContainText(title);
		await expect(page.getByRole('region', { name: /Hoạt động đơn vị đã báo cáo/ })).toContainText(
			title,
			{ timeout: 10_000 }
		);
		expect(storedWithTitle(title)).toBe(1);
		// With its photo, once; the list shows its thumbnail.
		expect(photosOf(title)).toEqual([{ width: 1600, height: 1200 }]);
		const thumbnail = page
			.locator('[data-activity-id]', { hasText: title })
			.getByRole('img', { name: /Ảnh 1 của hoạt động/ });
		await thumbnail.scrollIntoViewIfNeeded();
		await expect
			.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
			.toBe(320);
		await page.screenshot({ path: testInfo.outputPath('offline-sent-390x844.png') });

		// And the Department sees it.
		const dashboard = await signedInPage(browser, url(), '/dashboard', {
			viewport: { width: 1440, height: 900 }
		});
		await expect(dashboard.getByText(title).first()).toBeVisible();
		await dashboard.context().close();
		expect(storedWithTitle(title)).toBe(1);
	});

	test('what is typed and the photos chosen are kept on the phone: a closed tab opens with the draft', async ({
		page,
		context
	}) => {
		const unitPage = `${url()}/u/${shared('TOKEN_WARD')}`;
		await page.goto(unitPage);
		await page.getByLabel('Treo băng rôn, khẩu hiệu').check();
		await page.getByLabel('Tên hoạt động').fill('Bản nháp: treo băng rôn ở nhà văn hóa bản');
		await page.getByLabel('Ngày bắt đầu').fill('19/04/2026');
		// A photo chosen before the phone rang: kept with the draft too.
		await page.locator('#photos').setInputFiles({
			name: 'nha-van-hoa.jpg',
			mimeType: 'image/jpeg',
			buffer: await phonePhoto(150)
		});
		await expect(page.locator('[data-photo]')).toHaveCount(1);
		await page.waitForTimeout(800);
		await page.close();
		const again = await context.newPage();
		await again.goto(unitPage);
		await expect(again.getByLabel('Tên hoạt động')).toHaveValue(
			'Bản nháp: treo băng rôn ở nhà văn hóa bản'
		);
		await expect(again.getByLabel('Ngày bắt đầu')).toHaveValue('19/04/2026');
		await expect(again.getByLabel('Treo băng rôn, khẩu hiệu')).toBeChecked();
		await expect(again.locator('[data-photo]')).toHaveCount(1);
		await expect(again.getByRole('img', { name: /nha-van-hoa\.jpg/ })).toBeVisible();
	});
});

/** The signal drops whenever a report is sent: the browser never gets the server's answer. */
async function cutSending(context: BrowserContext) {
	const unitAddress = (address: URL) => address.pathname.startsWith('/u/');
	await context.route(unitAddress, (route) =>
		route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback()
	);
	return () => context.unroute(unitAddress);
}

/** A one-banner report typed into the unit's form and sent. */
async function sendBannerReport(page: Page, title: string) {
	await page.getByLabel('Treo băng rôn, khẩu hiệu').check();
	await page.getByLabel('Tên hoạt động').fill(title);
	await page.getByLabel('Ngày bắt đầu').fill('21/04/2026');
	await page.getByLabel('Số băng rôn, khẩu hiệu').fill('1');
	await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).tap();
}

test.describe('a report whose sending is cut off, on a 390×844 phone', () => {
	// The page's own outbox, without the service worker (Playwright cannot cut a request a
	// service worker lets through).
	test.use({
		viewport: { width: 390, height: 844 },
		hasTouch: true,
		isMobile: true,
		serviceWorkers: 'block'
	});

	test('keeps what was typed and goes later, once', async ({ page, context }) => {
		await page.goto(`${url()}/u/${shared('TOKEN_WARD')}`);
		const title = `Hội thảo giới thiệu mô hình số hóa — mạng rớt khi gửi ${Date.now()}`;
		// The signal drops at the moment of sending: the browser never gets the answer.
		const restore = await cutSending(context);
		await sendBannerReport(page, title);
		await expect(page.locator('[data-outbox] [data-outbox-count]')).toHaveText('(1)');
		await expect(page.getByText('Đã có lỗi')).toHaveCount(0);
		expect(storedWithTitle(title)).toBe(0);

		await restore();
		await page.getByRole('button', { name: 'Gửi ngay' }).tap();
		await expect(page.locator('[data-outbox]')).toHaveCount(0, { timeout: 15_000 });
		expect(storedWithTitle(title)).toBe(1);
	});

	test('the server stored it but its answer was lost: the page sends again by itself and the report leaves the outbox as received, once', async ({
		page,
		context
	}) => {
		// No service worker (some in-app browsers have none) and no tap: the page's own loop.
		await page.goto(`${url()}/u/${shared('TOKEN_WARD')}`);
		const title = `Treo băng rôn ở nhà văn hóa — câu trả lời bị mất ${Date.now()}`;
		const unitAddress = (address: URL) => address.pathname.startsWith('/u/');
		let lost = 0;
		await context.route(unitAddress, async (route) => {
			if (route.request().method() !== 'POST' || lost > 0) return route.fallback();
			lost += 1;
			// The request reaches the server, which stores the report; its answer never arrives.
			await route.fetch();
			await route.abort('internetdisconnected');
		});
		await sendBannerReport(page, title);
		// Sent again by the page itself with the same key: the server already has it.
		const delivered = page.locator('[data-outcome="delivered"]');
		await expect(delivered).toContainText(title, { timeout: 20_000 });
		await expect(page.locator('[data-outbox]')).toHaveCount(0);
		expect(lost).toBe(1);
		expect(storedWithTitle(title)).toBe(1);
		await expect(page.locator('[data-activity-id]').filter({ hasText: title })).toHaveCount(1);
		await context.unroute(unitAddress);
	});

	test("a waiting report's reason is said in the language the page is shown in, whoever stored it", async ({
		page,
		context
	}) => {
		// The service worker sends queued reports too, and it has no page to take a language from:
		// what is kept is the reason, and each page words it.
		const unitPage = `${url()}/u/${shared('TOKEN_WARD')}`;
		await page.goto(`${unitPage}?lang=vi`);
		const title = `Tọa đàm khởi nghiệp — lý do chờ gửi theo ngôn ngữ ${Date.now()}`;
		const restore = await cutSending(context);
		await sendBannerReport(page, title);
		const outbox = page.locator('[data-outbox]');
		await expect(outbox.locator('[data-outbox-count]')).toHaveText('(1)');
		// Tried again from the outbox, still without a way through: the reason is kept.
		await outbox.getByRole('button', { name: 'Gửi ngay' }).tap();
		await expect(outbox).toContainText('Chưa có mạng hoặc mạng chập chờn');
		// What is kept on the phone — by this page or by the worker, which share the same send — is
		// the reason, in no language.
		const kept = await page.evaluate(
			() =>
				new Promise<unknown[]>((resolve, reject) => {
					const open = indexedDB.open('lantoa');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const read = open.result.transaction('outbox').objectStore('outbox').getAll();
						read.onsuccess = () => resolve(read.result);
						read.onerror = () => reject(read.error);
					};
				})
		);
		expect(kept).toEqual([
			expect.objectContaining({ title, lastProblem: 'no-network', lastError: undefined })
		]);

		await page.goto(`${unitPage}?lang=en`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(outbox.locator('[data-outbox-count]')).toHaveText('(1)');
		await expect(outbox).toContainText(title);
		await expect(outbox).toContainText('No network, or an unsteady one');
		await expect(outbox).not.toContainText('Chưa có mạng');

		await restore();
		await outbox.getByRole('button', { name: 'Send now' }).tap();
		await expect(outbox).toHaveCount(0, { timeout: 15_000 });
		expect(storedWithTitle(title)).toBe(1);
	});

	test('the network drops just after the page connected: the page stays, nothing reloads it', async ({
		page,
		context
	}) => {
		// On (re)connecting, the page reloads its list of reports (a decision made meanwhile shows).
		// Done while the network is gone, SvelteKit answers the failed reload of the data by
		// reloading the whole page — into the browser's offline error, the form gone (seen in CI:
		// the refused-report test below found its form detached, again and again).
		const connected = page.waitForEvent('websocket');
		await page.goto(`${url()}/u/${shared('TOKEN_WARD')}`);
		await connected;
		await context.setOffline(true);
		await page.waitForTimeout(1500);
		await expect(page.getByLabel('Treo băng rôn, khẩu hiệu')).toBeVisible();
		await page.getByLabel('Treo băng rôn, khẩu hiệu').check();
		expect(page.url()).toBe(`${url()}/u/${shared('TOKEN_WARD')}`);
		await context.setOffline(false);
	});

	test('a report the server refuses is not retried: its reasons show, and it goes back into the form', async ({
		page,
		context
	}) => {
		await page.goto(`${url()}/u/${shared('TOKEN_WARD')}`);
		const title = `Treo khẩu hiệu ở trường bản — quên ngày ${Date.now()}`;
		await context.setOffline(true);
		await page.getByLabel('Treo băng rôn, khẩu hiệu').check();
		await page.getByLabel('Tên hoạt động').fill(title);
		await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).tap();
		await expect(page.locator('[data-outbox] [data-outbox-count]')).toHaveText('(1)');

		await context.setOffline(false);
		const item = page.locator('[data-outbox-item]');
		await expect(item).toHaveAttribute('data-state', 'refused', { timeout: 15_000 });
		await expect(item).toContainText('Máy chủ không nhận');
		await expect(item).toContainText('ngày bắt đầu');
		// Not sent again by itself.
		await page.waitForTimeout(6_000);
		await expect(item).toHaveAttribute('data-state', 'refused');
		expect(storedWithTitle(title)).toBe(0);

		await item.getByRole('button', { name: 'Sửa và gửi lại' }).tap();
		await expect(page.locator('[data-outbox]')).toHaveCount(0);
		await expect(page.getByLabel('Tên hoạt động')).toHaveValue(title);
		await expect(page.getByLabel('Treo băng rôn, khẩu hiệu')).toBeChecked();
		await page.getByLabel('Ngày bắt đầu').fill('23/04/2026');
		await page.getByLabel('Số băng rôn, khẩu hiệu').fill('2');
		await page.getByRole('button', { name: 'Gửi báo cáo hoạt động' }).tap();
		await expect(page.locator('[data-outcome="created"]')).toContainText(title);
		expect(storedWithTitle(title)).toBe(1);
	});
});

test('"Quên thiết bị này" on a shared phone leaves nothing of the unit behind: kept pages, draft, outbox', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	const token = shared('TOKEN_WARD');
	await page.goto(`${url()}/u/${token}`);
	const keptPages = () =>
		page.evaluate(async (secret) => {
			const names = await caches.keys();
			const kept: string[] = [];
			for (const name of names) {
				for (const request of await (await caches.open(name)).keys()) {
					if (request.url.includes(secret)) kept.push(request.url);
				}
			}
			return kept;
		}, token);
	const databases = () =>
		page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
	// What a shared phone would keep: the page (by the service worker) and a draft.
	await expect.poll(keptPages, { timeout: 30_000 }).not.toEqual([]);
	await page.getByLabel('Tên hoạt động').fill('Bản nháp trên máy mượn');
	await expect.poll(databases).toContain('lantoa');

	await page.getByRole('button', { name: 'Quên thiết bị này' }).click();
	const question = page.getByRole('alertdialog', {
		name: 'Xóa mọi dữ liệu của đơn vị trên máy này?'
	});
	await expect(question).toBeFocused();
	await page.screenshot({ path: test.info().outputPath('forget-device-390x844.png') });
	await question.getByRole('button', { name: 'Xóa và rời trang' }).click();
	await page.waitForURL(`${url()}/?da-quen-thiet-bi=1`);
	await expect(page.locator('[data-forgotten]')).toContainText('Đã xóa dữ liệu của đơn vị');
	expect(await keptPages()).toEqual([]);
	expect(await databases()).not.toContain('lantoa');
	await context.close();
});
