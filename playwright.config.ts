import { defineConfig } from '@playwright/test';

// Playwright cannot download browsers on this machine: it drives Debian's chromium.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	globalSetup: './tests/e2e/global-setup.ts',
	fullyParallel: false,
	// One at a time: two workers (a file on the global server beside one with servers of its own)
	// took longer on 2 cores, 13.6 min instead of about 11, two browsers and two servers competing.
	workers: 1,
	// A test fails when the product is wrong, not when the machine is busy: the longest walks (every
	// kiosk slide at 4K, axe on every admin page) took over a minute on a busy 2-core machine; a
	// state that never comes still fails, after three minutes.
	timeout: 180_000,
	expect: { timeout: 10_000 },
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
