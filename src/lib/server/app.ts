import { env } from '$env/dynamic/private';
import { explainDatabaseError, openDatabase, StartupError } from './db/open';
import { bundledMigrations } from './db/migrations';
import { readConfig } from './config';
import { db, provideContext } from './context';
import { ensureFirstAdmin } from './first-admin';
import { markServerRunning, scheduleBackups } from './backup-schedule';
import { currentStats } from './live-stats';
import { findActiveCampaign } from './repositories/campaigns';
import { lastAccessChange } from './repositories/units';
import { startHub } from './realtime/hub';
import { socketAccess } from './realtime/socket-auth';
import { connectRedis } from './realtime/redis';

/**
 * The server's start, called once from `init` in hooks.server.ts: read the settings (config.ts),
 * open and migrate the database
 * (context.ts keeps the handle), the first administrator (first-admin.ts), the realtime hub with
 * its socket authentication (realtime/socket-auth.ts) and its snapshots (live-stats.ts).
 */
export async function initApp(build: string): Promise<void> {
	const config = readConfig(env);
	let context;
	try {
		context = await provideContext(config, () =>
			openDatabase(config.DATABASE_URL, bundledMigrations, {
				maxMb: config.DATABASE_MAX_MB,
				synchronous: config.DATABASE_SYNC,
				poolSize: config.DATABASE_POOL_SIZE
			})
		);
	} catch (error) {
		const explanation = explainDatabaseError(error, config.DATABASE_URL);
		if (!explanation) throw error;
		throw new StartupError(explanation, { cause: error });
	}
	await ensureFirstAdmin(context.db, config);
	const unmark = markServerRunning(config);
	const stopBackups = scheduleBackups(config);
	// Several instances: broadcasts through Redis (realtime/redis.ts). The instance starts and
	// serves even while Redis cannot be reached.
	const redis = config.REDIS_URL ? await connectRedis(config.REDIS_URL) : undefined;
	context.redis = redis;
	const realtime = startHub({
		adapter: redis?.adapter,
		snapshot: currentStats,
		build,
		authenticate: (cookies, unitToken, recheck) => socketAccess(db(), cookies, unitToken, recheck),
		recheckMs: config.SOCKET_RECHECK_SECONDS * 1000,
		origin: config.ORIGIN,
		socketsPerAddress: config.SOCKETS_PER_ADDRESS
	});
	// The CLI writes to the same database from its own process (`demo --clear`): one indexed
	// read every few seconds notices its changes and brings the screens up to date.
	// The same for access it ends (`cli link` revokes a unit's link, `cli admin --reset`, a leader
	// link revoked on another instance): the sockets that held it are checked again within seconds.
	// Redis back after an outage: what this instance's screens missed from the others, at once.
	redis?.onRecovered(() => void realtime?.resyncAll());
	// With several instances this read is also what keeps screens right while Redis is away.
	let watch: ReturnType<typeof setInterval> | undefined;
	if (realtime) {
		let accessMark: string | undefined;
		watch = setInterval(() => {
			findActiveCampaign(db()).then(
				(campaign) => realtime.syncWith(campaign.seq),
				() => {}
			);
			lastAccessChange(db()).then(
				(mark) => {
					if (accessMark !== undefined && mark !== accessMark) void realtime.recheckAccess();
					accessMark = mark;
				},
				() => {}
			);
		}, 3000).unref();
	}

	// scripts/start.js calls this on SIGTERM/SIGINT once every request has been answered: the
	// database is closed cleanly (its write-ahead log checkpointed) before the process exits.
	(globalThis as GlobalWithClose)[CLOSE_KEY] = async () => {
		if (watch) clearInterval(watch);
		stopBackups();
		await redis?.close();
		await context.db.destroy();
		unmark();
	};
}

const CLOSE_KEY = Symbol.for('lantoa.close');
type GlobalWithClose = typeof globalThis & { [CLOSE_KEY]?: () => Promise<void> };
