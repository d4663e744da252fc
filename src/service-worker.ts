/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { version } from '$service-worker';
import { flush } from '$lib/offline/outbox';

// The unit page opens without network after one visit, and its outbox is sent by Background Sync
// where the browser has it (Chromium; every browser also sends from the page itself).
//
// Light on a weak connection: nothing is downloaded in advance. The app's files are kept as the
// page uses them (they never change under one name: cache first), and a unit's page is kept each
// time it loads (network first; the kept copy only when there is no network). Everything else —
// the dashboard, the kiosk, the API, sign-in — is left to the network as if there were no worker.

const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSETS = `lantoa-assets-${version}`;
const PAGES = 'lantoa-pages';

sw.addEventListener('install', () => {
	void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name !== ASSETS && name !== PAGES) await caches.delete(name);
			}
			await sw.clients.claim();
		})()
	);
});

/** A unit's page, without its query (the same page whatever the address says after `?`). */
const unitPage = (url: URL) => /^\/u\/[A-Za-z0-9_-]+\/?$/.test(url.pathname);

async function assetFirst(request: Request): Promise<Response> {
	const cache = await caches.open(ASSETS);
	const kept = await cache.match(request);
	if (kept) return kept;
	const response = await fetch(request);
	if (response.ok) await cache.put(request, response.clone());
	return response;
}

async function pageNetworkFirst(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(PAGES);
	const key = url.origin + url.pathname;
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(key, response.clone());
		// A revoked or mistyped link: forget the page kept for it.
		else if (response.status === 404) await cache.delete(key);
		return response;
	} catch (error) {
		const kept = await cache.match(key);
		if (kept) return kept;
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (url.pathname.startsWith('/_app/immutable/')) {
		event.respondWith(assetFirst(request));
	} else if (request.mode === 'navigate' && unitPage(url)) {
		event.respondWith(pageNetworkFirst(request, url));
	}
});

// The page sends the addresses it loaded before the worker controlled it (the very first visit),
// so that first visit is enough to open the page without network.
sw.addEventListener('message', (event) => {
	const data = event.data as { type?: string; urls?: unknown; page?: unknown } | null;
	if (data?.type !== 'keep' || !Array.isArray(data.urls)) return;
	event.waitUntil(
		(async () => {
			const assets = await caches.open(ASSETS);
			for (const raw of data.urls as unknown[]) {
				if (typeof raw !== 'string') continue;
				const url = new URL(raw, sw.location.origin);
				if (url.origin !== sw.location.origin || !url.pathname.startsWith('/_app/immutable/'))
					continue;
				if (!(await assets.match(url.href))) await assets.add(url.href).catch(() => {});
			}
			if (typeof data.page === 'string') {
				const url = new URL(data.page, sw.location.origin);
				if (url.origin === sw.location.origin && unitPage(url)) {
					const pages = await caches.open(PAGES);
					const response = await fetch(url.href, { credentials: 'same-origin' }).catch(() => null);
					if (response?.ok) await pages.put(url.origin + url.pathname, response);
				}
			}
		})()
	);
});

sw.addEventListener('sync', (event) => {
	const sync = event as Event & { tag: string; waitUntil(promise: Promise<unknown>): void };
	if (sync.tag === 'lantoa-outbox') {
		// A rejection makes the browser try again later, with its own backoff.
		sync.waitUntil(
			flush().then(({ waiting }) => {
				if (waiting > 0) throw new Error('still waiting');
			})
		);
	}
});
