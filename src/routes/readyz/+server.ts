import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { appContext, db } from '$lib/server/context';
import { pingDatabase } from '$lib/server/repositories/health';

const TIMEOUT_MS = 2000;
/** How long a refused write keeps the instance "not ready" after it (none since: ready again). */
const STORAGE_MEMORY_MS = 60_000;

/**
 * Readiness: whether this instance should be sent requests — its database answers a read within
 * 2 s and no write was refused by the storage in the last minute (a full disk). 503 with the
 * reason otherwise (and while the server is stopping: scripts/start.js).
 * With several instances, Redis is reported too, but its absence is "degraded", still 200: every
 * instance shares the one Redis, and taking them all out would turn slower screens into an outage.
 */
export const GET: RequestHandler = async () => {
	let database = 'ok';
	try {
		await Promise.race([
			pingDatabase(db()),
			new Promise((_, reject) =>
				setTimeout(
					() => reject(new Error(`không trả lời sau ${TIMEOUT_MS} ms`)),
					TIMEOUT_MS
				).unref()
			)
		]);
	} catch (error) {
		const { code, message } = error as { code?: string; message?: string };
		database = `lỗi: ${code ?? message ?? String(error)}`;
	}
	// A write refused by the storage in the last minute (a full disk): reports cannot be stored.
	const failure = appContext().storageFailure;
	const storage =
		failure && Date.now() - failure.at < STORAGE_MEMORY_MS
			? `lỗi: ${failure.code} lúc ${new Date(failure.at).toISOString()}`
			: 'ok';
	const ready = database === 'ok' && storage === 'ok';
	const redis = appContext().redis?.state();
	const checks = redis === undefined ? { database, storage } : { database, storage, redis };
	return json(
		{ status: !ready ? 'not-ready' : redis === 'down' ? 'degraded' : 'ready', checks },
		{ status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } }
	);
};
