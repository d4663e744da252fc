import type { IncomingMessage } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../realtime/events';
import type { StoredActivity } from '../../domain/stats';
import { diffStats, type StatsDelta } from '../../domain/stats-delta';
import { viewFor, type StatsViews } from '../stats';
import { publishedHttpServer, type HttpServer } from './http-server';
import { log } from '../log';
import { m } from '../../paraglide/messages';
import { forOperator } from '../../i18n/operator-locale';
import { clientAddress, ConnectionsPerAddress } from './address-limit';

/** engine.io's connection: the one HTTP request that opened it, and its end. */
type EngineConnection = {
	request: IncomingMessage;
	once(event: 'close', listener: () => void): unknown;
};

/** What a socket may see: decided once, on the handshake, from the session cookie. */
export type SocketAccess = 'public' | 'staff' | 'admin';

interface SocketData {
	access: SocketAccess;
	unitCode?: string;
	/** the unit link the page sent, re-checked so a revoked link stops the unit's payloads */
	unitToken?: string;
	/** a kiosk following one unit gets that unit's row of the per-unit table */
	watchUnit?: string;
	/** when this socket last got a snapshot it asked for, and whether one is on its way */
	resyncAt?: number;
	resyncing?: boolean;
}

/** Between instances (through the Redis adapter): the numbers moved, here is the new seq. */
interface InterServerEvents {
	'stats:changed': (seq: number) => void;
}

type IO = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface HubOptions {
	snapshot: () => Promise<StatsViews>;
	build: string;
	/** Access for a handshake's Cookie header and the unit token a unit page sends, if any. */
	authenticate: (
		cookieHeader: string | undefined,
		unitToken: string | undefined,
		recheck?: boolean
	) => Promise<{ access: SocketAccess; unitCode?: string }>;
	/** How often staff and unit sockets are checked against their session or link (ms). */
	recheckMs?: number;
	/**
	 * The site's public address (ORIGIN). A browser always says which page opens a socket; one
	 * from another origin would carry this site's cookie (SameSite=Lax covers other ports of the
	 * same host), so it is refused. Clients that are not browsers send no Origin and get only
	 * what their own credentials allow.
	 */
	origin?: string;
	/**
	 * Several instances (REDIS_URL, ./redis.ts): the adapter that carries broadcasts to the screens
	 * of every instance. Numbers (stats deltas) stay per instance — each is computed against what
	 * that instance's screens hold — and the other instances are told to compute theirs.
	 */
	adapter?: ServerOptions['adapter'];
	/** Open connections one client address may hold on this instance (0 or absent: no cap). */
	socketsPerAddress?: number;
}

/**
 * In a burst, numbers go out at most this often (one snapshot read and one delta per audience per
 * interval, whatever the number of writes); a change after a quiet moment goes out at once.
 */
const STATS_INTERVAL_MS = 100;
/** A screen asking for a snapshot again within this time waits for the rest of it. */
const RESYNC_INTERVAL_MS = 1000;

/** Leaders and admins are in STAFF_ROOM; a unit's page is in its own unit room. */
const STAFF_ROOM = 'staff';
const ADMIN_ROOM = 'admin';
const unitRoom = (unitCode: string) => `unit:${unitCode}`;
const watchRoom = (unitCode: string) => `watch:${unitCode}`;
const UNIT_CODE = /^[A-Za-z0-9._-]{1,40}$/;

/**
 * The realtime hub: one Socket.IO server per process, told by `announce` (changes.ts) after each
 * committed write. It never accepts writes from sockets.
 *
 * Screens get a whole snapshot when they connect (or ask after a gap), then deltas: after a change
 * the hub reads the snapshot (small tables, whatever the number of activities), compares it with
 * the one it last sent, and sends what differs, encoded once per audience — staff everything,
 * everyone else no per-unit table (a kiosk following one unit: that unit's row). Every delta names
 * the `seq` it applies to, so a screen that missed one knows it.
 */
export class Hub {
	readonly io: IO;
	private options: HubOptions;
	private lastStatsAt = 0;
	private pending: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate> | null = null;
	/** the snapshots the last deltas led to: what every screen following along now holds */
	private pushed: StatsViews | undefined;
	private rechecking = false;
	private perAddress: ConnectionsPerAddress;

	constructor(httpServer: HttpServer, options: HubOptions) {
		this.options = options;
		this.perAddress = new ConnectionsPerAddress(options.socketsPerAddress ?? 0);
		// A session can end while its dashboard stays open (expiry, sign-out elsewhere, a password
		// reset, a revoked leader link): its socket must stop receiving staff payloads.
		setInterval(() => void this.recheckAccess(), options.recheckMs ?? 60_000).unref();
		this.io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(
			httpServer,
			{
				...(options.adapter ? { adapter: options.adapter } : {}),
				allowRequest: (request, callback) => {
					const origin = request.headers.origin;
					const allowed = origin === undefined || origin === this.allowedOrigin(request);
					if (!allowed) {
						this.warnOrigin(origin);
						return callback('origin', false);
					}
					// (engine.io asks only when a connection begins, not for each of its requests)
					const address = clientAddress(request);
					if (!this.perAddress.allows(address)) {
						this.warnCrowded(address);
						return callback('too many connections from one address', false);
					}
					callback(null, true);
				},
				// Screens and phones send nothing big; refuse large frames outright.
				maxHttpBufferSize: 16 * 1024,
				serveClient: false,
				// A ping every 5 s: a screen whose network silently dropped knows within ~10 s (the
				// default 25 s + 20 s would leave stale numbers up for most of a minute).
				pingInterval: 5000,
				pingTimeout: 5000
			}
		);
		this.io.engine.on('connection', (connection: EngineConnection) => {
			connection.once('close', this.perAddress.enter(clientAddress(connection.request)));
		});
		// Another instance took a change: bring this one's screens up to date.
		this.io.on('stats:changed', (seq) => this.syncWith(seq));
		this.io.use((socket, next) => {
			const auth = socket.handshake.auth as { unitToken?: unknown; unit?: unknown } | undefined;
			const unitToken = typeof auth?.unitToken === 'string' ? auth.unitToken : undefined;
			if (typeof auth?.unit === 'string' && UNIT_CODE.test(auth.unit)) {
				socket.data.watchUnit = auth.unit;
			}
			this.options.authenticate(socket.request.headers.cookie, unitToken).then(
				({ access, unitCode }) => {
					socket.data.access = access;
					socket.data.unitCode = unitCode;
					if (unitCode !== undefined) socket.data.unitToken = unitToken;
					next();
				},
				() => {
					socket.data.access = 'public';
					next();
				}
			);
		});
		this.io.on('connection', (socket) => {
			const { access, unitCode, watchUnit } = socket.data;
			if (access === 'staff' || access === 'admin') void socket.join(STAFF_ROOM);
			if (access === 'admin') void socket.join(ADMIN_ROOM);
			if (unitCode !== undefined) void socket.join(unitRoom(unitCode));
			if (watchUnit !== undefined) void socket.join(watchRoom(watchUnit));
			socket.emit('server:hello', { build: this.options.build, access });
			void this.sendSnapshot(socket);
			socket.on('stats:resync', () => this.resync(socket));
		});
	}

	/**
	 * The snapshot the next delta starts from, so the screen can follow on. It may be a moment
	 * behind the database during a burst; the delta already scheduled brings it up to date.
	 */
	private async sendSnapshot(socket: HubSocket): Promise<void> {
		try {
			this.pushed ??= await this.options.snapshot();
			socket.emit('stats', viewFor(this.pushed, socket.data.access, socket.data.watchUnit));
		} catch (error) {
			log().error('Không tính được số liệu cho kết nối', { err: error });
		}
	}

	/** A screen saw a gap in `seq`: a snapshot, at most once a second per screen. */
	private resync(socket: HubSocket): void {
		if (socket.data.resyncing) return;
		socket.data.resyncing = true;
		const wait = Math.max(0, (socket.data.resyncAt ?? 0) + RESYNC_INTERVAL_MS - Date.now());
		setTimeout(() => {
			socket.data.resyncAt = Date.now();
			socket.data.resyncing = false;
			if (socket.connected) void this.sendSnapshot(socket);
		}, wait);
	}

	/** Origins already reported in the log (a screen retries every few seconds). */
	private warnedOrigins = new Set<string>();

	/** A technician opening the kiosk by another address than ORIGIN must learn why it is not live. */
	private warnOrigin(origin: string): void {
		if (this.warnedOrigins.has(origin) || this.warnedOrigins.size >= 20) return;
		this.warnedOrigins.add(origin);
		log().warn(
			m.start_origin_refused(
				{
					origin: JSON.stringify(origin).slice(0, 120),
					allowed: this.options.origin ?? m.start_origin_self({}, forOperator())
				},
				forOperator()
			)
		);
	}

	/** When each crowded address was last reported in the log (at most once a minute each). */
	private crowdedAt = new Map<string, number>();

	/**
	 * An address at the cap: say so to the operator — behind a proxy without ADDRESS_HEADER every
	 * screen comes from the proxy's one address.
	 */
	private warnCrowded(address: string): void {
		const now = Date.now();
		if (now - (this.crowdedAt.get(address) ?? 0) < 60_000) return;
		if (this.crowdedAt.size > 1000) this.crowdedAt.clear();
		this.crowdedAt.set(address, now);
		log().warn(
			m.start_sockets_crowded(
				{ address, limit: this.options.socketsPerAddress ?? 0 },
				forOperator()
			)
		);
	}

	/** ORIGIN when configured; otherwise (development) the address the request came to. */
	private allowedOrigin(request: { headers: { host?: string } }): string | undefined {
		if (this.options.origin) return new URL(this.options.origin).origin;
		return request.headers.host ? `http://${request.headers.host}` : undefined;
	}

	/**
	 * Re-check every staff socket's session (without extending it) and every unit socket's link;
	 * demote the ones that ended: a revoked unit link stops the unit's whole activities, an ended
	 * session the staff payloads. Runs every `recheckMs`, and at once after a revocation.
	 */
	async recheckAccess(): Promise<void> {
		if (this.rechecking) return;
		this.rechecking = true;
		try {
			const rooms = [...this.io.of('/').adapter.rooms.keys()].filter(
				(room) => room === STAFF_ROOM || room.startsWith('unit:')
			);
			const seen = new Set<string>();
			for (const room of rooms) {
				// This instance's sockets only: each instance re-checks its own.
				for (const socket of await this.io.local.in(room).fetchSockets()) {
					if (seen.has(socket.id)) continue;
					seen.add(socket.id);
					const { access, unitCode } = await this.options
						.authenticate(socket.handshake.headers.cookie, socket.data.unitToken, true)
						.catch(() => ({ access: 'public' as const, unitCode: undefined }));
					if (socket.data.unitCode !== undefined && unitCode !== socket.data.unitCode) {
						socket.leave(unitRoom(socket.data.unitCode));
						socket.data.unitCode = undefined;
						socket.data.unitToken = undefined;
					}
					if (access === socket.data.access) continue;
					socket.data.access = access;
					if (access === 'public') socket.leave(STAFF_ROOM);
					if (access !== 'admin') socket.leave(ADMIN_ROOM);
					socket.emit('server:hello', { build: this.options.build, access });
					this.pushed ??= await this.options.snapshot();
					socket.emit('stats', viewFor(this.pushed, access, socket.data.watchUnit));
				}
			}
		} catch (error) {
			log().error('Không kiểm tra lại được quyền của các kết nối', { err: error });
		} finally {
			this.rechecking = false;
		}
	}

	setOptions(options: HubOptions): void {
		this.options = options;
	}

	/**
	 * Staff and the unit that owns it get the whole activity at once (their pages list
	 * activities); everyone else finds it in the delta that follows — the feed's `latest`, with
	 * moderation on only once approved — so the public's many screens get one message per change,
	 * or per interval in a burst, instead of one per activity on top of the numbers.
	 * `seq` is the campaign's counter after the write.
	 */
	activityCreated(activity: StoredActivity, seq: number): void {
		this.io.to(STAFF_ROOM).emit('activity:created', activity, seq);
		this.io
			.to(unitRoom(activity.unit.code))
			.except(STAFF_ROOM)
			.emit('activity:created', activity, seq);
		this.changed(seq);
	}

	activityUpdated(activity: StoredActivity, seq: number): void {
		this.io.to(STAFF_ROOM).emit('activity:updated', activity, seq);
		this.io
			.to(unitRoom(activity.unit.code))
			.except(STAFF_ROOM)
			.emit('activity:updated', activity, seq);
		this.changed(seq);
	}

	/** Slogan, themes, dates or kiosk presets changed: every screen reloads its page data. */
	campaignUpdated(): void {
		this.io.emit('campaign:updated');
		this.changed();
	}

	/** This instance's numbers moved; with several instances, the others are told. */
	private changed(seq?: number): void {
		this.scheduleStats();
		if (this.options.adapter) this.io.serverSideEmit('stats:changed', seq ?? -1);
	}

	/**
	 * Every screen of this instance gets a fresh snapshot (after Redis was away: whatever this
	 * instance's screens missed from the others is in it).
	 */
	async resyncAll(): Promise<void> {
		try {
			this.pushed = await this.options.snapshot();
			for (const socket of this.io.of('/').sockets.values()) {
				socket.emit('stats', viewFor(this.pushed, socket.data.access, socket.data.watchUnit));
			}
		} catch (error) {
			log().error('Không gửi lại được số liệu cho các màn hình', { err: error });
		}
	}

	/**
	 * Another process changed the data (the CLI's `demo --clear`, say): when the database's change
	 * counter is past what the screens last got, they get the change.
	 */
	syncWith(seq: number): void {
		if (this.pushed && seq !== this.pushed.staff.seq) this.scheduleStats();
	}

	/** The numbers moved: every screen gets the delta (coalesced during a burst). */
	scheduleStats(): void {
		if (this.pending) return;
		const wait = Math.max(0, this.lastStatsAt + STATS_INTERVAL_MS - Date.now());
		const push = () => {
			this.pending = null;
			this.lastStatsAt = Date.now();
			this.options.snapshot().then(
				(views) => this.pushDeltas(views),
				(error: unknown) => log().error('Không phát được số liệu', { err: error })
			);
		};
		// After a quiet moment, as soon as the write's own request is answered (a zero timeout
		// would still wait a millisecond); in a burst, at the next interval.
		this.pending = wait === 0 ? setImmediate(push) : setTimeout(push, wait);
	}

	/** Send each audience what changed since the snapshots it holds; each message encoded once. */
	private pushDeltas(views: StatsViews): void {
		const before = this.pushed;
		this.pushed = views;
		if (!before) {
			// Nobody has followed along yet (no screen had connected): nothing to build on.
			return;
		}
		// To this instance's screens only (io.local): a delta is against what they hold; every
		// instance sends its own.
		const local = this.io.local;
		const staff = diffStats(before.staff, views.staff);
		if (staff) local.to(STAFF_ROOM).emit('stats:delta', staff);
		const everyone = diffStats(before.public, views.public);
		if (!everyone) return;
		// Kiosks following a unit whose row changed get it with the public delta; the others get
		// the public delta alone.
		const units = staff?.byUnit?.upsert ?? [];
		for (const unit of units) {
			const withUnit: StatsDelta = { ...everyone, byUnit: { upsert: [unit] } };
			local.to(watchRoom(unit.code)).except(STAFF_ROOM).emit('stats:delta', withUnit);
		}
		local
			.except([STAFF_ROOM, ...units.map((unit) => watchRoom(unit.code))])
			.emit('stats:delta', everyone);
	}

	async close(): Promise<void> {
		if (this.pending) {
			clearTimeout(this.pending as ReturnType<typeof setTimeout>);
			clearImmediate(this.pending as ReturnType<typeof setImmediate>);
		}
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
