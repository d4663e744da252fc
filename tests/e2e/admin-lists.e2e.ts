import { expect, test } from '@playwright/test';
import { signedInPage } from '../helpers/browser';
import { shared } from './shared';

const url = () => shared('URL');

test('Admin → Đơn vị finds units typed without accents, as the review list does', async ({
	browser
}) => {
	const page = await signedInPage(browser, url(), '/admin/units', {
		viewport: { width: 1440, height: 900 }
	});
	const search = page.getByLabel('Tìm đơn vị');
	const shown = page.locator('tbody tr[data-unit]');
	await expect(shown.first()).toBeVisible();
	const all = await shown.count();
	for (const [term, expected] of [
		['muong', 'Xã Mường Kim'],
		['tan phong', 'Phường Tân Phong'],
		['y te', 'Sở Y tế tỉnh Lai Châu'],
		['MƯỜNG KIM', 'Xã Mường Kim']
	] as const) {
		await search.fill(term);
		await expect(shown.filter({ hasText: expected }), term).toHaveCount(1);
	}
	await search.fill('muong');
	await expect(shown.filter({ hasText: 'Xã Mường Kim' })).toHaveCount(1);
	await expect(shown.filter({ hasText: 'Sở Y tế' })).toHaveCount(0);
	expect(await shown.count()).toBeLessThan(all);
	await search.fill('khong co don vi nay');
	await expect(shown).toHaveCount(0);
});

async function report(body: Record<string, unknown>): Promise<number> {
	const response = await fetch(`${url()}/api/v1/activities`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${shared('TOKEN_WARD')}`,
			'Content-Type': 'application/json'
		},
		body: JSON.stringify({ type: 'banner', startDate: '2026-04-25', quantity: 1, ...body })
	});
	expect(response.status).toBe(201);
	return ((await response.json()) as { id: number }).id;
}

test('the review list: a long description opens on demand; likely duplicates are flagged, and said before a bulk approval', async ({
	browser
}) => {
	const stamp = Date.now();
	const long =
		`Báo cáo chi tiết ${stamp}. ` + 'Nội dung hoạt động được mô tả rất dài. '.repeat(120);
	const longId = await report({ title: `Mô tả dài ${stamp}`, description: long.trim() });
	const title = `Treo băng rôn tại nhà văn hóa phường ${stamp}`;
	const same = [
		await report({ title }),
		await report({ title }),
		await report({ title: `${title}.` })
	];

	const page = await signedInPage(browser, url(), `/admin/moderation?q=${stamp}`, {
		viewport: { width: 1440, height: 900 }
	});
	// The long one shows a few lines and a way to open it.
	const card = page.locator(`article[data-activity-id="${longId}"]`);
	const description = card.locator('.description');
	const more = card.getByRole('button', { name: /Xem toàn bộ mô tả/ });
	await expect(more).toHaveAttribute('aria-expanded', 'false');
	const clamped = (await description.boundingBox())!.height;
	expect(clamped).toBeLessThan(140);
	await page.screenshot({ path: test.info().outputPath('review-clamped-1440.png') });
	await more.click();
	await expect(card.getByRole('button', { name: 'Thu gọn mô tả' })).toHaveAttribute(
		'aria-expanded',
		'true'
	);
	expect((await description.boundingBox())!.height).toBeGreaterThan(clamped * 3);

	// Each of the three names the other two.
	for (const id of same) {
		const warning = page.locator(`article[data-activity-id="${id}"] [data-duplicate-of]`);
		await expect(warning).toContainText('Có thể trùng');
		const others = same.filter((other) => other !== id).map(String);
		expect((await warning.getAttribute('data-duplicate-of'))!.split(' ').sort()).toEqual(
			others.sort()
		);
	}
	await expect(card.locator('[data-duplicate-of]')).toHaveCount(0);

	// Ticked together for approval: the page says so first, and nothing is approved yet.
	for (const id of same) await page.locator(`[data-pick="${id}"]`).check();
	await page
		.getByRole('button', { name: /Duyệt \d+ hoạt động đã chọn|Duyệt các hoạt động đã chọn/ })
		.click();
	const question = page.locator('[data-confirm-duplicates]');
	await expect(question).toBeFocused();
	await expect(question).toContainText('3 trong 3 hoạt động đã chọn có thể trùng nhau');
	await page.screenshot({ path: test.info().outputPath('review-duplicates-1440.png') });
	// The ticks are kept while the question is asked.
	for (const id of same) await expect(page.locator(`[data-pick="${id}"]`)).toBeChecked();
	for (const id of same) {
		await expect(page.locator(`article[data-activity-id="${id}"]`)).toHaveAttribute(
			'data-status',
			'pending'
		);
	}
	await question.getByRole('button', { name: 'Vẫn duyệt tất cả' }).click();
	await expect(page.locator('[data-bulk-result]')).toContainText('3');
	for (const id of same) {
		await expect(page.locator(`article[data-activity-id="${id}"]`)).toHaveCount(0);
	}
});
