import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import type { PublicActivity, Stats } from '../../src/lib/domain/stats';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
	stats: Stats[];
	created: PublicActivity[];
};

/** A real socket.io client that records what it receives; resolves after its first `stats`. */
export async function connectClient(url: string): Promise<TestSocket> {
	const socket = io(url, { transports: ['websocket'], forceNew: true }) as TestSocket;
	socket.stats = [];
	socket.created = [];
	socket.on('stats', (stats) => socket.stats.push(stats));
	socket.on('activity:created', (activity) => socket.created.push(activity));
	await waitFor(() => socket.stats.length > 0, 10_000, 'first stats');
	return socket;
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition') {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
