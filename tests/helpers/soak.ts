import type { Browser } from '@playwright/test';

export interface SoakSample {
	seconds: number;
	heapMb: number;
	nodes: number;
	listeners: number;
}

export interface SoakResult {
	samples: SoakSample[];
	errors: string[];
	submitted: number;
	shownActivities: number;
	expectedActivities: number;
}

const TYPES = [
	{ type: 'banner', quantity: 3 },
	{ type: 'movement', quantity: 2 },
	{ type: 'honor', quantity: 5 },
	{ type: 'media', quantity: 4, channels: ['social'] },
	{ type: 'event', quantity: 60, format: 'talk', mode: 'onsite' }
];

/**
 * The kiosk under a stream of submissions: every `sampleEvery` seconds, force a garbage
 * collection in the page and record its JS heap, DOM nodes and event listeners (Chromium's own
 * counters over CDP). Console errors and uncaught exceptions are collected.
 */
export async function soakKiosk(args: {
	browser: Browser;
	url: string;
	tokens: string[];
	seconds: number;
	perSecond: number;
	sampleEvery?: number;
	kioskQuery?: string;
}): Promise<SoakResult> {
	const sampleEvery = args.sampleEvery ?? 5;
	const context = await args.browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(`${args.url}/kiosk?${args.kioskQuery ?? 'interval=5&reload=off'}`);
	await page.waitForSelector('.kiosk');
	const cdp = await context.newCDPSession(page);
	await cdp.send('Performance.enable');

	const started = Date.now();
	let submitted = 0;
	let failures = 0;
	const submitter = setInterval(() => {
		const n = submitted++;
		const shape = TYPES[n % TYPES.length];
		void fetch(`${args.url}/api/v1/activities`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${args.tokens[n % args.tokens.length]}`,
				'Content-Type': 'application/json'
			},
			body: JSON.stringify({
				...shape,
				title: `Hoạt động thử độ bền số ${n + 1}`,
				startDate: '2026-04-21'
			})
		}).then(
			(response) => {
				if (response.status !== 201) failures++;
			},
			() => failures++
		);
	}, 1000 / args.perSecond);

	const samples: SoakSample[] = [];
	try {
		while (Date.now() - started < args.seconds * 1000) {
			await new Promise((resolve) => setTimeout(resolve, sampleEvery * 1000));
			await cdp.send('HeapProfiler.collectGarbage');
			const heap = await cdp.send('Runtime.getHeapUsage');
			const counters = await cdp.send('Memory.getDOMCounters');
			samples.push({
				seconds: Math.round((Date.now() - started) / 1000),
				heapMb: Math.round((heap.usedSize / 1_048_576) * 100) / 100,
				nodes: counters.nodes,
				listeners: counters.jsEventListeners
			});
		}
	} finally {
		clearInterval(submitter);
	}
	if (failures) errors.push(`${failures} submissions failed`);
	// Let the last broadcasts arrive, then compare the screen with the server.
	await new Promise((resolve) => setTimeout(resolve, 1500));
	const stats = (await (await fetch(`${args.url}/api/v1/stats`)).json()) as {
		totals: { activities: number };
	};
	const shownActivities = Number(await page.locator('.kiosk').getAttribute('data-activities'));
	await context.close();
	return {
		samples,
		errors,
		submitted,
		shownActivities,
		expectedActivities: stats.totals.activities
	};
}

/** Peak of a measure over the first and the last third of the samples after warm-up. */
export function growth(samples: SoakSample[], key: 'heapMb' | 'nodes' | 'listeners') {
	const warm = samples.slice(1);
	const third = Math.max(1, Math.floor(warm.length / 3));
	const early = Math.max(...warm.slice(0, third).map((s) => s[key]));
	const late = Math.max(...warm.slice(-third).map((s) => s[key]));
	return { early, late };
}
