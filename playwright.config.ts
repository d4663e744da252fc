import { defineConfig } from '@playwright/test';

// Playwright cannot download browsers on this machine: it drives Debian's chromium.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The files whose tests start servers of their own (startServer), not the global one. */
const OWN_SERVER = [
	'**/accessibility.e2e.ts',
	'**/dates.e2e.ts',
	'**/keyboard.e2e.ts',
	'**/languages.e2e.ts',
	'**/moderation-queue.e2e.ts'
];

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	globalSetup: './tests/e2e/global-setup.ts',
	fullyParallel: false,
	// Two at a time, never two files on one server: the files that start servers of their own run
	// one after another beside the ones that share the global server (whose tests read and change
	// the same data, so they run one at a time). Measured on 2 cores: see the README (Test it).
	workers: 2,
	projects: [
		{ name: 'shared-server', testIgnore: OWN_SERVER, workers: 1 },
		{ name: 'own-server', testMatch: OWN_SERVER, workers: 1 }
	],
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
