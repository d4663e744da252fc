import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { postReport } from '../helpers/photos';
import { shared } from './shared';

// Issue 12: a public activity's first photo on the event screen, beside its title, at the
// kiosk's usual sizes; the photo itself is served to anyone (the activity is public).

const url = () => shared('URL');

for (const size of [
	{ width: 1280, height: 720 },
	{ width: 1920, height: 1080 }
]) {
	test(`the kiosk shows a public activity's photo beside its title at ${size.width}×${size.height}`, async ({
		browser
	}, testInfo) => {
		const title = `Hội chợ sáng tạo của thanh niên phường (${size.width}) ${Date.now()}`;
		const photo = await sharp({
			create: { width: 1600, height: 1200, channels: 3, background: { r: 20, g: 110, b: 70 } }
		})
			.composite([
				{
					input: {
						create: { width: 700, height: 300, channels: 3, background: { r: 250, g: 215, b: 60 } }
					},
					left: 450,
					top: 450
				}
			])
			.jpeg()
			.toBuffer();
		const sent = await postReport(
			url(),
			shared('TOKEN_WARD'),
			{ type: 'event', title, startDate: '2026-04-21', format: 'exhibition', mode: 'onsite' },
			[{ name: 'hoi-cho.jpg', type: 'image/jpeg', bytes: photo }]
		);
		expect(sent.status).toBe(200);

		const page = await (await browser.newContext({ viewport: size })).newPage();
		await page.goto(`${url()}/kiosk?slides=latest&reload=off`);
		const item = page.locator('.latest li', { hasText: title });
		await expect(item).toBeVisible();
		const cover = await item.evaluate(
			(li) => getComputedStyle(li, '::before').backgroundImage.match(/url\("?([^")]+)"?\)/)?.[1]
		);
		expect(cover).toMatch(/\/photos\/\d+\/[0-9a-f]{64}-nho\.jpg$/);
		// Anyone may load it: the activity is public.
		const response = await page.request.get(cover!);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('image/jpeg');
		await page.screenshot({ path: testInfo.outputPath(`kiosk-photo-${size.width}.png`) });
		await page.context().close();
	});
}

test.describe('photos of a report already sent, on a 390×844 phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('a unit adds a photo taken after the event, then takes it away', async ({
		page
	}, testInfo) => {
		const token = shared('TOKEN_WARD');
		const title = `Tọa đàm đã báo cáo, ảnh gửi bổ sung ${Date.now()}`;
		const sent = await postReport(
			url(),
			token,
			{ type: 'movement', title, startDate: '2026-04-23', quantity_movement: '2' },
			[]
		);
		expect(sent.status).toBe(200);
		await page.goto(`${url()}/u/${token}`);
		await page
			.locator('[data-activity-id]', { hasText: title })
			.getByRole('link', { name: /Sửa/ })
			.tap();
		await expect(page.getByRole('heading', { name: 'Ảnh minh chứng (0/5)' })).toBeVisible();

		const photo = await sharp({
			create: { width: 3000, height: 2000, channels: 3, background: { r: 150, g: 40, b: 40 } }
		})
			.jpeg()
			.toBuffer();
		await page
			.locator('#photos')
			.setInputFiles({ name: 'IMG_2001.JPG', mimeType: 'image/jpeg', buffer: photo });
		await expect(page.locator('[data-photo]')).toHaveCount(1);
		await page.getByRole('button', { name: 'Lưu ảnh đã chọn' }).tap();
		await expect(page.getByRole('status').filter({ hasText: 'Đã lưu ảnh' })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Ảnh minh chứng (1/5)' })).toBeVisible();
		const thumbnail = page.getByRole('img', { name: /Ảnh 1 của hoạt động/ });
		await expect
			.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth))
			.toBe(320);
		await page.screenshot({ path: testInfo.outputPath('edit-photos-390x844.png') });

		// A file that is not a photo is refused at once, in the server's words; nothing is added.
		await page.locator('#photos').setInputFiles({
			name: 'bao-cao.jpg',
			mimeType: 'image/jpeg',
			buffer: Buffer.from('<?php echo 1; ?>')
		});
		await expect(page.locator('#photos-error')).toContainText(
			'Ảnh 1 (bao-cao.jpg): Tệp ảnh bị hỏng hoặc chưa tải lên hết'
		);
		await expect(page.locator('[data-photo]')).toHaveCount(0);

		page.once('dialog', (dialog) => void dialog.accept());
		await page.getByRole('button', { name: 'Bỏ ảnh 1' }).tap();
		await expect(page.getByRole('heading', { name: 'Ảnh minh chứng (0/5)' })).toBeVisible();
	});
});
