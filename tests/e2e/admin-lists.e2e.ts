import { expect, test } from '@playwright/test';
import { signedInPage } from '../helpers/browser';

const url = () => process.env.LANTOA_E2E_URL!;

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
