import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../realtime/events';
import type { Stats, StoredActivity } from '../../domain/stats';
import { publicPart } from '../repositories/activities';
import { publishedHttpServer, type HttpServer } from './http-server';

/** What a socket may see: decided once, on the handshake, from the session cookie. */
export type SocketAccess = 'public' | 'staff' | 'admin';

interface SocketData {
	access: SocketAccess;
}

type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface HubOptions {
	snapshot: () => Promise<Stats>;
	build: string;
	/** Access for a handshake's Cookie header (no cookie → public). */
	authenticate: (cookieHeader: string | undefined) => Promise<SocketAccess>;
}

/** Rooms: everyone is in the default room; leaders and admins also in STAFF_ROOM. */
const STAFF_ROOM = 'staff';
const ADMIN_ROOM = 'admin';

/** Stats are recomputed at most this often during a burst; single submissions go out at once. */
const STATS_INTERVAL_MS = 100;

/**
 * The realtime hub: one Socket.IO server per process, fed by the app after each committed write.
 * It never accepts writes from sockets. Stats broadcasts are coalesced so a burst of submissions
 * costs one aggregate query per interval, not one per submission.
 */
export class Hub {
	readonly io: IO;
	private options: HubOptions;
	private lastStatsAt = 0;
	private pending: ReturnType<typeof setTimeout> | null = null;

	constructor(httpServer: HttpServer, options: HubOptions) {
		this.options = options;
		this.io = new Server<
			ClientToServerEvents,
			ServerToClientEvents,
			Record<string, never>,
			SocketData
		>(httpServer, {
			// Screens and phones send nothing big; refuse large frames outright.
			maxHttpBufferSize: 16 * 1024,
			serveClient: false
		});
		this.io.use((socket, next) => {
			this.options.authenticate(socket.request.headers.cookie).then(
				(access) => {
					socket.data.access = access;
					next();
				},
				() => {
					socket.data.access = 'public';
					next();
				}
			);
		});
		this.io.on('connection', (socket) => {
			const access = socket.data.access;
			if (access === 'staff' || access === 'admin') void socket.join(STAFF_ROOM);
			if (access === 'admin') void socket.join(ADMIN_ROOM);
			socket.emit('server:hello', { build: this.options.build, access });
			this.options.snapshot().then(
				(stats) => socket.emit('stats', stats),
				(error: unknown) => console.error('Không tính được số liệu cho kết nối mới', error)
			);
		});
	}

	setOptions(options: HubOptions): void {
		this.options = options;
	}

	/** Staff get the whole activity; everyone else only its public part. */
	activityCreated(activity: StoredActivity): void {
		this.io.to(STAFF_ROOM).emit('activity:created', activity);
		this.io.except(STAFF_ROOM).emit('activity:created', publicPart(activity));
		this.scheduleStats();
	}

	activityUpdated(activity: StoredActivity): void {
		this.io.to(STAFF_ROOM).emit('activity:updated', activity);
		this.io.except(STAFF_ROOM).emit('activity:updated', publicPart(activity));
		this.scheduleStats();
	}

	/** Leading edge at once, then at most one broadcast per interval while changes keep coming. */
	scheduleStats(): void {
		if (this.pending) return;
		const wait = Math.max(0, this.lastStatsAt + STATS_INTERVAL_MS - Date.now());
		this.pending = setTimeout(() => {
			this.pending = null;
			this.lastStatsAt = Date.now();
			this.options.snapshot().then(
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
export function startHub(options: HubOptions): Hub | undefined {
	const store = globalThis as GlobalWithHub;
	if (store[HUB_KEY]) {
		// Vite may re-run `init` after a reload in dev; keep the one server, refresh its sources.
		store[HUB_KEY].setOptions(options);
		return store[HUB_KEY];
	}
	const httpServer = publishedHttpServer();
	if (!httpServer) return undefined;
	store[HUB_KEY] = new Hub(httpServer, options);
	return store[HUB_KEY];
}

export function hub(): Hub | undefined {
	return (globalThis as GlobalWithHub)[HUB_KEY];
}
