import { defineConfig } from '@playwright/test';

// Playwright cannot download browsers on this machine: it drives Debian's chromium.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	globalSetup: './tests/e2e/global-setup.ts',
	// Two files at a time, the tests of a file in order. Each worker has a shared server of its own
	// (global-setup.ts, shared.ts), so no two files running at once share data. One worker kept
	// 2 cores about 30 % busy (the tests mostly wait for pages, animations and sockets).
	fullyParallel: false,
	workers: 2,
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
