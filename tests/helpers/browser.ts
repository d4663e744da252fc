import type { Browser, Page } from '@playwright/test';
import { TEST_ADMIN } from './server';

/** A new page of its own size, signed in through the real form as the test administrator. */
export async function signedInPage(
	browser: Browser,
	base: string,
	next: string,
	options: {
		viewport?: { width: number; height: number };
		javaScriptEnabled?: boolean;
		/** for axe-core, injected as a script the page's CSP would refuse */
		bypassCSP?: boolean;
		/** the browser's own language (navigator.language, Accept-Language) */
		locale?: string;
	} = {}
): Promise<Page> {
	const context = await browser.newContext({
		viewport: options.viewport ?? { width: 390, height: 844 },
		javaScriptEnabled: options.javaScriptEnabled ?? true,
		bypassCSP: options.bypassCSP ?? false,
		locale: options.locale
	});
	const page = await context.newPage();
	await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Tên đăng nhập').fill(TEST_ADMIN.username);
	await page.getByLabel('Mật khẩu').fill(TEST_ADMIN.password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.waitForURL(`${base}${next}`);
	return page;
}
