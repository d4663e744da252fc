import { deleteEverything } from './outbox';

/** The service worker's copy of unit pages (src/service-worker.ts): link, unit name, titles. */
const PAGES_CACHE = 'lantoa-pages';

/**
 * A unit's page on a shared phone leaves nothing behind once its official says so: the pages the
 * service worker kept (the link is in their address, the unit's activities in them), the drafts
 * and the reports waiting to be sent. The scripts and styles kept for offline use stay: they hold
 * nothing of the unit.
 */
export async function forgetThisDevice(): Promise<void> {
	if ('caches' in globalThis) await caches.delete(PAGES_CACHE);
	await deleteEverything();
}
