// `npm run bench [-- --quick] [-- --json FILE]`: performance figures of the real built server on
// this machine, beside the targets of DESIGN.md and issue 10. The bench reports; it never fails a
// build on a figure (it fails only when something it measures is wrong: a lost submission, a
// screen whose totals differ from the database's).
//
// Every client lives outside the server's process: screens in child processes (screens.ts),
// submissions from child processes (posters.ts), and the baseline is a bare socket.io server in its
// own process (bare-server.ts) broadcasting a payload of the same size to the same number of
// clients. `--quick` (part of `npm test`) runs smaller numbers within about two minutes.
import { chromium } from '@playwright/test';
import Database from 'better-sqlite3';
import { fork, type ChildProcess } from 'node:child_process';
import { promises as fs, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path, { dirname, join } from 'node:path';
import { availableParallelism, tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { folderMigrations } from '../../src/lib/server/db/migration-folder';
import { root, startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { startPostgres } from '../helpers/postgres';
import { startRedis } from '../helpers/redis';
import { measureExports, rssKb, seedActivities } from './exports';
import type { ScreensCommand, ScreensReply } from './screens';
import type { PostersCommand } from './posters';
import { openDatabase } from '../../src/lib/server/db/open';
import { computeStatsViews } from '../../src/lib/server/stats';
import { applyTallyChange } from '../../src/lib/server/repositories/tallies';
import type { PublicActivity, Stats } from '../../src/lib/domain/stats';

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
/** `--only throughput,idle`: run some parts (while working on one target). */
const ONLY = argv.includes('--only') ? argv[argv.indexOf('--only') + 1].split(',') : undefined;
/** `--profile DIR`: the server writes a CPU profile there (node --cpu-prof) when it stops. */
const PROFILE = argv.includes('--profile') ? argv[argv.indexOf('--profile') + 1] : undefined;
const runs = (part: string) => !ONLY || ONLY.includes(part);
const JSON_PATH = argv.includes('--json')
	? argv[argv.indexOf('--json') + 1]
	: join(root, 'bench-results', QUICK ? 'quick.json' : 'latest.json');

const CONFIG = QUICK
	? {
			latencyScreens: [100, 1000],
			submissions: 15,
			throughputSeconds: 5,
			throughputScreens: 200,
			idleConnections: 2000,
			storedActivities: 100_000,
			exports: false,
			kioskLoads: 3,
			instanceScreens: 50
		}
	: {
			latencyScreens: [100, 1000, 5000],
			submissions: 40,
			throughputSeconds: 20,
			throughputScreens: 200,
			idleConnections: 10_000,
			storedActivities: 100_000,
			exports: true,
			kioskLoads: 5,
			instanceScreens: 200
		};

/** Between two submissions of the latency runs: at least the hub's coalescing interval. */
const PAUSE_MS = 120;
const WARM_UP = 3;
/** Submissions in flight during the throughput run. */
const CONNECTIONS = 32;

const now = () => performance.timeOrigin + performance.now();
const round = (n: number) => Math.round(n * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b);
	return {
		count: sorted.length,
		p50: round(percentile(sorted, 50)),
		p95: round(percentile(sorted, 95)),
		p99: round(percentile(sorted, 99)),
		max: round(sorted.at(-1) ?? NaN)
	};
}

function child(file: string): ChildProcess {
	return fork(join(root, 'tests', 'bench', file), [], {
		execArgv: ['--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
}

function nextMessage<T>(process: ChildProcess, accept: (m: T) => boolean, timeoutMs = 120_000) {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => {
			process.off('message', listener);
			reject(new Error('a bench process did not answer in time'));
		}, timeoutMs);
		const listener = (message: T) => {
			if ((message as { type?: string }).type === 'error') {
				clearTimeout(timer);
				process.off('message', listener);
				reject(new Error((message as unknown as { message: string }).message));
			} else if (accept(message)) {
				clearTimeout(timer);
				process.off('message', listener);
				resolve(message);
			}
		};
		process.on('message', listener);
	});
}

/** Screens spread over several processes (a 2-core machine: the clients share it with the server). */
class Screens {
	private constructor(private processes: ChildProcess[]) {}

	static async open(
		url: string,
		count: number,
		mode: 'follow' | 'listen' | 'idle',
		auth?: Record<string, string>
	): Promise<Screens> {
		const processCount = count <= 200 ? 1 : count <= 1000 ? 2 : 4;
		const processes = Array.from({ length: processCount }, () => child('screens.ts'));
		const group = new Screens(processes);
		await Promise.all(
			processes.map((p, i) => {
				const share = Math.floor(count / processCount) + (i < count % processCount ? 1 : 0);
				const connected = nextMessage<ScreensReply>(p, (m) => m.type === 'connected');
				p.send({ type: 'connect', url, count: share, mode, auth } satisfies ScreensCommand);
				return connected;
			})
		);
		return group;
	}

	/** Arm every process for `marker`, then run `trigger`; resolves with every screen's times. */
	async deliver(marker: string, trigger: () => Promise<void>) {
		for (const p of this.processes) p.send({ type: 'expect', marker } satisfies ScreensCommand);
		// IPC is ordered per process: a round trip makes sure each has armed before the trigger.
		await this.totals();
		const arrived = this.processes.map((p) =>
			nextMessage<Extract<ScreensReply, { type: 'arrived' }>>(
				p,
				(m) => m.type === 'arrived' && m.marker === marker,
				30_000
			)
		);
		const sentAt = now();
		await trigger();
		const replies = await Promise.all(arrived);
		return {
			activity: replies.flatMap((r) => r.activity.map((t) => t - sentAt)),
			numbers: replies.flatMap((r) => r.numbers.map((t) => t - sentAt)),
			bytes: replies[0].bytes
		};
	}

	async totals() {
		const replies = await Promise.all(
			this.processes.map((p) => {
				const reply = nextMessage<Extract<ScreensReply, { type: 'totals' }>>(
					p,
					(m) => m.type === 'totals'
				);
				p.send({ type: 'totals' } satisfies ScreensCommand);
				return reply;
			})
		);
		const totals: Record<string, number> = {};
		for (const reply of replies) {
			for (const [key, n] of Object.entries(reply.totals)) totals[key] = (totals[key] ?? 0) + n;
		}
		return {
			totals,
			resyncs: replies.reduce((sum, r) => sum + r.resyncs, 0),
			deltas: replies.reduce((sum, r) => sum + r.deltas, 0)
		};
	}

	async close() {
		await Promise.all(
			this.processes.map(
				(p) =>
					new Promise<void>((resolve) => {
						p.once('exit', () => resolve());
						p.send({ type: 'close' } satisfies ScreensCommand);
					})
			)
		);
	}
}

/** CPU time (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function startBare(): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
	const p = child('bare-server.ts');
	const { port } = await nextMessage<{ port: number }>(p, (m) => typeof m.port === 'number');
	return {
		url: `http://127.0.0.1:${port}`,
		pid: p.pid!,
		stop: () =>
			new Promise<void>((resolve) => {
				p.once('exit', () => resolve());
				p.send('stop');
			})
	};
}

async function submit(url: string, token: string, title: string, key: string) {
	const response = await fetch(`${url}/api/v1/activities`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${token}`,
			'Content-Type': 'application/json',
			'Idempotency-Key': key
		},
		body: JSON.stringify({
			type: 'banner',
			title,
			startDate: '2026-04-21',
			quantity: 2,
			participants: 5
		})
	});
	await response.arrayBuffer();
	if (response.status !== 201) throw new Error(`submit failed: ${response.status}`);
}

async function apiStats(url: string): Promise<Stats> {
	return (await (await fetch(`${url}/api/v1/stats`)).json()) as Stats;
}

/** Submit → N screens on the app, then the same N clients on the bare server with the same bytes. */
async function fanOut(server: RunningServer, token: string, screens: number) {
	const app = await Screens.open(server.url, screens, 'follow');
	const appActivity: number[] = [];
	const appNumbers: number[] = [];
	let bytes = 0;
	// The first rounds warm both servers up (JIT, prepared statements) and are not counted.
	for (let i = -WARM_UP; i < CONFIG.submissions; i++) {
		const marker = `#app-${screens}-${i}`;
		const title = `Treo băng rôn hưởng ứng Ngày 21/4 ${marker}`;
		const times = await app.deliver(marker, () =>
			submit(server.url, token, title, `bench-${marker}`)
		);
		await sleep(PAUSE_MS);
		if (i < 0) continue;
		appActivity.push(...times.activity);
		appNumbers.push(...times.numbers);
		bytes = times.bytes;
	}
	await app.close();
	// The same message, as a bare server would send it: the public activity as screens got it.
	const sample = (await apiStats(server.url)).latest[0] as PublicActivity;

	const bare = await startBare();
	const clients = await Screens.open(bare.url, screens, 'listen');
	const bareActivity: number[] = [];
	for (let i = -WARM_UP; i < CONFIG.submissions; i++) {
		const marker = `#bare-${screens}-${i}`;
		const times = await clients.deliver(marker, async () => {
			const response = await fetch(`${bare.url}/emit`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ ...sample, title: `${sample.title.split('#')[0]}${marker}` })
			});
			await response.arrayBuffer();
		});
		await sleep(PAUSE_MS);
		if (i >= 0) bareActivity.push(...times.activity);
	}
	await clients.close();
	await bare.stop();

	const activity = summary(appActivity);
	const baseline = summary(bareActivity);
	return {
		screens,
		submissions: CONFIG.submissions,
		messageBytes: bytes,
		activity,
		numbers: summary(appNumbers),
		bare: baseline,
		ratioP50: round(activity.p50 / baseline.p50),
		ratioP95: round(activity.p95 / baseline.p95)
	};
}

/** Accepted submissions per second with screens connected; then every screen against the DB. */
async function throughput(server: RunningServer, tokens: string[]) {
	const screens = await Screens.open(server.url, CONFIG.throughputScreens, 'follow');
	const posters = [child('posters.ts')];
	const cpuBefore = cpuSeconds(server.pid()!);
	const wallBefore = performance.now();
	const results = await Promise.all(
		posters.map((p, i) => {
			const done = nextMessage<{
				accepted: number;
				failed: number;
				statuses: Record<string, unknown>;
				seconds: number;
				latencyMs: { p50: number; p99: number };
				acknowledged: number[];
			}>(p, (m) => typeof m.accepted === 'number', (CONFIG.throughputSeconds + 60) * 1000);
			p.send({
				url: server.url,
				tokens,
				connections: CONNECTIONS,
				seconds: CONFIG.throughputSeconds,
				prefix: `tp${i}`
			} satisfies PostersCommand);
			return done;
		})
	);
	const serverCpu =
		(cpuSeconds(server.pid()!) - cpuBefore) / ((performance.now() - wallBefore) / 1000);
	const accepted = results.reduce((sum, r) => sum + r.accepted, 0);
	const failed = results.reduce((sum, r) => sum + r.failed, 0);
	const seconds = Math.max(...results.map((r) => r.seconds));

	// Every acknowledged submission is stored, once; the only others stored are those in flight
	// when the load stopped (stored, but their answers not read).
	const db = new Database(server.dbPath, { readonly: true });
	const stored = new Set(
		(
			db
				.prepare(`select idempotency_key as key from activities where idempotency_key like 'tp%'`)
				.all() as { key: string }[]
		).map((row) => row.key)
	);
	db.close();
	const acknowledged = results.flatMap((r, i) => r.acknowledged.map((n) => `tp${i}-${n}`));
	const missing = acknowledged.filter((key) => !stored.has(key)).length;
	const unanswered = stored.size - (acknowledged.length - missing);
	if (acknowledged.length !== accepted) {
		throw new Error(`${accepted} answers 201 but ${acknowledged.length} read back`);
	}

	// Every screen ends on the server's totals (deltas applied, gaps resynced).
	const api = await apiStats(server.url);
	const expected = JSON.stringify(api.totals);
	let check = await screens.totals();
	for (let i = 0; i < 100 && check.totals[expected] !== CONFIG.throughputScreens; i++) {
		await sleep(100);
		check = await screens.totals();
	}
	await screens.close();
	const matching = check.totals[expected] ?? 0;
	if (missing > 0) throw new Error(`${missing} acknowledged submissions are not stored`);
	if (unanswered > CONNECTIONS) throw new Error(`${unanswered} stored submissions never answered`);
	if (matching !== CONFIG.throughputScreens) {
		throw new Error(`${CONFIG.throughputScreens - matching} screens differ from the database`);
	}
	return {
		screens: CONFIG.throughputScreens,
		posters: `autocannon, ${CONNECTIONS} connections`,
		answerMs: results[0].latencyMs,
		seconds: round(seconds),
		accepted,
		failed,
		perSecond: Math.round(accepted / seconds),
		/** the server's share of one core during the run (1 = a core fully busy) */
		serverCpu: round(serverCpu * 100) / 100,
		acknowledgedStored: `${acknowledged.length - missing}/${acknowledged.length}`,
		storedInFlightAtStop: unanswered,
		screensEqualDatabase: `${matching}/${CONFIG.throughputScreens}`,
		deltasPerScreen: Math.round(check.deltas / CONFIG.throughputScreens),
		resyncs: check.resyncs
	};
}

/** Server memory per idle viewer: RSS before and after `count` connections, app and bare. */
async function idle(server: RunningServer) {
	const measure = async (url: string, pid: number) => {
		await sleep(1000);
		const before = rssKb(pid);
		const screens = await Screens.open(url, CONFIG.idleConnections, 'idle');
		await sleep(2000);
		const after = rssKb(pid);
		await screens.close();
		return {
			rssBeforeMB: round(before / 1024),
			rssAfterMB: round(after / 1024),
			kbPerConnection: round((after - before) / CONFIG.idleConnections)
		};
	};
	const app = await measure(server.url, server.pid()!);
	const bare = await startBare();
	const baseline = await measure(bare.url, bare.pid);
	await bare.stop();
	return { connections: CONFIG.idleConnections, app, bare: baseline };
}

/** At 100,000 stored activities: the snapshot, the tally work of one write, a POST's answer. */
async function atScale(server: RunningServer, token: string) {
	seedActivities(server.dbPath, CONFIG.storedActivities);
	const db = await openDatabase(server.dbPath, folderMigrations(join(root, 'migrations')));
	try {
		const campaign = await db
			.selectFrom('campaigns')
			.selectAll()
			.where('active', '=', 1)
			.executeTakeFirstOrThrow();
		const snapshot: number[] = [];
		for (let i = 0; i < 30; i++) {
			const started = performance.now();
			await computeStatsViews(db, campaign);
			snapshot.push(performance.now() - started);
		}
		const unit = await db.selectFrom('units').select('id').executeTakeFirstOrThrow();
		const writes = 2000;
		let tallyMs = 0;
		await db
			.transaction()
			.execute(async (trx) => {
				const started = performance.now();
				for (let i = 0; i < writes; i++) {
					await applyTallyChange(trx, null, {
						campaignId: campaign.id,
						unitId: unit.id,
						type: 'banner',
						startDate: `2026-04-${18 + (i % 9)}`,
						quantity: 2,
						participants: 5,
						demo: false,
						status: 'pending',
						withdrawn: false
					});
				}
				tallyMs = performance.now() - started;
				throw new Error('rollback');
			})
			.catch(() => {});

		// Through the server: a POST's answer and the first stats after it.
		const post: number[] = [];
		const stats: number[] = [];
		for (let i = 0; i < 20; i++) {
			let started = performance.now();
			await submit(server.url, token, `Đo ở quy mô lớn ${i}`, `scale-${i}`);
			post.push(performance.now() - started);
			started = performance.now();
			await apiStats(server.url);
			stats.push(performance.now() - started);
		}
		return {
			activities: CONFIG.storedActivities,
			snapshotMs: summary(snapshot),
			tallyMsPerWrite: round((tallyMs / writes) * 1000) / 1000,
			postAnswerMs: summary(post),
			statsAfterWriteMs: summary(stats)
		};
	} finally {
		await db.destroy();
	}
}

const browserOptions = {
	executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking']
};

/**
 * A unit official's first visit on a weak mobile network: Chromium at 390×844 with the network of
 * DevTools' "Slow 3G" profile as Lighthouse uses it (400 ms round trip, 500 kbit/s each way), no
 * cache. Bytes as transferred (compressed, headers included) until the page has loaded, the time
 * until the form can be filled in (server-rendered), and until every script has run.
 */
async function firstVisit(url: string, path: string) {
	const browser = await chromium.launch(browserOptions);
	try {
		const context = await browser.newContext({
			viewport: { width: 390, height: 844 },
			isMobile: true,
			hasTouch: true
		});
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
		await cdp.send('Network.emulateNetworkConditions', {
			offline: false,
			latency: 400,
			downloadThroughput: 500_000 / 8,
			uploadThroughput: 500_000 / 8
		});
		const finished: { address: string; at: number; bytes: number }[] = [];
		const urls = new Map<string, string>();
		const started = Date.now();
		cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
		cdp.on('Network.loadingFinished', (event) =>
			finished.push({
				address: urls.get(event.requestId) ?? '',
				at: Date.now() - started,
				bytes: event.encodedDataLength
			})
		);
		await page.goto(`${url}${path}`, { waitUntil: 'commit' });
		await page.getByLabel('Tên hoạt động').waitFor({ state: 'visible' });
		const formMs = Date.now() - started;
		await page.waitForLoadState('networkidle');
		// The page itself: its HTML and everything under /_app/ (scripts, styles, fonts) — not the
		// live connection and the catch-up it asks for once connected.
		const own = finished.filter(
			(f) => f.address.startsWith(`${url}${path}`) && !f.address.includes('__data.json')
		);
		const app = finished.filter((f) => f.address.includes('/_app/') || own.includes(f));
		const sizes = new Map<string, number>();
		for (const f of app) {
			const kind = /\.woff2?$/.test(f.address)
				? 'fonts'
				: /\.js$/.test(f.address)
					? 'js'
					: /\.css$/.test(f.address)
						? 'css'
						: 'page';
			sizes.set(kind, (sizes.get(kind) ?? 0) + f.bytes);
		}
		const bytes = app.reduce((sum, f) => sum + f.bytes, 0);
		// Loaded: every script and style of the page fetched (the form is then enhanced: outbox,
		// drafts).
		const loadedMs = Math.max(...app.map((f) => f.at));
		return {
			transferredKB: round(bytes / 1024),
			byKind: Object.fromEntries([...sizes].map(([kind, n]) => [kind, round(n / 1024)])),
			formVisibleMs: formMs,
			loadedMs
		};
	} finally {
		await browser.close();
	}
}

/** Gzipped JavaScript a browser actually downloads for a route, measured in real Chromium. */
async function routeJavaScript(url: string, paths: string[], sessionCookie: string) {
	const browser = await chromium.launch(browserOptions);
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
			// Svelte's dev runtime (a build made with NODE_ENV=development or test) would skew every
			// figure here: refuse to measure it.
			if (buffers.some((b) => b.includes('ownership_invalid_mutation'))) {
				throw new Error('the build is a development build: run `npm run build` first');
			}
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
 * first contentful paint and the moment its socket is live (median of several loads).
 */
async function kioskFirstRender(url: string) {
	const browser = await chromium.launch(browserOptions);
	const fcp: number[] = [];
	const live: number[] = [];
	try {
		for (let i = 0; i < CONFIG.kioskLoads; i++) {
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
	return {
		cpuThrottling: 4,
		firstContentfulPaintMs: summary(fcp).p50,
		liveMs: summary(live).p50
	};
}

/**
 * Several instances (issue 13): PostgreSQL and Redis, each started for the run. Submit to A with
 * public screens on B (the whole chain: A commits, tells B through Redis, B reads its numbers
 * and sends its screens the delta), p50/p95; then submissions per second against one instance
 * and against two (half the connections each), on a fresh database each time.
 */
async function instances() {
	const cluster = await startPostgres();
	const redis = await startRedis();
	const started: RunningServer[] = [];
	const dir = await fs.mkdtemp(join(tmpdir(), 'lantoa-bench-'));
	const envs = new Map<string, Record<string, string>>();
	const open = async (database: string) => {
		if (!envs.has(database)) {
			envs.set(database, {
				DATABASE_URL: await cluster.createDatabase(database),
				REDIS_URL: redis.url,
				LANTOA_SECRET: 'khoa-lien-ket-cua-bang-do-hai-may-chu-0123',
				PHOTOS_DIR: join(dir, 'photos'),
				SUBMIT_RATE_LIMIT_PER_MINUTE: '0',
				SOCKETS_PER_ADDRESS: '0',
				BACKUP_INTERVAL_HOURS: '0'
			});
		}
		const server = await startServer({ dbDir: join(dir, database), env: envs.get(database) });
		started.push(server);
		return server;
	};
	const rate = async (servers: RunningServer[], prefix: string) => {
		const tokens = await Promise.all(
			['SO-YT', 'SO-TP', '03388'].map((code) => servers[0].issueToken(code))
		);
		const posters = servers.map(() => child('posters.ts'));
		const cpuBefore = servers.map((server) => cpuSeconds(server.pid()!));
		const wallBefore = performance.now();
		const results = await Promise.all(
			posters.map((p, i) => {
				const done = nextMessage<{ accepted: number; failed: number; seconds: number }>(
					p,
					(m) => typeof m.accepted === 'number',
					(CONFIG.throughputSeconds + 60) * 1000
				);
				p.send({
					url: servers[i].url,
					tokens,
					connections: CONNECTIONS / servers.length,
					seconds: CONFIG.throughputSeconds,
					prefix: `${prefix}${i}`
				} satisfies PostersCommand);
				return done;
			})
		);
		const wall = (performance.now() - wallBefore) / 1000;
		const cpu = servers.map((server, i) =>
			round((cpuSeconds(server.pid()!) - cpuBefore[i]) / wall)
		);
		const accepted = results.reduce((sum, r) => sum + r.accepted, 0);
		const [{ n }] = await servers[0].query<{ n: number }>('select count(*) as n from activities');
		// Every acknowledged submission is stored (those in flight at the stop may be too).
		if (n < accepted) throw new Error(`${accepted - n} acknowledged submissions are not stored`);
		return {
			perSecond: Math.round(accepted / Math.max(...results.map((r) => r.seconds))),
			accepted,
			failed: results.reduce((sum, r) => sum + r.failed, 0),
			/** each instance's share of one core during the run */
			serverCpu: cpu
		};
	};
	try {
		const single = await open('bench_mot');
		const one = await rate([single], 'one');
		await single.cleanup();

		const a = await open('bench_hai');
		const b = await open('bench_hai');
		const token = await a.issueToken('SO-KHCN');
		const screens = await Screens.open(b.url, CONFIG.instanceScreens, 'follow');
		const activity: number[] = [];
		const numbers: number[] = [];
		for (let i = -WARM_UP; i < CONFIG.submissions; i++) {
			const marker = `#hai-${i}`;
			const times = await screens.deliver(marker, () =>
				submit(a.url, token, `Treo băng rôn, gửi tới máy A ${marker}`, `hai-${marker}`)
			);
			await sleep(PAUSE_MS);
			if (i < 0) continue;
			activity.push(...times.activity);
			numbers.push(...times.numbers);
		}
		await screens.close();
		const two = await rate([a, b], 'two');
		return {
			database: 'PostgreSQL 15 + Redis 7 (started for the run, on this machine)',
			screensOnB: CONFIG.instanceScreens,
			submissions: CONFIG.submissions,
			aToB: summary(activity),
			aToBNumbers: summary(numbers),
			oneInstance: one,
			twoInstances: two,
			seconds: CONFIG.throughputSeconds
		};
	} finally {
		for (const server of started) await server.cleanup();
		await redis.stop();
		await cluster.stop();
		await fs.rm(dir, { recursive: true, force: true });
	}
}

type Row = [string, string, string];

function table(report: Report): Row[] {
	const rows: Row[] = [];
	const ok = (met: boolean) => (met ? '✓' : '✗ chưa đạt');
	for (const run of report.fanOut ?? []) {
		rows.push([
			`Gửi → ${run.screens.toLocaleString('vi-VN')} màn hình: hoạt động p50/p95/p99/max (ms)`,
			`${run.activity.p50} / ${run.activity.p95} / ${run.activity.p99} / ${run.activity.max}`,
			run.screens === 1000 ? `p95 ≤ 50: ${ok(run.activity.p95 <= 50)}` : ''
		]);
		rows.push([
			`  socket.io trần, cùng ${run.messageBytes} byte (ms)`,
			`${run.bare.p50} / ${run.bare.p95} / ${run.bare.p99} / ${run.bare.max}`,
			''
		]);
		rows.push([
			`  tỉ lệ so với trần p50 / p95`,
			`${run.ratioP50}× / ${run.ratioP95}×`,
			run.screens === 1000 ? `≤ 1,5×: ${ok(run.ratioP95 <= 1.5)}` : ''
		]);
		rows.push([
			`  số liệu mới trên màn hình p50/p95/p99/max (ms)`,
			`${run.numbers.p50} / ${run.numbers.p95} / ${run.numbers.p99} / ${run.numbers.max}`,
			''
		]);
	}
	const t = report.throughput;
	if (t)
		rows.push([
			`Lượt gửi nhận/giây, ${t.screens} màn hình, ${t.seconds} s`,
			`${t.perSecond} (${t.accepted} nhận, ${t.failed} lỗi; máy chủ dùng ${Math.round(t.serverCpu * 100)} % một lõi)`,
			`≥ 1.000: ${ok(t.perSecond >= 1000)}`
		]);
	if (t)
		rows.push([
			'  lượt đã xác nhận có trong CSDL; màn hình = CSDL',
			`${t.acknowledgedStored}; ${t.screensEqualDatabase}`,
			''
		]);
	const i = report.idle;
	if (i)
		rows.push([
			`${i.connections.toLocaleString('vi-VN')} kết nối chờ: KB/kết nối (trần)`,
			`${i.app.kbPerConnection} (${i.bare.kbPerConnection})`,
			`≤ 20: ${ok(i.app.kbPerConnection <= 20)}`
		]);
	const s = report.atScale;
	if (s)
		rows.push([
			`${s.activities.toLocaleString('vi-VN')} hoạt động: ảnh chụp số liệu p50 (ms)`,
			String(s.snapshotMs.p50),
			`≤ 5: ${ok(s.snapshotMs.p50 <= 5)}`
		]);
	if (s)
		rows.push([
			'  công cộng dồn mỗi lượt ghi (ms)',
			String(s.tallyMsPerWrite),
			`≤ 1: ${ok(s.tallyMsPerWrite <= 1)}`
		]);
	if (s) rows.push(['  trả lời một POST p50 (ms)', String(s.postAnswerMs.p50), '']);
	for (const [route, js] of Object.entries(report.js ?? {})) {
		const target = route === 'kiosk' ? 60 : route === 'dashboard' ? 150 : undefined;
		rows.push([
			`JS gzip ${route} (KB)`,
			String(js.gzipKB),
			target ? `≤ ${target}: ${ok(js.gzipKB <= target)}` : ''
		]);
	}
	const v = report.firstVisit;
	if (v) {
		rows.push([
			'Trang đơn vị lần đầu, 3G chậm: tải về (KB)',
			`${v.transferredKB} (${Object.entries(v.byKind)
				.map(([kind, kb]) => `${kind} ${kb}`)
				.join(', ')})`,
			`≤ 150: ${ok(v.transferredKB <= 150)}`
		]);
		rows.push([
			'  biểu mẫu dùng được / tải xong (ms)',
			`${v.formVisibleMs} / ${v.loadedMs}`,
			`≤ 3.000: ${ok(v.loadedMs <= 3000)}`
		]);
	}
	const m = report.instances;
	if (m) {
		rows.push([
			`Gửi tới máy A → ${m.screensOnB} màn hình ở máy B: hoạt động p50/p95 (ms)`,
			`${m.aToB.p50} / ${m.aToB.p95} (số liệu ${m.aToBNumbers.p50} / ${m.aToBNumbers.p95})`,
			`p95 ≤ 1.000: ${ok(m.aToB.p95 <= 1000)}`
		]);
		rows.push([
			`Lượt gửi nhận/giây, PostgreSQL: 1 máy chủ / 2 máy chủ (${m.seconds} s)`,
			`${m.oneInstance.perSecond} / ${m.twoInstances.perSecond} (CPU ${m.oneInstance.serverCpu.map((c) => `${Math.round(c * 100)} %`).join(' + ')} / ${m.twoInstances.serverCpu.map((c) => `${Math.round(c * 100)} %`).join(' + ')})`,
			''
		]);
	}
	if (report.kiosk)
		rows.push([
			'Kiosk, CPU ×4: vẽ đầu tiên / trực tiếp (ms)',
			`${report.kiosk.firstContentfulPaintMs} / ${report.kiosk.liveMs}`,
			''
		]);
	return rows;
}

function print(rows: Row[]) {
	const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => [...r[c]].length)));
	for (const row of rows) {
		console.log(row.map((cell, c) => cell + ' '.repeat(widths[c] - [...cell].length)).join(' │ '));
	}
}

type Report = {
	date: string;
	node: string;
	quick: boolean;
	cpus: number;
	fanOut?: Awaited<ReturnType<typeof fanOut>>[];
	firstVisit?: Awaited<ReturnType<typeof firstVisit>>;
	throughput?: Awaited<ReturnType<typeof throughput>>;
	idle?: Awaited<ReturnType<typeof idle>>;
	atScale?: Awaited<ReturnType<typeof atScale>>;
	js?: Record<string, { files: number; rawKB: number; gzipKB: number }>;
	kiosk?: Awaited<ReturnType<typeof kioskFirstRender>>;
	exports?: object;
	instances?: Awaited<ReturnType<typeof instances>>;
};

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
	const started = Date.now();
	const result = await run();
	console.log(`${name}: xong (${Math.round((Date.now() - started) / 1000)} s)`);
	return result;
}

async function main() {
	const started = Date.now();
	// Capacity is measured without the per-unit submission limit and the cap on connections from
	// one address that protect production (every screen here comes from 127.0.0.1).
	const server = await startServer({
		// No automatic backup in the middle of a measurement.
		env: {
			SUBMIT_RATE_LIMIT_PER_MINUTE: '0',
			SOCKETS_PER_ADDRESS: '0',
			BACKUP_INTERVAL_HOURS: '0'
		},
		nodeArgs: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE)}`] : []
	});
	try {
		const tokens = await Promise.all(
			['SO-YT', 'SO-TP', '03388'].map((code) => server.issueToken(code))
		);
		const unitPath = `/u/${await server.issueToken('03390')}`;
		console.log(`Máy chủ đo: ${server.url}${QUICK ? ' (--quick)' : ''}`);

		const cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
		const report: Report = {
			date: new Date().toISOString(),
			node: process.version,
			quick: QUICK,
			cpus: availableParallelism()
		};
		// Memory first, on a server that has done little yet (less garbage to blur RSS).
		if (runs('idle')) report.idle = await step('Kết nối chờ', () => idle(server));
		if (runs('js')) {
			const bundles = await routeJavaScript(server.url, ['/dashboard', '/kiosk', unitPath], cookie);
			report.js = {
				dashboard: bundles['/dashboard'],
				kiosk: bundles['/kiosk'],
				unitForm: bundles[unitPath]
			};
			report.kiosk = await step('JS, kiosk', () => kioskFirstRender(server.url));
			report.firstVisit = await step('Lần đầu mở trang đơn vị, 3G chậm', () =>
				firstVisit(server.url, unitPath)
			);
		}
		if (runs('latency')) {
			report.fanOut = [];
			for (const screens of CONFIG.latencyScreens) {
				report.fanOut.push(
					await step(`Gửi → ${screens} màn hình`, () => fanOut(server, tokens[0], screens))
				);
			}
		}
		if (runs('throughput')) {
			report.throughput = await step('Lượt gửi/giây', () => throughput(server, tokens));
		}
		if (runs('instances')) {
			report.instances = await step('Hai máy chủ (PostgreSQL + Redis)', () => instances());
		}
		if (runs('scale')) {
			report.atScale = await step('Quy mô 100.000', () => atScale(server, tokens[0]));
			if (CONFIG.exports) {
				report.exports = {
					activities: CONFIG.storedActivities,
					...(await step('Xuất báo cáo', () => measureExports(server, cookie)))
				};
			}
		}
		console.log('');
		print([['Chỉ số', 'Đo được', 'Mục tiêu'], ...table(report)]);
		if (report.exports) console.log('Xuất báo cáo:', report.exports);
		mkdirSync(dirname(JSON_PATH), { recursive: true });
		writeFileSync(JSON_PATH, JSON.stringify(report, null, 2));
		console.log(`Kết quả đã lưu: ${JSON_PATH} (${Math.round((Date.now() - started) / 1000)} s)`);
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
