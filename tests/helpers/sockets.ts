import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/lib/realtime/events';
import type { PublicActivity, Stats } from '../../src/lib/domain/stats';
import { applyStatsDelta, deltaFits, type StatsDelta } from '../../src/lib/domain/stats-delta';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
	/** the numbers this screen holds after each snapshot or applied delta, oldest first */
	stats: Stats[];
	/** every `stats` snapshot received (on connect and after a resync) */
	snapshots: Stats[];
	deltas: StatsDelta[];
	created: PublicActivity[];
	/** how many times a gap made it ask for a snapshot */
	resyncs: number;
	/** while true, deltas are dropped as if lost on the way */
	dropDeltas: boolean;
};

/**
 * A real socket.io client that follows the numbers as a screen does (snapshot, then deltas, a
 * resync after a gap — the same domain functions as LiveStats); resolves after its first `stats`.
 */
export async function connectClient(
	url: string,
	options: { auth?: Record<string, string>; headers?: Record<string, string> } = {}
): Promise<TestSocket> {
	const socket = io(url, {
		transports: ['websocket'],
		forceNew: true,
		auth: options.auth ?? {},
		extraHeaders: options.headers
	}) as TestSocket;
	socket.stats = [];
	socket.snapshots = [];
	socket.deltas = [];
	socket.created = [];
	socket.resyncs = 0;
	socket.dropDeltas = false;
	socket.on('stats', (stats) => {
		socket.snapshots.push(stats);
		socket.stats.push(stats);
	});
	socket.on('stats:delta', (delta) => {
		if (socket.dropDeltas) return;
		socket.deltas.push(delta);
		const current = socket.stats.at(-1);
		if (!current) return;
		const fits = deltaFits(current, delta);
		if (fits === 'apply') socket.stats.push(applyStatsDelta(current, delta));
		else if (fits === 'gap') {
			socket.resyncs++;
			socket.emit('stats:resync');
		}
	});
	socket.on('activity:created', (activity) => socket.created.push(activity));
	await waitFor(() => socket.stats.length > 0, 10_000, 'first stats');
	return socket;
}

export async function waitFor(
	check: () => boolean | Promise<boolean>,
	timeoutMs = 5000,
	what = 'condition'
) {
	const started = Date.now();
	while (!(await check())) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
