import { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../realtime/events';
import type { StoredActivity } from '../../domain/stats';
import type { StatsViews } from '../stats';
import { publicPart } from '../repositories/activities';
import { publishedHttpServer, type HttpServer } from './http-server';

/** What a socket may see: decided once, on the handshake, from the session cookie. */
export type SocketAccess = 'public' | 'staff' | 'admin';

interface SocketData {
	access: SocketAccess;
	unitCode?: string;
}

type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface HubOptions {
	snapshot: () => Promise<StatsViews>;
	build: string;
	/** Access for a handshake's Cookie header and the unit token a unit page sends, if any. */
	authenticate: (
		cookieHeader: string | undefined,
		unitToken: string | undefined,
		recheck?: boolean
	) => Promise<{ access: SocketAccess; unitCode?: string }>;
	/** How often staff sockets are checked against their session (ms). */
	recheckMs?: number;
}

/** Stats are recomputed at most this often during a burst; single submissions go out at once. */
const STATS_INTERVAL_MS = 100;

/** Leaders and admins are in STAFF_ROOM; a unit's page is in its own unit room. */
const STAFF_ROOM = 'staff';
const ADMIN_ROOM = 'admin';
const unitRoom = (unitCode: string) => `unit:${unitCode}`;

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
	/** the change counter of the last numbers sent to the screens */
	private pushedSeq: number | undefined;
	private rechecking = false;

	constructor(httpServer: HttpServer, options: HubOptions) {
		this.options = options;
		// A session can end while its dashboard stays open (expiry, sign-out elsewhere, a password
		// reset, a revoked leader link): its socket must stop receiving staff payloads.
		setInterval(() => void this.recheckStaff(), options.recheckMs ?? 60_000).unref();
		this.io = new Server<
			ClientToServerEvents,
			ServerToClientEvents,
			Record<string, never>,
			SocketData
		>(httpServer, {
			// Screens and phones send nothing big; refuse large frames outright.
			maxHttpBufferSize: 16 * 1024,
			serveClient: false,
			// A ping every 5 s: a screen whose network silently dropped knows within ~10 s (the
			// default 25 s + 20 s would leave stale numbers up for most of a minute).
			pingInterval: 5000,
			pingTimeout: 5000
		});
		this.io.use((socket, next) => {
			const auth = socket.handshake.auth as { unitToken?: unknown } | undefined;
			const unitToken = typeof auth?.unitToken === 'string' ? auth.unitToken : undefined;
			this.options.authenticate(socket.request.headers.cookie, unitToken).then(
				({ access, unitCode }) => {
					socket.data.access = access;
					socket.data.unitCode = unitCode;
					next();
				},
				() => {
					socket.data.access = 'public';
					next();
				}
			);
		});
		this.io.on('connection', (socket) => {
			const { access, unitCode } = socket.data;
			if (access === 'staff' || access === 'admin') void socket.join(STAFF_ROOM);
			if (access === 'admin') void socket.join(ADMIN_ROOM);
			if (unitCode !== undefined) void socket.join(unitRoom(unitCode));
			socket.emit('server:hello', { build: this.options.build, access });
			this.options.snapshot().then(
				(views) => socket.emit('stats', access === 'public' ? views.public : views.staff),
				(error: unknown) => console.error('Không tính được số liệu cho kết nối mới', error)
			);
		});
	}

	/** Re-check every staff socket's session (without extending it); demote the ended ones. */
	private async recheckStaff(): Promise<void> {
		if (this.rechecking) return;
		this.rechecking = true;
		try {
			for (const socket of await this.io.in(STAFF_ROOM).fetchSockets()) {
				const { access } = await this.options
					.authenticate(socket.handshake.headers.cookie, undefined, true)
					.catch(() => ({ access: 'public' as const }));
				if (access === socket.data.access) continue;
				socket.data.access = access;
				if (access === 'public') socket.leave(STAFF_ROOM);
				if (access !== 'admin') socket.leave(ADMIN_ROOM);
				socket.emit('server:hello', { build: this.options.build, access });
				const views = await this.options.snapshot();
				socket.emit('stats', access === 'public' ? views.public : views.staff);
			}
		} catch (error) {
			console.error('Không kiểm tra lại được phiên của các kết nối', error);
		} finally {
			this.rechecking = false;
		}
	}

	setOptions(options: HubOptions): void {
		this.options = options;
	}

	/**
	 * Staff get the whole activity; the unit that owns it too; everyone else its public part, and
	 * with moderation on only once it is approved.
	 */
	activityCreated(activity: StoredActivity, moderation: boolean): void {
		this.io.to(STAFF_ROOM).emit('activity:created', activity);
		this.io.to(unitRoom(activity.unit.code)).except(STAFF_ROOM).emit('activity:created', activity);
		if (!moderation) this.io.except(STAFF_ROOM).emit('activity:created', publicPart(activity));
		this.scheduleStats();
	}

	/** `before` is the activity as it was: an approval is "new" for the public screens. */
	activityUpdated(activity: StoredActivity, before: StoredActivity, moderation: boolean): void {
		this.io.to(STAFF_ROOM).emit('activity:updated', activity);
		this.io.to(unitRoom(activity.unit.code)).except(STAFF_ROOM).emit('activity:updated', activity);
		const visible = (a: StoredActivity) =>
			!a.withdrawn && a.status !== 'rejected' && (!moderation || a.status === 'approved');
		if (visible(activity)) {
			this.io
				.except(STAFF_ROOM)
				.emit(visible(before) ? 'activity:updated' : 'activity:created', publicPart(activity));
		}
		this.scheduleStats();
	}

	/** Slogan, themes, dates or kiosk presets changed: every screen reloads its page data. */
	campaignUpdated(): void {
		this.io.emit('campaign:updated');
		this.scheduleStats();
	}

	/**
	 * Another process changed the data (the CLI's `demo --clear`, say): when the database's change
	 * counter is past what the screens last got, they get fresh numbers.
	 */
	syncWith(seq: number): void {
		if (this.pushedSeq !== undefined && seq !== this.pushedSeq) this.scheduleStats();
		this.pushedSeq ??= seq;
	}

	/** Leader and admin screens of every kind (moderation queue, dashboard) refresh on this. */
	scheduleStats(): void {
		if (this.pending) return;
		const wait = Math.max(0, this.lastStatsAt + STATS_INTERVAL_MS - Date.now());
		this.pending = setTimeout(() => {
			this.pending = null;
			this.lastStatsAt = Date.now();
			this.options.snapshot().then(
				(views) => {
					this.pushedSeq = views.staff.seq;
					this.io.to(STAFF_ROOM).emit('stats', views.staff);
					this.io.except(STAFF_ROOM).emit('stats', views.public);
				},
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
