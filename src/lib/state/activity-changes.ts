import { onMount } from 'svelte';
import { navigating } from '$app/state';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/realtime/events';

// Apart from live-stats.svelte.ts: the screens that only show numbers (kiosk, dashboard, public
// page) do not carry it — a module lands in a page's scripts whole.

/**
 * For pages that show activities from the server (moderation queue, a unit's own list, an edit
 * form): call `onChange` whenever an activity is created or changed, so the page reloads its data
 * at once — a decision by one administrator appears for the others and on the unit's page.
 */
export function followActivityChanges(onChange: () => unknown, unitToken?: string): void {
	onMount(() => {
		const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
			auth: unitToken ? { unitToken } : {},
			reconnectionDelay: 500,
			reconnectionDelayMax: 10_000
		});
		let timer: ReturnType<typeof setTimeout> | undefined;
		const schedule = () => {
			clearTimeout(timer);
			timer = setTimeout(run, 100);
		};
		// SvelteKit abandons a navigation when an invalidation starts after it: a reload here while
		// the user's tap on a link is loading would swallow the tap. Wait until it has landed (if it
		// leaves this page, the timer goes with it).
		// Never while the network is gone: SvelteKit answers a failed reload of the page's data by
		// reloading the whole page, into the browser's offline error (a unit's form with it). The
		// reload waits for the network to come back.
		const run = () => {
			if (navigating.to) schedule();
			else if (navigator.onLine) void onChange();
		};
		socket.on('activity:created', schedule);
		socket.on('activity:updated', schedule);
		// On every (re)connect, catch up on what changed since the page was rendered or the
		// connection dropped: events sent while nobody listened are not replayed.
		socket.on('connect', schedule);
		window.addEventListener('online', schedule);
		return () => {
			clearTimeout(timer);
			window.removeEventListener('online', schedule);
			socket.disconnect();
		};
	});
}
