import type { PublicActivity, Stats, StoredActivity } from '$lib/domain/stats';
import type { StatsDelta } from '$lib/domain/stats-delta';

/**
 * The one contract between the hub and every screen. Event names are `noun:verb-ed`.
 *
 * A screen gets a whole `stats` snapshot when it connects, then a `stats:delta` after each change
 * (coalesced to at most ten a second in a burst). Each delta names the `seq` it applies to
 * (`from`) and the one it leads to (`seq`); a screen holding another `seq` missed a delta and
 * sends `stats:resync`, answered with a snapshot. Staff get every part of the numbers; everyone
 * else no per-unit table (`byUnit` is empty), except a kiosk that follows one unit (handshake
 * `auth: { unit: "<code>" }`), which gets that unit's row.
 */
export interface ServerToClientEvents {
	/** A whole snapshot: on connect, after `stats:resync`, and when a session's access changes. */
	stats: (stats: Stats) => void;
	/** What changed in the numbers; apply it only when `from` equals the `seq` on screen. */
	'stats:delta': (delta: StatsDelta) => void;
	/**
	 * Staff sockets, and the unit's own page, receive the whole stored activity (description,
	 * links); others the public part. The second argument is the campaign's `seq` after the write.
	 */
	'activity:created': (activity: PublicActivity | StoredActivity, seq: number) => void;
	'activity:updated': (activity: PublicActivity | StoredActivity, seq: number) => void;
	/** Campaign settings or kiosk presets changed: screens reload what they show around the numbers. */
	'campaign:updated': () => void;
	/** The server's build; a screen that sees it change knows a deploy happened. */
	'server:hello': (info: { build: string; access: 'public' | 'staff' | 'admin' }) => void;
}

/**
 * Clients change nothing through the socket (all writes go through HTTP, where they are
 * authenticated); the one thing they may ask is a snapshot after a gap, at most once a second.
 */
export interface ClientToServerEvents {
	'stats:resync': () => void;
}
