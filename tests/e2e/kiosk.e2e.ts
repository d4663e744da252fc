import { expect, test, type Page } from '@playwright/test';
import { startServer, TEST_ADMIN } from '../helpers/server';
import { signedInPage } from '../helpers/browser';
import { shared } from './shared';

const url = () => shared('URL');

async function activitiesOnScreen(page: Page): Promise<number> {
	const text = await page.locator('[data-tally="activities"] .num').textContent();
	return Number((text ?? '').replace(/\D/g, ''));
}

async function submit(base: string, token: string, title: string) {
	const response = await fetch(`${base}/api/v1/activities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ type: 'movement', title, startDate: '2026-04-22' })
	});
	expect(response.status).toBe(201);
}

test('the kiosk says it is stale while the server is down and heals itself after a restart', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const server = await startServer();
	try {
		const token = await server.issueToken('SO-KHCN');
		const page = await (
			await browser.newContext({ viewport: { width: 1920, height: 1080 } })
		).newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`${server.url}/kiosk?slides=tallies&reload=off`);
		await expect(page.locator('.kiosk')).toHaveAttribute('data-stale', 'false');
		const before = await activitiesOnScreen(page);

		await server.stop();
		// Still the last numbers, and after ~10 s an honest flag with their time.
		const flag = page.locator('[data-stale-flag]');
		await expect(flag).toBeVisible({ timeout: 15_000 });
		await expect(flag).toHaveText(/^Mất kết nối — số liệu lúc \d{2}:\d{2}$/);
		expect(await activitiesOnScreen(page)).toBe(before);

		await server.start();
		const restarted = Date.now();
		await submit(server.url, token, 'Phát động phong trào sáng kiến sau khi máy chủ khởi động lại');
		await expect
			.poll(() => activitiesOnScreen(page), { timeout: 5_000, intervals: [100] })
			.toBe(before + 1);
		expect(Date.now() - restarted).toBeLessThan(5_000);
		await expect(flag).toHaveCount(0);
		expect(errors).toEqual([]);
	} finally {
		await server.cleanup();
	}
});

const SLIDE_CHECKS: Record<string, string[]> = {
	hero: ['.slogan'],
	themes: ['.themes li'],
	tallies: ['[data-tally]'],
	forms: ['[data-kiosk-type]', '.bars .label', '.bars .bar'],
	groups: ['[data-kiosk-group]', '.bars .label', '.bars .detail'],
	latest: ['.latest h2', '.latest li:first-child'],
	qr: ['.qr img', '.qr h2'],
	overview: ['.slogan', '[data-tally]', '.bars li', '.latest h2']
};

for (const size of [
	{ width: 1280, height: 720 },
	{ width: 1920, height: 1080 },
	{ width: 3840, height: 2160 },
	{ width: 1080, height: 1920 }
]) {
	test(`every kiosk slide fits ${size.width}×${size.height}, nothing clipped or scrolling`, async ({
		browser
	}, testInfo) => {
		const page = await (await browser.newContext({ viewport: size })).newPage();
		for (const [slide, selectors] of Object.entries(SLIDE_CHECKS)) {
			await page.goto(`${url()}/kiosk?slides=${slide}&reload=off`);
			await expect(page.locator('.kiosk')).toHaveAttribute('data-slide', slide);
			if (slide === 'qr') {
				// The code itself loaded (an image the server refused would leave an empty frame).
				await expect
					.poll(() => page.locator('.qr img').evaluate((img: HTMLImageElement) => img.naturalWidth))
					.toBeGreaterThan(0);
			}
			for (const selector of selectors) {
				const boxes = await page.locator(selector).evaluateAll((elements) =>
					elements.map((element) => {
						const rect = element.getBoundingClientRect();
						return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
					})
				);
				// Inside the slide area, which lies between the header and the footer.
				const stage = await page
					.locator('.stage')
					.evaluate((element) => element.getBoundingClientRect().toJSON());
				const where = `${slide} ${selector}`;
				expect(boxes.length, where).toBeGreaterThan(0);
				for (const box of boxes) {
					expect(box.left, where).toBeGreaterThanOrEqual(Math.max(0, stage.left - 1));
					expect(box.top, where).toBeGreaterThanOrEqual(Math.max(0, stage.top - 1));
					expect(box.right, where).toBeLessThanOrEqual(Math.min(size.width, stage.right + 1));
					expect(box.bottom, where).toBeLessThanOrEqual(Math.min(size.height, stage.bottom + 1));
				}
			}
			const scroll = await page.evaluate(() => {
				const root = document.scrollingElement!;
				return {
					x: root.scrollWidth - root.clientWidth,
					y: root.scrollHeight - root.clientHeight
				};
			});
			expect(scroll, slide).toEqual({ x: 0, y: 0 });
			// Nothing is cut inside its own box (a slogan or a number cut in half).
			const clipped = await page.evaluate(() =>
				[...document.querySelectorAll('.kiosk .slogan, .kiosk [data-tally] strong, .themes li')]
					.filter((element) => {
						// Wider than its box, or spilling out of the slide area (which clips).
						const stage = document.querySelector('.stage')!.getBoundingClientRect();
						const box = element.getBoundingClientRect();
						return (
							element.scrollWidth > element.clientWidth + 1 ||
							box.top < stage.top - 1 ||
							box.bottom > stage.bottom + 1
						);
					})
					.map((element) => element.textContent)
			);
			expect(clipped, slide).toEqual([]);
			await page.locator('.slide').evaluate((slide) =>
				// An animation cancelled meanwhile (AbortError) has nothing left to wait for.
				Promise.all(slide.getAnimations().map((a) => a.finished.catch(() => undefined)))
			);
			await page.screenshot({
				path: testInfo.outputPath(`kiosk-${slide}-${size.width}x${size.height}.png`)
			});
		}
	});
}

// The longest title a unit may type (200 characters), in capitals, and an unbreakable run.
const LONGEST_TITLES = [
	'HỘI THẢO KHOA HỌC VÀ TRIỂN LÃM SẢN PHẨM ĐỔI MỚI SÁNG TẠO, CHUYỂN ĐỔI SỐ CỦA CÁC XÃ VÙNG CAO, ' +
		'PHƯỜNG VÀ DOANH NGHIỆP TRÊN ĐỊA BÀN TỈNH LAI CHÂU NHÂN NGÀY SÁNG TẠO THẾ GIỚI 21/4/2026 MỞ RỘNG'
].map((title) => title.padEnd(200, 'Ư').slice(0, 200));
LONGEST_TITLES.push('W'.repeat(200));

for (const size of [
	{ width: 1280, height: 720 },
	{ width: 1920, height: 1080 },
	{ width: 3840, height: 2160 },
	{ width: 1080, height: 1920 }
]) {
	test(`the "Mới" band with the longest title never widens the kiosk at ${size.width}×${size.height}`, async ({
		browser
	}, testInfo) => {
		const page = await (await browser.newContext({ viewport: size })).newPage();
		for (const slide of ['tallies', 'overview']) {
			for (const [index, title] of LONGEST_TITLES.entries()) {
				await page.goto(`${url()}/kiosk?slides=${slide}&reload=off`);
				await expect(page.locator('.kiosk')).toHaveAttribute('data-live', 'live');
				// The burn-in drift at its largest, towards the right and the bottom, then the other way.
				const drift = index % 2 === 0 ? 6 : -6;
				await page.locator('.kiosk').evaluate((kiosk: HTMLElement, px) => {
					kiosk.style.transition = 'none';
					kiosk.style.setProperty('--drift-x', `${px}px`);
					kiosk.style.setProperty('--drift-y', `${px}px`);
				}, drift);
				// The band shows for 6 s. It is measured in the page itself, the moment it appears —
				// no round trip between, which on a busy machine at 4K once took longer than the band
				// stays.
				const measured = page.evaluate(async (title) => {
					const find = () =>
						[...document.querySelectorAll<HTMLElement>('[data-arrived]')].find(
							(band) => band.querySelector('.what')?.textContent === title
						);
					const band =
						find() ??
						(await new Promise<HTMLElement>((resolve) => {
							const observer = new MutationObserver(() => {
								const found = find();
								if (!found) return;
								observer.disconnect();
								resolve(found);
							});
							observer.observe(document.body, {
								childList: true,
								subtree: true,
								characterData: true
							});
						}));
					// Its entrance brought to its end at once, and measured in the same moment: nothing
					// to wait for, so a slow machine cannot let the band go first.
					for (const animation of band.getAnimations()) animation.finish();
					const box = (selector: string) =>
						[...document.querySelectorAll(selector)].map((e) => e.getBoundingClientRect().toJSON());
					const kiosk = document.querySelector('.kiosk')!;
					const root = document.scrollingElement!;
					return {
						visible: band.checkVisibility(),
						overflow: {
							page: root.scrollWidth - root.clientWidth,
							kiosk: kiosk.scrollWidth - kiosk.clientWidth
						},
						boxes: {
							clock: box('.clock'),
							tallies: box('[data-tally]'),
							numbers: box('[data-tally] strong, .bars strong'),
							band: [band.getBoundingClientRect().toJSON()],
							dots: box('.dots')
						}
					};
				}, title);
				await submit(url(), shared('TOKEN_SO_YT'), title);
				const layout = await measured;

				const where = `${slide} ${size.width}×${size.height} drift ${drift}`;
				expect(layout.visible, where).toBe(true);
				expect(layout.overflow, where).toEqual({ page: 0, kiosk: 0 });
				for (const [name, boxes] of Object.entries(layout.boxes)) {
					if (name !== 'dots' && name !== 'numbers')
						expect(boxes.length, `${where} ${name}`).toBeGreaterThan(0);
					for (const b of boxes) {
						expect(b.left, `${where} ${name}`).toBeGreaterThanOrEqual(0);
						expect(b.top, `${where} ${name}`).toBeGreaterThanOrEqual(0);
						expect(b.right, `${where} ${name}`).toBeLessThanOrEqual(size.width);
						expect(b.bottom, `${where} ${name}`).toBeLessThanOrEqual(size.height);
					}
				}
				await page.screenshot({
					path: testInfo.outputPath(`kiosk-band-${slide}-${index}-${size.width}x${size.height}.png`)
				});
			}
		}
	});
}

test('slides rotate at the chosen interval and the settings come from the URL', async ({
	browser
}) => {
	const page = await (
		await browser.newContext({ viewport: { width: 1280, height: 720 } })
	).newPage();
	await page.goto(`${url()}/kiosk?slides=hero,tallies&interval=5&theme=light&reload=off`);
	const kiosk = page.locator('.kiosk');
	await expect(kiosk).toHaveAttribute('data-slide', 'hero');
	await expect(kiosk).toHaveClass(/theme-light/);
	await expect(kiosk).toHaveAttribute('data-slide', 'tallies', { timeout: 7_000 });
	await expect(kiosk).toHaveAttribute('data-slide', 'hero', { timeout: 7_000 });

	// A mistyped setting is skipped and said on screen, in Vietnamese, for the technician.
	await page.goto(`${url()}/kiosk?slides=tallies,khong-co&interval=1&reload=off`);
	await expect(kiosk).toHaveAttribute('data-slide', 'tallies');
	await expect(page.locator('[data-kiosk-problems]')).toContainText(
		'Không có trang chiếu: khong-co'
	);
	await expect(page.locator('[data-kiosk-problems]')).toContainText('từ 5 đến 300');

	// A unit's own event: its name and its numbers.
	await page.goto(`${url()}/kiosk?slides=tallies&unit=SO-YT&reload=off`);
	await expect(page.locator('.issuer')).toHaveText('Sở Y tế tỉnh Lai Châu');
	await expect(page.locator('[data-tally="activities"] span').last()).toHaveText(
		'hoạt động của đơn vị'
	);
});

test('the public page the QR code opens: live tallies on a phone, approved highlights, no sideways scroll', async ({
	browser
}) => {
	const page = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await page.goto(`${url()}/`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Nhiệt liệt chào mừng');
	await expect(page.locator('[data-status="live"]')).toBeVisible();
	const tally = page.locator('[data-public-tally="activities"] .num');
	const before = Number(await tally.getAttribute('data-value'));
	await submit(url(), shared('TOKEN_SO_YT'), 'Phong trào sáng kiến xem trên điện thoại');
	await expect(tally).toHaveAttribute('data-value', String(before + 1));
	await expect(tally).toHaveText(String(before + 1));
	await expect(page.locator('#latest ~ ul')).toContainText(
		'Phong trào sáng kiến xem trên điện thoại'
	);
	const sideways = await page.evaluate(
		() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth
	);
	expect(sideways).toBe(0);
});

test('a new slogan saved by an administrator reaches the kiosk without touching the TV', async ({
	browser
}) => {
	const kiosk = await (
		await browser.newContext({ viewport: { width: 1280, height: 720 } })
	).newPage();
	await kiosk.goto(`${url()}/kiosk?slides=hero&reload=off`);
	await expect(kiosk.locator('.kiosk')).toHaveAttribute('data-live', 'live');
	const admin = await (await browser.newContext()).newPage();
	await admin.goto(`${url()}/login?next=%2Fadmin%2Fsettings`);
	await admin.getByLabel('Tên đăng nhập').fill(TEST_ADMIN.username);
	await admin.getByLabel('Mật khẩu').fill(TEST_ADMIN.password);
	await admin.getByRole('button', { name: 'Đăng nhập' }).click();
	await admin.waitForURL(`${url()}/admin/settings`);
	const slogan = admin.locator('input[name="slogan"]');
	const original = await slogan.inputValue();
	try {
		await slogan.fill('Sáng tạo để phát triển - Lai Châu hưởng ứng 21/4');
		await admin.getByRole('button', { name: 'Lưu thiết lập' }).click();
		await expect(admin.getByText('Đã lưu thiết lập.')).toBeVisible();
		await expect(kiosk.locator('.slogan')).toHaveText(
			'Sáng tạo để phát triển - Lai Châu hưởng ứng 21/4'
		);
	} finally {
		await slogan.fill(original);
		await admin.getByRole('button', { name: 'Lưu thiết lập' }).click();
		await expect(kiosk.locator('.slogan')).toHaveText(original);
	}
});

test('when the server comes back running a new build, the kiosk reloads itself once', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const server = await startServer();
	try {
		const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
		const page = await context.newPage();
		// After the restart, the server's hello claims another build (as after a deploy): the
		// handshake's packets are rewritten on their way to the page, whichever transport carries them.
		let deployed = false;
		const rewrite = (text: string) =>
			deployed ? text.replace(/("build":")[^"]+"/g, '$1ban-moi"') : text;
		await page.route('**/socket.io/**', async (route) => {
			try {
				const response = await route.fetch();
				await route.fulfill({ response, body: rewrite(await response.text()) });
			} catch {
				await route.abort('connectionrefused').catch(() => {});
			}
		});
		await page.routeWebSocket('**/socket.io/**', (ws) => {
			const upstream = ws.connectToServer();
			upstream.onMessage((message) =>
				ws.send(typeof message === 'string' ? rewrite(message) : message)
			);
		});
		let loads = 0;
		page.on('load', () => loads++);
		await page.goto(`${server.url}/kiosk?slides=tallies&reload=off`);
		await expect(page.locator('.kiosk')).toHaveAttribute('data-live', 'live');
		expect(loads).toBe(1);

		await server.stop();
		deployed = true;
		await server.start();
		await expect.poll(() => loads, { timeout: 15_000 }).toBe(2);
		await expect(page.locator('.kiosk')).toHaveAttribute('data-live', 'live');
		// The reloaded page takes the new build as its own: no second reload.
		await page.waitForTimeout(3000);
		expect(loads).toBe(2);
	} finally {
		await server.cleanup();
	}
});

test("each group's bar is its own share of the group's units, and a group at zero draws nothing", async ({
	browser
}) => {
	// A server of its own: which groups have reported must be known, whatever ran before.
	const server = await startServer();
	try {
		// Departments and sectors: 2 of 21 units report (a small share); the front and localities: none.
		for (const code of ['SO-KHCN', 'SO-YT']) {
			await submit(server.url, await server.issueToken(code), `Phong trào sáng kiến ${code}`);
		}
		const page = await (
			await browser.newContext({ viewport: { width: 1920, height: 1080 } })
		).newPage();
		await page.goto(`${server.url}/kiosk?slides=groups&reload=off`);
		await expect(page.locator('.kiosk')).toHaveAttribute('data-slide', 'groups');
		const stats = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as {
			byGroup: Record<string, { units: number; unitsReported: number }>;
		};
		// The bars grow into place; measure once no transition runs.
		await expect
			.poll(() =>
				page.locator('.bars').evaluate((bars) => bars.getAnimations({ subtree: true }).length)
			)
			.toBe(0);
		const rows = await page.locator('.bars li').evaluateAll((items) =>
			items.map((item) => {
				const fill = item.querySelector('.fill');
				const track = item.querySelector('.bar')!.getBoundingClientRect().width;
				return {
					group: item.querySelector('[data-kiosk-group]')!.getAttribute('data-kiosk-group')!,
					drawn: fill ? fill.getBoundingClientRect().width / track : null
				};
			})
		);
		expect(rows.map((row) => row.group).sort()).toEqual(Object.keys(stats.byGroup).sort());
		const reportedGroups = rows.filter((row) => stats.byGroup[row.group].unitsReported > 0);
		expect(reportedGroups.map((row) => row.group)).toEqual(['sectors']);
		for (const row of rows) {
			const { units, unitsReported } = stats.byGroup[row.group];
			// What a viewer reads: 2/21 draws a tenth of its track, not the whole of it.
			if (unitsReported === 0) expect(row.drawn, row.group).toBeNull();
			else expect(row.drawn!, row.group).toBeCloseTo(unitsReported / units, 2);
		}
		// The dashboard draws and says the same shares.
		const dashboard = await signedInPage(browser, server.url, '/dashboard', {
			viewport: { width: 1440, height: 900 }
		});
		const figures = dashboard.locator('.figures.groups');
		await expect(figures).toContainText('2/21 đơn vị (10%)');
		await expect(figures).toContainText('0/1 đơn vị (0%)');
		await expect(figures).toContainText('0/38 đơn vị (0%)');
	} finally {
		await server.cleanup();
	}
});
