import { defineConfig } from '@playwright/test';

// Playwright cannot download browsers on this machine: it drives Debian's chromium.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	globalSetup: './tests/e2e/global-setup.ts',
	fullyParallel: false,
	workers: 1,
	timeout: 60_000,
	expect: { timeout: 5_000 },
	reporter: process.env.CI ? 'line' : 'list',
	use: {
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	}
});
