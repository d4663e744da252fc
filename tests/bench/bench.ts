// `npm run bench`: performance figures of the real built server on this machine. Targets from
// DESIGN.md are printed beside each figure; the bench reports, it does not fail a build.
// Options (environment): BENCH_SCREENS (default 1000), BENCH_SUBMISSIONS (default 50),
// BENCH_THROUGHPUT_SECONDS (default 5), BENCH_THROUGHPUT_SCREENS (default 200).
import { chromium } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import { root, startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { measureExports, seedActivities } from './exports';

const SCREENS = Number(process.env.BENCH_SCREENS ?? 1000);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 50);
const THROUGHPUT_SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 5);
const THROUGHPUT_SCREENS = Number(process.env.BENCH_THROUGHPUT_SCREENS ?? 200);
const EXPORT_ACTIVITIES = Number(process.env.BENCH_EXPORT_ACTIVITIES ?? 100_000);

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (n: number) => Math.round(n * 10) / 10;

function body(i: number) {
	return JSON.stringify({
		type: 'banner',
		title: `Treo băng rôn hưởng ứng Ngày 21/4 — lượt đo ${i}`,
		startDate: '2026-04-21',
		quantity: 2,
		participants: 5
	});
}

async function connectScreens(url: string, count: number): Promise<Socket[]> {
	const sockets: Socket[] = [];
	for (let i = 0; i < count; i += 50) {
		const batch = Array.from({ length: Math.min(50, count - i) }, () => {
			const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
			sockets.push(socket);
			return new Promise<void>((resolve, reject) => {
				socket.once('stats', () => resolve());
				socket.once('connect_error', reject);
			});
		});
		await Promise.all(batch);
	}
	return sockets;
}

async function fanOutLatency(server: RunningServer, token: string) {
	const sockets = await connectScreens(server.url, SCREENS);
	const latencies: number[] = [];
	for (let i = 0; i < SUBMISSIONS; i++) {
		const title = `Treo băng rôn hưởng ứng Ngày 21/4 — lượt đo ${i}`;
		const started = performance.now();
		const received = sockets.map(
			(socket) =>
				new Promise<void>((resolve) => {
					const onCreated = (activity: { title: string }) => {
						if (activity.title !== title) return;
						socket.off('activity:created', onCreated);
						latencies.push(performance.now() - started);
						resolve();
					};
					socket.on('activity:created', onCreated);
				})
		);
		const response = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: body(i)
		});
		if (response.status !== 201) throw new Error(`submit failed: ${response.status}`);
		await Promise.all(received);
	}
	for (const socket of sockets) socket.disconnect();
	latencies.sort((a, b) => a - b);
	return {
		screens: SCREENS,
		submissions: SUBMISSIONS,
		deliveries: latencies.length,
		p50Ms: round(percentile(latencies, 50)),
		p95Ms: round(percentile(latencies, 95)),
		maxMs: round(latencies.at(-1) ?? NaN)
	};
}

async function throughput(server: RunningServer, token: string) {
	const sockets = await connectScreens(server.url, THROUGHPUT_SCREENS);
	let statsReceived = 0;
	for (const socket of sockets) socket.on('stats', () => statsReceived++);
	const concurrency = 32;
	const deadline = performance.now() + THROUGHPUT_SECONDS * 1000;
	let accepted = 0;
	let failed = 0;
	let i = 100_000;
	const worker = async () => {
		while (performance.now() < deadline) {
			const response = await fetch(`${server.url}/api/v1/activities`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
				body: body(i++)
			});
			await response.arrayBuffer();
			if (response.status === 201) accepted++;
			else failed++;
		}
	};
	const started = performance.now();
	await Promise.all(Array.from({ length: concurrency }, worker));
	const seconds = (performance.now() - started) / 1000;
	await new Promise((resolve) => setTimeout(resolve, 300));
	for (const socket of sockets) socket.disconnect();
	return {
		screens: THROUGHPUT_SCREENS,
		concurrency,
		seconds: round(seconds),
		accepted,
		failed,
		perSecond: Math.round(accepted / seconds),
		statsBroadcastsPerScreen: Math.round(statsReceived / THROUGHPUT_SCREENS)
	};
}

/** Gzipped JavaScript a browser actually downloads for a route, measured in real Chromium. */
async function routeJavaScript(url: string, paths: string[], sessionCookie: string) {
	const browser = await chromium.launch({
		executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	const result: Record<string, { files: number; rawKB: number; gzipKB: number }> = {};
	try {
		for (const path of paths) {
			const context = await browser.newContext();
			// The dashboard is for signed-in leaders: measure it as one.
			const [name, value] = sessionCookie.split('=');
			await context.addCookies([{ name, value, url }]);
			const page = await context.newPage();
			const scripts = new Map<string, Buffer>();
			page.on('response', async (response) => {
				if (response.request().resourceType() === 'script') {
					scripts.set(response.url(), await response.body().catch(() => Buffer.alloc(0)));
				}
			});
			await page.goto(`${url}${path}`, { waitUntil: 'networkidle' });
			// Inline bootstrap scripts count too.
			const inline = await page.$$eval('script:not([src])', (nodes) =>
				nodes.map((n) => n.textContent ?? '')
			);
			const buffers = [...scripts.values(), ...inline.map((s) => Buffer.from(s))];
			result[path] = {
				files: scripts.size,
				rawKB: round(buffers.reduce((sum, b) => sum + b.length, 0) / 1024),
				gzipKB: round(buffers.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0) / 1024)
			};
			if (!page.url().endsWith(path)) throw new Error(`${path} redirected to ${page.url()}`);
			await context.close();
		}
	} finally {
		await browser.close();
	}
	return result;
}

/**
 * The kiosk's first frame on a slow TV box: Chromium's CPU throttled ×4, a fresh page load,
 * first contentful paint and the moment its socket is live (median of 5 loads).
 */
async function kioskFirstRender(url: string) {
	const browser = await chromium.launch({
		executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
	});
	const fcp: number[] = [];
	const live: number[] = [];
	try {
		for (let i = 0; i < 5; i++) {
			const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
			const started = Date.now();
			await page.goto(`${url}/kiosk?reload=off`);
			await page.waitForSelector('.kiosk[data-live="live"]', { timeout: 30_000 });
			live.push(Date.now() - started);
			fcp.push(
				await page.evaluate(
					() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1
				)
			);
			await context.close();
		}
	} finally {
		await browser.close();
	}
	const median = (values: number[]) => round([...values].sort((a, b) => a - b)[2]);
	return { cpuThrottling: 4, firstContentfulPaintMs: median(fcp), liveMs: median(live) };
}

async function main() {
	// Capacity is measured without the per-unit submission limit that protects production.
	const server = await startServer({ env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '0' } });
	try {
		const token = await server.issueToken('SO-YT');
		const unitPath = `/u/${await server.issueToken('03388')}`;
		console.log(`Máy chủ đo: ${server.url}`);

		const cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
		const bundles = await routeJavaScript(server.url, ['/dashboard', '/kiosk', unitPath], cookie);
		const js = {
			dashboard: bundles['/dashboard'],
			kiosk: bundles['/kiosk'],
			unitForm: bundles[unitPath]
		};
		console.log('JS gzip (target: kiosk ≤ 90 KB, dashboard ≤ 150 KB):', js);

		const kiosk = await kioskFirstRender(server.url);
		console.log('Kiosk first render, CPU ×4:', kiosk);

		const fanOut = await fanOutLatency(server, token);
		console.log(`Submit → ${SCREENS} screens (target p95 ≤ 50 ms):`, fanOut);

		const rate = await throughput(server, token);
		console.log(`Submissions/s with ${THROUGHPUT_SCREENS} screens (target ≥ 1,000/s):`, rate);

		seedActivities(server.dbPath, EXPORT_ACTIVITIES);
		const exports = await measureExports(server, cookie);
		console.log(`Exports of ${EXPORT_ACTIVITIES.toLocaleString('en')} activities:`, exports);

		const report = {
			date: new Date().toISOString(),
			node: process.version,
			js,
			kiosk,
			fanOut,
			rate,
			exports: { activities: EXPORT_ACTIVITIES, ...exports }
		};
		mkdirSync(join(root, 'bench-results'), { recursive: true });
		writeFileSync(join(root, 'bench-results', 'latest.json'), JSON.stringify(report, null, 2));
		console.log('Kết quả đã lưu: bench-results/latest.json');
	} finally {
		await server.cleanup();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
