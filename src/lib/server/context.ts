import type { ServerConfig } from './config';
import type { DB } from './db/open';
import type { StatsViews } from './stats';
import type { RedisLink } from './realtime/redis';

/**
 * What the server keeps between requests: its settings, the database handle, and the aggregates last computed
 * from it (valid only for that handle). This variable and the realtime hub are the only
 * module-level state of the server; state that belongs to one database handle (the group commit's
 * queue, the unit-link key) is kept against the handle itself.
 */
export interface AppContext {
	db: DB;
	config: ServerConfig;
	statsCache?: { seq: number; campaignId: number; moderation: number; views: StatsViews };
	/** Several instances: the link to Redis that carries the screens' broadcasts (REDIS_URL). */
	redis?: RedisLink;
	/** The last write the storage refused (a full disk): /readyz says so for a while. */
	storageFailure?: { at: number; code: string };
}

let context: AppContext | undefined;

/** Set once by initApp (app.ts); a second call keeps the first handle. */
export async function provideContext(
	config: ServerConfig,
	open: () => Promise<DB>
): Promise<AppContext> {
	if (context) return context;
	const db = await open();
	return (context ??= { db, config });
}

export function appContext(): AppContext {
	if (!context) throw new Error('Database used before init');
	return context;
}

export function db(): DB {
	return appContext().db;
}

/** A write the storage refused: kept for /readyz (the instance cannot store reports now). */
export function noteStorageFailure(code: string): void {
	if (context) context.storageFailure = { at: Date.now(), code };
}
