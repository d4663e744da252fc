import type { PublicActivity, Stats, StoredActivity } from '$lib/domain/stats';

/** The one contract between the hub and every screen. Event names are `noun:verb-ed`. */
export interface ServerToClientEvents {
	/** Sent on connect (a full snapshot, so a reconnect never drifts) and after every change. */
	stats: (stats: Stats) => void;
	/** Staff sockets receive the whole stored activity (description, links); others the public part. */
	'activity:created': (activity: PublicActivity | StoredActivity) => void;
	'activity:updated': (activity: PublicActivity | StoredActivity) => void;
	/** Campaign settings or kiosk presets changed: screens reload what they show around the numbers. */
	'campaign:updated': () => void;
	/** The server's build; a screen that sees it change knows a deploy happened. */
	'server:hello': (info: { build: string; access: 'public' | 'staff' | 'admin' }) => void;
}

/** Clients send nothing: all writes go through HTTP, where they are authenticated. */
export type ClientToServerEvents = Record<string, never>;
