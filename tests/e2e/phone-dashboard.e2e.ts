import { expect, test } from '@playwright/test';
import { signedInPage } from '../helpers/browser';
import { shared } from './shared';

const url = () => shared('URL');

test('a leader on a 390×844 phone: KPIs in two columns, nothing cut, wide tables scroll in their card', async ({
	browser
}, testInfo) => {
	const page = await signedInPage(browser, url(), '/dashboard');
	await expect(page.locator('[data-status="live"]')).toBeVisible();
	await page.screenshot({ path: testInfo.outputPath('dashboard-390x844.png') });

	// The page itself never scrolls sideways.
	expect(
		await page.evaluate(
			() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth
		)
	).toBe(0);

	// KPIs two by two, each label and number whole.
	const kpis = page.locator('[data-kpi]');
	const [first, second] = [await kpis.nth(0).boundingBox(), await kpis.nth(1).boundingBox()];
	expect(Math.abs(first!.y - second!.y)).toBeLessThan(2);
	expect(second!.x).toBeGreaterThan(first!.x + first!.width - 1);
	const cut = await kpis.evaluateAll((cards) =>
		cards.flatMap((card) =>
			[...card.querySelectorAll('*')]
				.filter((element) => element.scrollWidth > element.clientWidth + 1)
				.map((element) => element.textContent)
		)
	);
	expect(cut).toEqual([]);

	// Every chart is drawn at a readable size, the doughnut by form too (it was 5.7 px wide, only
	// its figures showed).
	const charts = await page
		.locator('.card canvas')
		.evaluateAll((canvases) => canvases.map((canvas) => canvas.getBoundingClientRect().width));
	expect(charts.length).toBeGreaterThanOrEqual(3);
	for (const width of charts) expect(width).toBeGreaterThanOrEqual(200);
	const doughnut = page.locator('section[aria-labelledby="by-type"] canvas');
	expect((await doughnut.boundingBox())!.height).toBeGreaterThanOrEqual(150);

	// Each group's name on one line, its figures below.
	for (const name of await page.locator('.figures.groups th').all()) {
		const box = (await name.boundingBox())!;
		expect(box.height, (await name.textContent()) ?? '').toBeLessThan(32);
	}

	// The unit × form table scrolls inside its card; unit names stay readable beside the figures.
	const scroller = page.locator('.scroll').filter({ has: page.locator('th[scope="row"]') });
	await scroller.scrollIntoViewIfNeeded();
	const sizes = await scroller.evaluate((element) => ({
		scroll: element.scrollWidth,
		client: element.clientWidth
	}));
	expect(sizes.scroll).toBeGreaterThan(sizes.client);
	const unitCell = scroller.locator('tbody th[scope="row"]').first();
	expect((await unitCell.boundingBox())!.width).toBeGreaterThanOrEqual(150);
	await scroller.evaluate((element) => (element.scrollLeft = element.scrollWidth));
	// Scrolled to the last column, the unit's name is still in view (sticky).
	const cellBox = (await unitCell.boundingBox())!;
	const scrollerBox = (await scroller.boundingBox())!;
	expect(cellBox.x).toBeGreaterThanOrEqual(scrollerBox.x - 1);
	await page.screenshot({ path: testInfo.outputPath('dashboard-table-390x844.png') });
});
