import { expect, test } from '@playwright/test';
import { TEST_ADMIN } from '../helpers/server';

const url = () => process.env.LANTOA_E2E_URL!;

test('a unit sends its final report; the dashboard’s completeness moves without reload', async ({
	browser
}) => {
	const dashboard = await (
		await browser.newContext({ viewport: { width: 1440, height: 900 } })
	).newPage();
	await dashboard.goto(`${url()}/login?next=%2Fdashboard`);
	await dashboard.getByLabel('Tên đăng nhập').fill(TEST_ADMIN.username);
	await dashboard.getByLabel('Mật khẩu').fill(TEST_ADMIN.password);
	await dashboard.getByRole('button', { name: 'Đăng nhập' }).click();
	await dashboard.waitForURL(`${url()}/dashboard`);
	await expect(dashboard.locator('[data-status="live"]')).toBeVisible();
	const late = dashboard.locator('tfoot [data-completeness="reportedLate"]');
	const before = Number(await late.textContent());
	await expect(dashboard.locator('[data-missing-unit="03388"]')).toBeVisible();

	const unit = await (
		await browser.newContext({ viewport: { width: 390, height: 844 } })
	).newPage();
	await unit.goto(`${url()}/u/${process.env.LANTOA_E2E_TOKEN_WARD}`);
	await unit.getByLabel('Tóm tắt kết quả hưởng ứng của đơn vị').fill('Ngắn');
	await unit.getByRole('button', { name: 'Gửi báo cáo kết quả' }).click();
	await expect(unit.locator('#summary-error')).toContainText('ít nhất 20 ký tự');

	await unit
		.getByLabel('Tóm tắt kết quả hưởng ứng của đơn vị')
		.fill(
			'Phường Đoàn Kết đã treo băng rôn, đăng tin trên mạng xã hội và phát động phong trào sáng kiến.'
		);
	await unit.getByRole('button', { name: 'Gửi báo cáo kết quả' }).click();
	await expect(
		unit.getByRole('status').filter({ hasText: 'Đã gửi báo cáo kết quả' })
	).toContainText('(muộn)');

	await expect(late).toHaveText(String(before + 1));
	await expect(dashboard.locator('[data-missing-unit="03388"]')).toHaveCount(0);
});
