import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../realtime/events';
import type { PublicActivity, Stats } from '../../domain/stats';
import { publishedHttpServer, type HttpServer } from './http-server';

type IO = Server<ClientToServerEvents, ServerToClientEvents>;

/** Stats are recomputed at most this often during a burst; single submissions go out at once. */
const STATS_INTERVAL_MS = 100;

/**
 * The realtime hub: one Socket.IO server per process, fed by the app after each committed write.
 * It never accepts writes from sockets. Stats broadcasts are coalesced so a burst of submissions
 * costs one aggregate query per interval, not one per submission.
 */
export class Hub {
	readonly io: IO;
	private snapshot: () => Promise<Stats>;
	private lastStatsAt = 0;
	private pending: ReturnType<typeof setTimeout> | null = null;

	constructor(
		httpServer: HttpServer,
		snapshot: () => Promise<Stats>,
		private readonly build: string
	) {
		this.snapshot = snapshot;
		this.io = new Server<ClientToServerEvents, ServerToClientEvents>(httpServer, {
			// Screens and phones send nothing big; refuse large frames outright.
			maxHttpBufferSize: 16 * 1024,
			serveClient: false
		});
		this.io.on('connection', (socket) => {
			socket.emit('server:hello', { build: this.build });
			this.snapshot().then(
				(stats) => socket.emit('stats', stats),
				(error: unknown) => console.error('Không tính được số liệu cho kết nối mới', error)
			);
		});
	}

	setSnapshot(snapshot: () => Promise<Stats>): void {
		this.snapshot = snapshot;
	}

	activityCreated(activity: PublicActivity): void {
		this.io.emit('activity:created', activity);
		this.scheduleStats();
	}

	activityUpdated(activity: PublicActivity): void {
		this.io.emit('activity:updated', activity);
		this.scheduleStats();
	}

	/** Leading edge at once, then at most one broadcast per interval while changes keep coming. */
	scheduleStats(): void {
		if (this.pending) return;
		const wait = Math.max(0, this.lastStatsAt + STATS_INTERVAL_MS - Date.now());
		this.pending = setTimeout(() => {
			this.pending = null;
			this.lastStatsAt = Date.now();
			this.snapshot().then(
				(stats) => this.io.emit('stats', stats),
				(error: unknown) => console.error('Không phát được số liệu', error)
			);
		}, wait);
	}

	async close(): Promise<void> {
		if (this.pending) clearTimeout(this.pending);
		await this.io.close();
	}
}

const HUB_KEY = Symbol.for('lantoa.io');
type GlobalWithHub = typeof globalThis & { [HUB_KEY]?: Hub };

/**
 * Attach the hub to the HTTP server the runner published (Vite dev/preview or scripts/start.js).
 * Under vitest and the CLI there is none, and writes simply have nobody to tell.
 */
export function startHub(snapshot: () => Promise<Stats>, build: string): Hub | undefined {
	const store = globalThis as GlobalWithHub;
	if (store[HUB_KEY]) {
		// Vite may re-run `init` after a reload in dev; keep the one server, refresh its source.
		store[HUB_KEY].setSnapshot(snapshot);
		return store[HUB_KEY];
	}
	const httpServer = publishedHttpServer();
	if (!httpServer) return undefined;
	store[HUB_KEY] = new Hub(httpServer, snapshot, build);
	return store[HUB_KEY];
}

export function hub(): Hub | undefined {
	return (globalThis as GlobalWithHub)[HUB_KEY];
}
