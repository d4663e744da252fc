// `npm run soak`: the kiosk for SOAK_SECONDS (default 600) under SOAK_PER_SECOND submissions
// (default 2) from a fresh server, sampling its JS heap and DOM after a forced GC.
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, startServer } from '../helpers/server';
import { growth, soakKiosk } from '../helpers/soak';

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const perSecond = Number(process.env.SOAK_PER_SECOND ?? 2);

const server = await startServer({
	env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '0', SOCKETS_PER_ADDRESS: '0' }
});
const browser = await chromium.launch({
	executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu']
});
try {
	const tokens = [await server.issueToken('SO-YT'), await server.issueToken('03388')];
	console.log(`Soak: ${seconds} s, ${perSecond} submissions/s → ${server.url}/kiosk`);
	const result = await soakKiosk({
		browser,
		url: server.url,
		tokens,
		seconds,
		perSecond,
		sampleEvery: Math.max(5, Math.round(seconds / 60))
	});
	console.table(result.samples);
	const summary = {
		date: new Date().toISOString(),
		seconds,
		submitted: result.submitted,
		shownActivities: result.shownActivities,
		expectedActivities: result.expectedActivities,
		errors: result.errors,
		heapMb: growth(result.samples, 'heapMb'),
		nodes: growth(result.samples, 'nodes'),
		listeners: growth(result.samples, 'listeners')
	};
	console.log(summary);
	mkdirSync(join(root, 'bench-results'), { recursive: true });
	writeFileSync(
		join(root, 'bench-results', 'soak.json'),
		JSON.stringify({ ...summary, samples: result.samples }, null, 2)
	);
	process.exitCode = result.errors.length ? 1 : 0;
} finally {
	await browser.close();
	await server.cleanup();
}
