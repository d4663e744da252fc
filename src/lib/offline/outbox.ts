import { parse } from 'devalue';
import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';

// The unit page's outbox: a report is kept on the device (IndexedDB) from the moment the official
// presses "Gửi" until the server has it, so a signal lost at the moment of sending — or a closed
// tab, or a rebooted phone — loses nothing. Each report keeps the Idempotency-Key it was given
// when it was queued: however many times it is sent (from the page, or from the service worker's
// Background Sync), the server stores it once. Used by the page and by src/service-worker.ts.
//
// idb (Jake Archibald's small wrapper) because raw IndexedDB's event API is easy to get wrong;
// Safari closes IndexedDB connections when it likes (tab in the background, storage pressure), so
// the connection is opened again on the next use after `terminated` or an InvalidStateError.

export interface OutboxItem {
	/** the Idempotency-Key the report carries on every attempt */
	key: string;
	/** the form action, `/u/<token>?/submit` */
	action: string;
	/** the form's fields as they were when the official pressed "Gửi" */
	fields: [string, string][];
	/**
	 * the photos chosen with it, as bytes (ArrayBuffer rather than Blob: older Safari could not
	 * keep a Blob in IndexedDB)
	 */
	photos?: OutboxPhoto[];
	title: string;
	queuedAt: string;
	attempts: number;
	/** waiting: will be sent; refused: the server said no (the official must look at it) */
	state: 'waiting' | 'refused';
	/**
	 * why the last attempt did not go through: the server's own words when it gave some (in the
	 * language of the official's cookie), else a reason the page words in its own language — the
	 * service worker sends too, and it has no page to read the language from
	 */
	lastError?: string;
	lastProblem?: OutboxProblem;
	/** the server's field errors for a refused report */
	errors?: Record<string, string[]>;
}

export type OutboxProblem = 'no-network' | 'server-busy' | 'link-gone' | 'refused';

export interface OutboxPhoto {
	name: string;
	type: string;
	data: ArrayBuffer;
}

interface Schema extends DBSchema {
	outbox: { key: string; value: OutboxItem; indexes: { action: string } };
	drafts: {
		key: string;
		value: { fields: [string, string][]; photos?: OutboxPhoto[]; savedAt: string };
	};
}

let connection: Promise<IDBPDatabase<Schema>> | undefined;
/** Set once the device forgot everything: nothing may create the database again on this page. */
let forgotten = false;

function open(): Promise<IDBPDatabase<Schema>> {
	// A draft saved a moment later (typing's timer) would otherwise bring the database back.
	if (forgotten) return Promise.reject(new Error('forgotten'));
	connection ??= openDB<Schema>('lantoa', 1, {
		upgrade(db) {
			const outbox = db.createObjectStore('outbox', { keyPath: 'key' });
			outbox.createIndex('action', 'action');
			db.createObjectStore('drafts');
		},
		// Safari (and any browser under storage pressure) may close the connection: open again.
		terminated() {
			connection = undefined;
		},
		blocking() {
			void connection?.then((db) => db.close());
			connection = undefined;
		}
	});
	return connection;
}

/**
 * "Quên thiết bị này" on a shared phone: the outbox and the drafts go, with the database itself
 * (the open connection is closed first, or the deletion would wait for it).
 */
export async function deleteEverything(): Promise<void> {
	forgotten = true;
	const current = connection;
	connection = undefined;
	await current?.then((db) => db.close()).catch(() => {});
	// Not announced: a page told of a change would read the outbox again, and so open (create) the
	// database anew. Other tabs close theirs when asked (`blocking`).
	await deleteDB('lantoa');
}

/** Run against the database; once more with a fresh connection if the old one was closed. */
async function withDb<T>(run: (db: IDBPDatabase<Schema>) => Promise<T>): Promise<T> {
	try {
		return await run(await open());
	} catch (error) {
		const name = (error as { name?: string } | null)?.name;
		if (name !== 'InvalidStateError' && name !== 'TransactionInactiveError') throw error;
		connection = undefined;
		return run(await open());
	}
}

/** Every change to the outbox is announced, to the page's other tabs and the service worker. */
const CHANNEL = 'lantoa-outbox';
function announce(): void {
	try {
		const channel = new BroadcastChannel(CHANNEL);
		channel.postMessage('changed');
		channel.close();
	} catch {
		// no BroadcastChannel (very old browsers): the page still refreshes its own list
	}
	if (typeof dispatchEvent === 'function') dispatchEvent(new Event('lantoa-outbox'));
}

/** Call `listener` whenever the outbox changes here or in another tab or the service worker. */
export function onOutboxChange(listener: () => void): () => void {
	let channel: BroadcastChannel | undefined;
	try {
		channel = new BroadcastChannel(CHANNEL);
		channel.onmessage = () => listener();
	} catch {
		channel = undefined;
	}
	addEventListener('lantoa-outbox', listener);
	return () => {
		channel?.close();
		removeEventListener('lantoa-outbox', listener);
	};
}

export async function queue(item: OutboxItem): Promise<void> {
	await withDb((db) => db.put('outbox', item));
	announce();
}

export async function pending(action?: string): Promise<OutboxItem[]> {
	const items = await withDb((db) =>
		action ? db.getAllFromIndex('outbox', 'action', action) : db.getAll('outbox')
	);
	return items.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
}

export async function remove(key: string): Promise<void> {
	await withDb((db) => db.delete('outbox', key));
	announce();
}

async function update(item: OutboxItem): Promise<void> {
	await withDb((db) => db.put('outbox', item));
	announce();
}

/** Keep what is typed (the photos already kept stay: they are saved when they change). */
export async function saveDraft(id: string, fields: [string, string][]): Promise<void> {
	await withDb(async (db) => {
		const tx = db.transaction('drafts', 'readwrite');
		const current = await tx.store.get(id);
		await tx.store.put({ ...current, fields, savedAt: new Date().toISOString() }, id);
		await tx.done;
	});
}

/** Keep the photos chosen for the draft (a closed tab or a call does not lose them). */
export async function saveDraftPhotos(id: string, photos: OutboxPhoto[]): Promise<void> {
	await withDb(async (db) => {
		const tx = db.transaction('drafts', 'readwrite');
		const current = await tx.store.get(id);
		await tx.store.put(
			{ fields: current?.fields ?? [], photos, savedAt: new Date().toISOString() },
			id
		);
		await tx.done;
	});
}

export async function loadDraft(
	id: string
): Promise<{ fields: [string, string][]; photos: OutboxPhoto[] } | undefined> {
	const draft = await withDb((db) => db.get('drafts', id));
	return draft ? { fields: draft.fields, photos: draft.photos ?? [] } : undefined;
}

/** Photos as the outbox and the drafts keep them: bytes, with their name and type. */
export async function storedPhotos(photos: { name: string; blob: Blob }[]): Promise<OutboxPhoto[]> {
	return Promise.all(
		photos.map(async (photo) => ({
			name: photo.name,
			type: photo.blob.type || 'image/jpeg',
			data: await photo.blob.arrayBuffer()
		}))
	);
}

export async function clearDraft(id: string): Promise<void> {
	await withDb((db) => db.delete('drafts', id));
}

export type SendOutcome = 'sent' | 'refused' | 'retry';

/** The server's field errors inside a form action's JSON answer, if it carries them. */
function errorsOf(data: unknown): Record<string, string[]> | undefined {
	if (typeof data !== 'string') return undefined;
	try {
		const value = parse(data) as { errors?: Record<string, string[]> } | null;
		return value?.errors ?? undefined;
	} catch {
		return undefined;
	}
}

/**
 * Send one queued report to its form action, the way SvelteKit's enhanced form does. Sent: the
 * server stored it (or had it already: same key). Refused: the server will not take it as it is
 * (a field, the cut-off) — kept, marked, for the official. Retry: no network, the server busy or
 * out of disk space, or restarting.
 */
export async function send(item: OutboxItem): Promise<SendOutcome> {
	const body = new FormData();
	for (const [name, value] of item.fields) body.append(name, value);
	for (const photo of item.photos ?? []) {
		body.append('photos', new Blob([photo.data], { type: photo.type }), photo.name);
	}
	let outcome: SendOutcome;
	let lastError: string | undefined;
	let lastProblem: OutboxProblem | undefined;
	let errors: Record<string, string[]> | undefined;
	try {
		const response = await fetch(item.action, {
			method: 'POST',
			body,
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
			cache: 'no-store',
			credentials: 'same-origin'
		});
		const result = (await response.json().catch(() => null)) as {
			type?: string;
			status?: number;
			data?: unknown;
		} | null;
		if (result?.type === 'success' || result?.type === 'redirect') {
			outcome = 'sent';
		} else if (
			result?.type === 'failure' &&
			result.status !== undefined &&
			result.status !== 429 &&
			result.status < 500
		) {
			outcome = 'refused';
			errors = errorsOf(result.data);
			if (errors) lastError = Object.values(errors).flat().join(' ');
			else lastProblem = 'refused';
		} else if (response.status === 404) {
			outcome = 'refused';
			lastProblem = 'link-gone';
		} else {
			outcome = 'retry';
			lastError = errorsOf(result?.data)?.storage?.[0];
			if (!lastError) lastProblem = 'server-busy';
		}
	} catch {
		outcome = 'retry';
		lastProblem = 'no-network';
	}
	if (outcome === 'sent') {
		await remove(item.key);
	} else {
		await update({
			...item,
			attempts: item.attempts + 1,
			state: outcome === 'refused' ? 'refused' : 'waiting',
			lastError,
			lastProblem,
			errors
		});
	}
	return outcome;
}

let flushing: Promise<{ sent: string[]; waiting: number }> | undefined;

/**
 * Send every waiting report, one after the other (never two sends of the outbox at once here).
 * Returns the titles of those the server now has, and how many still wait.
 */
export function flush(action?: string): Promise<{ sent: string[]; waiting: number }> {
	flushing ??= (async () => {
		const sent: string[] = [];
		let waiting = 0;
		try {
			for (const item of await pending(action)) {
				if (item.state !== 'waiting') continue;
				const outcome = await send(item);
				if (outcome === 'sent') sent.push(item.title);
				if (outcome === 'retry') {
					// The network is down or the server busy: the rest would fail the same way.
					waiting = (await pending(action)).filter((i) => i.state === 'waiting').length;
					break;
				}
			}
		} finally {
			flushing = undefined;
		}
		return { sent, waiting };
	})();
	return flushing;
}
