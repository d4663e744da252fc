import { flush, onOutboxChange, pending, queue, type OutboxItem } from './outbox';

// The unit page's view of its outbox: the reports still on the device, and the sending loop —
// at once when the form hands a report over, whenever the browser says it is back online or the
// page comes back to the front, and otherwise again and again with a growing pause (5 s doubling
// to 2 min) while some wait. Every
// browser gets this loop (Safari has no Background Sync); where Background Sync exists, the service
// worker is also asked to send when the connection returns, even with the page closed.

const FIRST_PAUSE_MS = 5_000;
const LONGEST_PAUSE_MS = 120_000;

/** A key for a report that no other report, on any device, will have. */
export function newReportKey(): string {
	// crypto.randomUUID needs a secure context; the server may be reached over plain http on a LAN.
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return `form:${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export class Outbox {
	items = $state<OutboxItem[]>([]);
	sending = $state(false);
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	/** storage refused (private mode of an old browser): reports go out directly as before */
	unavailable = $state(false);
	/** the titles of the reports that waited here and have just reached the server */
	delivered = $state<string[]>([]);

	private pause = FIRST_PAUSE_MS;
	private stopped = false;
	private timer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		private readonly action: string,
		private readonly onSent: () => void
	) {}

	/** Start following the outbox; returns the stop function (for an $effect). */
	start(): () => void {
		const online = () => {
			this.online = true;
			this.pause = FIRST_PAUSE_MS;
			void this.sendNow();
		};
		const offline = () => (this.online = false);
		const visible = () => {
			if (document.visibilityState === 'visible') void this.sendNow();
		};
		addEventListener('online', online);
		addEventListener('offline', offline);
		document.addEventListener('visibilitychange', visible);
		// Every change to the outbox (here, another tab, the service worker) refreshes the list.
		const stopWatching = onOutboxChange(() => void this.refresh());
		void this.refresh().then(() => this.sendNow());
		return () => {
			removeEventListener('online', online);
			removeEventListener('offline', offline);
			document.removeEventListener('visibilitychange', visible);
			stopWatching();
			clearTimeout(this.timer);
		};
	}

	get waiting(): number {
		return this.items.filter((item) => item.state === 'waiting').length;
	}

	/** Stop for good, before the device forgets everything (reading the outbox would create it anew). */
	stop(): void {
		this.stopped = true;
		clearTimeout(this.timer);
	}

	async refresh(): Promise<void> {
		if (this.stopped) return;
		try {
			this.items = await pending(this.action);
			this.unavailable = false;
		} catch {
			this.unavailable = true;
		}
	}

	/** Keep a report on the device before anything is sent; false if the browser refuses. */
	async keep(item: OutboxItem): Promise<boolean> {
		try {
			await queue(item);
			// Ask the browser not to clear this site's storage when the phone runs short of space
			// (granted silently by Chromium for a site in use; elsewhere a no-op).
			void navigator.storage?.persist?.().catch(() => false);
			return true;
		} catch {
			this.unavailable = true;
			return false;
		}
	}

	/**
	 * A report the form could not deliver is now the outbox's: the page's own loop starts at once
	 * (no service worker in some in-app browsers; and when the server stored the report but its
	 * answer was lost, the same key brings back "already here" and the report leaves the outbox),
	 * and where the browser can, the service worker is asked to send when the connection returns.
	 */
	handOver(): void {
		this.pause = FIRST_PAUSE_MS;
		void this.sendNow();
		this.requestBackgroundSync();
	}

	/** Ask the service worker to send when the connection returns (where the browser can). */
	private requestBackgroundSync(): void {
		void navigator.serviceWorker?.ready
			.then((registration) =>
				(
					registration as ServiceWorkerRegistration & {
						sync?: { register(tag: string): Promise<void> };
					}
				).sync?.register('lantoa-outbox')
			)
			.catch(() => {});
	}

	async sendNow(): Promise<void> {
		clearTimeout(this.timer);
		if (this.sending || this.stopped) return;
		// The browser knows it has no network: nothing to try until its 'online' event (which
		// sends at once). A page reloaded offline tried anyway, through its service worker.
		if (!navigator.onLine) {
			this.online = false;
			return;
		}
		this.sending = true;
		let result: { sent: string[]; waiting: number };
		try {
			result = await flush(this.action);
		} catch {
			result = { sent: [], waiting: this.waiting };
		} finally {
			this.sending = false;
		}
		await this.refresh();
		if (result.sent.length > 0) {
			this.delivered = result.sent;
			this.onSent();
		}
		if (this.waiting > 0) {
			this.timer = setTimeout(() => void this.sendNow(), this.pause);
			this.pause = Math.min(this.pause * 2, LONGEST_PAUSE_MS);
		} else {
			this.pause = FIRST_PAUSE_MS;
		}
	}
}
