import { expect, test, type Page } from '@playwright/test';
import { startServer } from '../helpers/server';

const url = () => process.env.LANTOA_E2E_URL!;

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
	test.setTimeout(120_000);
	const server = await startServer();
	try {
		const token = await server.issueToken('SO-KHCN');
		const page = await (
			await browser.newContext({ viewport: { width: 1920, height: 1080 } })
		).newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`${server.url}/kiosk?reload=off`);
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

for (const size of [
	{ width: 1280, height: 720 },
	{ width: 1920, height: 1080 },
	{ width: 3840, height: 2160 },
	{ width: 1080, height: 1920 }
]) {
	test(`the kiosk fits ${size.width}×${size.height} with nothing clipped or scrolling`, async ({
		browser
	}, testInfo) => {
		const page = await (await browser.newContext({ viewport: size })).newPage();
		await page.goto(`${url()}/kiosk?reload=off`);
		await expect(page.locator('[data-tally="activities"]')).toBeVisible();
		const inside = async (selector: string) => {
			const boxes = await page.locator(selector).evaluateAll((elements) =>
				elements.map((element) => {
					const rect = element.getBoundingClientRect();
					return { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
				})
			);
			expect(boxes.length, selector).toBeGreaterThan(0);
			for (const box of boxes) {
				expect(box.left, selector).toBeGreaterThanOrEqual(0);
				expect(box.top, selector).toBeGreaterThanOrEqual(0);
				expect(box.right, selector).toBeLessThanOrEqual(size.width);
				expect(box.bottom, selector).toBeLessThanOrEqual(size.height);
			}
		};
		await inside('.slogan');
		await inside('[data-tally]');
		await inside('[data-kiosk-type]');
		const scroll = await page.evaluate(() => {
			const root = document.scrollingElement!;
			return {
				x: root.scrollWidth - root.clientWidth,
				y: root.scrollHeight - root.clientHeight
			};
		});
		expect(scroll).toEqual({ x: 0, y: 0 });
		// Nothing inside overflows its own box either (text cut in half).
		const clipped = await page.evaluate(() =>
			[...document.querySelectorAll('.kiosk .slogan, .kiosk [data-tally] .num')]
				.filter((element) => element.scrollWidth > element.clientWidth + 1)
				.map((element) => element.textContent)
		);
		expect(clipped).toEqual([]);
		await page.screenshot({ path: testInfo.outputPath(`kiosk-${size.width}x${size.height}.png`) });
	});
}
