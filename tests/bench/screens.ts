// A child process of `npm run bench` holding many screens (socket.io clients), so the server is
// measured with its clients outside its own process and outside the bench's. Commands come over
// IPC; times are wall-clock milliseconds with sub-millisecond precision
// (performance.timeOrigin + performance.now()), comparable between processes of one machine.
import { io, type Socket } from 'socket.io-client';
import type { Stats } from '../../src/lib/domain/stats';
import { applyStatsDelta, deltaFits, type StatsDelta } from '../../src/lib/domain/stats-delta';

export type ScreensCommand =
	| {
			type: 'connect';
			url: string;
			count: number;
			/**
			 * follow: apply snapshots and deltas like a screen; listen: activities only (the bare
			 * server sends nothing else); idle: hold the connection only
			 */
			mode: 'follow' | 'listen' | 'idle';
			auth?: Record<string, string>;
	  }
	| { type: 'expect'; marker: string }
	| { type: 'totals' }
	| { type: 'close' };

export type ScreensReply =
	| { type: 'connected'; count: number }
	| {
			type: 'arrived';
			marker: string;
			/** when each screen received the activity (in a delta's feed, or bare: the event) */
			activity: number[];
			/** when each screen had numbers at least as new as the activity (deltas applied) */
			numbers: number[];
			/** bytes of the message that carried the activity to the first screen */
			bytes: number;
	  }
	| { type: 'totals'; totals: Record<string, number>; resyncs: number; deltas: number }
	| { type: 'error'; message: string };

const now = () => performance.timeOrigin + performance.now();
const send = (reply: ScreensReply) => process.send!(reply);

interface Screen {
	socket: Socket;
	stats?: Stats;
}

const screens: Screen[] = [];
let resyncs = 0;
let deltas = 0;
/** The marker being waited for, and per screen when its activity and its numbers arrived. */
let waiting:
	| {
			marker: string;
			seq?: number;
			bytes: number;
			activity: (number | undefined)[];
			numbers: (number | undefined)[];
	  }
	| undefined;

function checkDone() {
	if (!waiting) return;
	if (waiting.activity.some((t) => t === undefined)) return;
	// A bare server sends no numbers: the activity is all there is to wait for.
	if (waiting.seq !== undefined && waiting.numbers.some((t) => t === undefined)) return;
	send({
		type: 'arrived',
		marker: waiting.marker,
		activity: waiting.activity as number[],
		numbers: waiting.seq === undefined ? [] : (waiting.numbers as number[]),
		bytes: waiting.bytes
	});
	waiting = undefined;
}

function activityArrived(index: number, message: unknown) {
	if (!waiting || waiting.activity[index] !== undefined) return;
	waiting.activity[index] = now();
	if (index === 0) waiting.bytes = Buffer.byteLength(JSON.stringify(message));
}

/**
 * listen: the bare server's clients, which get `activity:created`. follow: a public screen of the
 * app, which finds the new activity in the delta's feed together with the numbers.
 */
function follow(screen: Screen, index: number, numbers: boolean) {
	const { socket } = screen;
	if (!numbers) {
		socket.on('activity:created', (activity: { title: string }) => {
			if (!waiting || !activity.title.endsWith(waiting.marker)) return;
			activityArrived(index, activity);
			checkDone();
		});
		return;
	}
	socket.on('stats', (stats: Stats) => {
		if (!screen.stats || stats.seq >= screen.stats.seq) screen.stats = stats;
		numbersArrived(screen, index);
	});
	socket.on('stats:delta', (delta: StatsDelta) => {
		deltas++;
		// Delivery is stamped on receipt, as for the bare clients; applying the delta (a screen's
		// own work) waits until the messages that arrived together are all stamped, so it does not
		// delay the stamps of this process's other screens.
		if (waiting && delta.latest?.upsert.some((a) => a.title.endsWith(waiting!.marker))) {
			waiting.seq ??= delta.seq;
			activityArrived(index, delta);
			if (waiting.numbers[index] === undefined) waiting.numbers[index] = now();
			checkDone();
		}
		setImmediate(() => {
			if (!screen.stats) return;
			const fits = deltaFits(screen.stats, delta);
			if (fits === 'apply') screen.stats = applyStatsDelta(screen.stats, delta);
			else if (fits === 'gap') {
				resyncs++;
				socket.emit('stats:resync');
			}
			numbersArrived(screen, index);
		});
	});
}

function numbersArrived(screen: Screen, index: number) {
	if (!waiting || waiting.seq === undefined || waiting.numbers[index] !== undefined) return;
	if (screen.stats && screen.stats.seq >= waiting.seq) {
		waiting.numbers[index] = now();
		checkDone();
	}
}

async function connect(command: Extract<ScreensCommand, { type: 'connect' }>) {
	for (let i = 0; i < command.count; i += 100) {
		const batch = Array.from({ length: Math.min(100, command.count - i) }, () => {
			const socket = io(command.url, {
				transports: ['websocket'],
				forceNew: true,
				reconnection: false,
				auth: command.auth ?? {}
			});
			const screen: Screen = { socket };
			const index = screens.push(screen) - 1;
			if (command.mode !== 'idle') follow(screen, index, command.mode === 'follow');
			return new Promise<void>((resolve, reject) => {
				socket.once('connect', () => resolve());
				socket.once('connect_error', reject);
			});
		});
		await Promise.all(batch);
	}
	// Followers are ready once their first snapshot is in.
	if (command.mode === 'follow') {
		while (screens.some((s) => !s.stats)) {
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
	send({ type: 'connected', count: screens.length });
}

process.on('message', (command: ScreensCommand) => {
	switch (command.type) {
		case 'connect':
			connect(command).catch((error: Error) => send({ type: 'error', message: error.message }));
			break;
		case 'expect':
			waiting = {
				marker: command.marker,
				bytes: 0,
				activity: screens.map(() => undefined),
				numbers: screens.map(() => undefined)
			};
			break;
		case 'totals': {
			const totals: Record<string, number> = {};
			for (const screen of screens) {
				const key = JSON.stringify(screen.stats?.totals ?? null);
				totals[key] = (totals[key] ?? 0) + 1;
			}
			send({ type: 'totals', totals, resyncs, deltas });
			break;
		}
		case 'close':
			for (const screen of screens) screen.socket.disconnect();
			setTimeout(() => process.exit(0), 50);
			break;
	}
});
