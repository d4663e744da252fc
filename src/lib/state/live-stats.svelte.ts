import { onMount } from 'svelte';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/realtime/events';
import type { Stats } from '$lib/domain/stats';
import { applyStatsDelta, deltaFits } from '$lib/domain/stats-delta';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveOptions {
	/** longest wait between reconnection attempts (ms) */
	reconnectionDelayMax?: number;
	/** called when the server that answers runs a different build than the one first seen */
	onNewBuild?: (build: string) => void;
	/** called when the campaign's settings or the kiosk presets change */
	onCampaignUpdated?: () => void;
	/** a kiosk following one unit: the code whose row of the per-unit table it keeps */
	unit?: string | null;
}

/**
 * Live campaign numbers for a screen: starts from the server-rendered snapshot, then follows the
 * hub: a whole `stats` snapshot on every (re)connect, then `stats:delta` after each change. A
 * delta that does not start from the `seq` on screen means one was missed: the screen asks for a
 * snapshot (`stats:resync`) instead of showing numbers that drifted.
 */
export class LiveStats {
	stats = $state<Stats>() as Stats;
	status = $state<ConnectionStatus>('connecting');
	/** When the numbers on screen were last confirmed by the server. */
	updatedAt = $state<number>(Date.now());
	/** The last time anything came from the server (a ping every 5 s, stats, a connect). */
	lastContact = $state<number>(Date.now());
	/** Ids of activities that arrived while watching, for a brief highlight. */
	fresh = $state<number[]>([]);
	/** How many times a missed delta made this screen fetch a snapshot (shown nowhere; tests). */
	resyncs = 0;

	private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
	private build: string | null = null;
	// Bookkeeping only, never rendered: a plain Set is right here.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private freshTimers = new Set<ReturnType<typeof setTimeout>>();

	/** the unit whose per-unit row this screen follows, if any */
	unit: string | null = null;

	constructor(initial: Stats, unit: string | null = null) {
		this.stats = initial;
		this.unit = unit;
	}

	connect(options: LiveOptions = {}): void {
		if (this.socket) return;
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
			auth: this.unit ? { unit: this.unit } : {},
			reconnectionDelay: 500,
			reconnectionDelayMax: options.reconnectionDelayMax ?? 10_000,
			randomizationFactor: 0.3
		});
		this.socket = socket;
		const touch = () => (this.lastContact = Date.now());
		socket.on('connect', () => {
			this.status = 'live';
			touch();
		});
		socket.io.on('ping', touch);
		socket.on('server:hello', ({ build }) => {
			if (this.build === null) this.build = build;
			else if (build !== this.build) options.onNewBuild?.(build);
		});
		socket.on('disconnect', () => {
			this.status = 'reconnecting';
		});
		socket.io.on('reconnect_attempt', () => {
			this.status = 'reconnecting';
		});
		socket.on('stats', (stats) => {
			// A snapshot a moment behind the one on screen (the server-rendered page can be newer
			// than the hub's last delta) is not shown: older totals never follow newer ones, and the
			// next delta brings the screen along. One computed later always wins (a server restarted
			// on a restored database counts from a lower seq).
			if (stats.seq >= this.stats.seq || stats.generatedAt > this.stats.generatedAt) {
				this.stats = stats;
			}
			this.updatedAt = Date.now();
			touch();
		});
		socket.on('stats:delta', (delta) => {
			touch();
			const fits = deltaFits(this.stats, delta);
			if (fits === 'apply') {
				const shown = this.stats.latest.map((activity) => activity.id);
				this.stats = applyStatsDelta(this.stats, delta);
				this.updatedAt = Date.now();
				// New in the feed: highlighted for a moment.
				for (const activity of delta.latest?.upsert ?? []) {
					if (!shown.includes(activity.id)) this.markFresh(activity.id);
				}
			} else if (fits === 'gap') {
				this.resyncs++;
				socket.emit('stats:resync');
			}
		});
		socket.on('campaign:updated', () => options.onCampaignUpdated?.());
	}

	disconnect(): void {
		this.socket?.disconnect();
		this.socket = null;
		for (const timer of this.freshTimers) clearTimeout(timer);
		this.freshTimers.clear();
	}

	private markFresh(id: number): void {
		this.fresh = [...this.fresh, id];
		const timer = setTimeout(() => {
			this.fresh = this.fresh.filter((fresh) => fresh !== id);
			this.freshTimers.delete(timer);
		}, 6000);
		this.freshTimers.add(timer);
	}
}

/**
 * For a page component: follow the hub from the server-rendered snapshot while the page is
 * mounted. Call during component initialisation.
 */
export function followLiveStats(initial: Stats, options: LiveOptions = {}): LiveStats {
	const live = new LiveStats(initial, options.unit);
	onMount(() => {
		live.connect(options);
		return () => live.disconnect();
	});
	return live;
}
