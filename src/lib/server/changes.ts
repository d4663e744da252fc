import type { StoredActivity } from '../domain/stats';
import { hub } from './realtime/hub';

// Every committed change is handed here by the route or service that made it, and told to the
// screens (announce). The change's own SQL — tallies and the campaign's `seq` — runs inside its
// transaction in repositories/tallies.ts; the counting rule is src/lib/domain/counting.ts.

/**
 * What the screens are told once a write has committed. Every route and service hands its
 * committed change here (never to the hub directly), so which change reaches which screen, and in
 * what shape, is decided in one place: an activity goes out at once to the staff and its unit,
 * the numbers (with the public feed) follow as a delta (hub.ts), and campaign changes make
 * screens reload their page.
 */
export type Announcement =
	| { kind: 'activity:created' | 'activity:updated'; activity: StoredActivity; seq: number }
	/** reports, units, the cut-off, the moderation setting: only the numbers moved */
	| { kind: 'numbers' }
	/** slogan, dates, kiosk presets, demo removal: screens reload what surrounds the numbers */
	| { kind: 'campaign' }
	/** a unit link or a session was revoked: open sockets are checked again at once */
	| { kind: 'access' };

export function announce(change: Announcement): void {
	const realtime = hub();
	if (!realtime) return; // the CLI and unit tests: nobody to tell (the server's seq watch will)
	switch (change.kind) {
		case 'activity:created':
			return realtime.activityCreated(change.activity, change.seq);
		case 'activity:updated':
			return realtime.activityUpdated(change.activity, change.seq);
		case 'numbers':
			return realtime.scheduleStats();
		case 'campaign':
			return realtime.campaignUpdated();
		case 'access':
			return void realtime.recheckAccess();
	}
}
