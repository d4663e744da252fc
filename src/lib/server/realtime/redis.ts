import type { Redis as RedisClient, RedisOptions } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import { log as logger, type Log } from '../log';

// Several instances behind one address (issue 13): with REDIS_URL, the Socket.IO hub uses the
// official @socket.io/redis-adapter, so an activity taken by one instance reaches the dashboards
// connected to every other at once, and each instance hears that the numbers moved. (Not the
// PostgreSQL adapter: its LISTEN client has no error handler, so a database restart would kill
// every instance.) Redis is a relay, never a store: when it is away, each instance keeps serving
// its own screens, which still catch up with the database's change counter every 3 s (app.ts);
// it is said in the log once and in /readyz, and screens get a fresh snapshot when it is back.
//
// Two guards the adapter does not give:
// - It publishes without waiting for the result. ioredis would queue commands while
//   disconnected and then reject them (an unhandled rejection ends a Node process), or replay
//   a backlog of stale broadcasts on reconnect. The publishing client therefore has no offline
//   queue, and a publish that fails is dropped quietly — the 3-s catch-up covers it.
// - Both clients need an 'error' listener, or a lost connection crashes the process.

export type RedisState = 'ok' | 'down';

export interface RedisLink {
	/** For the Socket.IO server's `adapter` option. */
	adapter: NonNullable<ServerOptions['adapter']>;
	state: () => RedisState;
	/** Called each time both connections are back after an outage. */
	onRecovered: (listener: () => void) => void;
	close: () => Promise<void>;
}

/** An address as it may be printed: a password in it is masked. */
function printable(url: string): string {
	return url.replace(/^([a-z]+:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

export async function connectRedis(
	url: string,
	log: Pick<Log, 'info' | 'error'> = logger()
): Promise<RedisLink> {
	const { Redis } = await import('ioredis');
	const { createAdapter } = await import('@socket.io/redis-adapter');
	const common: RedisOptions = {
		// Try again every ~2 s for as long as it takes.
		retryStrategy: (times) => Math.min(times * 200, 2000),
		connectTimeout: 5000,
		connectionName: 'lantoa'
	};
	// The subscriber keeps its queue: the adapter subscribes at once, before the connection is
	// made, and ioredis subscribes again by itself after every reconnect.
	const sub: RedisClient = new Redis(url, { ...common, maxRetriesPerRequest: null });
	const pub: RedisClient = new Redis(url, {
		...common,
		enableOfflineQueue: false,
		maxRetriesPerRequest: 1
	});
	const publish = pub.publish.bind(pub) as (channel: string, message: string) => Promise<number>;
	(pub as unknown as { publish: typeof publish }).publish = (channel, message) => {
		const sent = publish(channel, message);
		sent.catch(() => {});
		return sent;
	};

	const where = printable(url);
	let state: RedisState | 'starting' = 'starting';
	let everReady = false;
	const listeners: (() => void)[] = [];
	const update = (reason?: string) => {
		const next: RedisState = pub.status === 'ready' && sub.status === 'ready' ? 'ok' : 'down';
		// Still connecting at start: only a failure is worth a line.
		if (next === state || (state === 'starting' && next === 'down' && !reason)) return;
		state = next;
		if (next === 'ok') {
			log.info(
				everReady
					? `Redis: đã kết nối lại ${where}; các màn hình nhận lại số liệu mới nhất.`
					: `Redis: đã kết nối ${where} (màn hình ở mọi máy chủ nhận thay đổi ngay).`
			);
			if (everReady) for (const listener of listeners) listener();
			everReady = true;
		} else if (!everReady) {
			log.error(
				`Redis: chưa kết nối được ${where}${reason ? ` (${reason})` : ''}; máy chủ vẫn phục vụ và thử lại mỗi 2 giây.`
			);
		} else {
			log.error(
				`Redis: mất kết nối ${where}${reason ? ` (${reason})` : ''}; máy chủ vẫn phục vụ, màn hình nối với máy chủ khác cập nhật chậm hơn (≤ 3 s) cho tới khi có lại.`
			);
		}
	};
	for (const client of [pub, sub]) {
		client.on('ready', () => update());
		client.on('close', () => update());
		client.on('end', () => update());
		client.on('error', (error: Error & { code?: string }) => update(error.code ?? error.message));
	}

	return {
		adapter: createAdapter(pub, sub, { key: 'lantoa' }),
		state: () => (state === 'ok' ? 'ok' : 'down'),
		onRecovered: (listener) => listeners.push(listener),
		async close() {
			for (const client of [pub, sub]) client.disconnect();
		}
	};
}
