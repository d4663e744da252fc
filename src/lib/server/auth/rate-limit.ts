import type { DB } from '../db/open';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_IP = 20;

const ipKey = (ip: string) => `ip:${ip}`;
const userKey = (username: string) => `user:${username}`;

async function failuresSince(db: DB, key: string, since: string): Promise<number> {
	const row = await db
		.selectFrom('login_failures')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('key', '=', key)
		.where('at', '>', since)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Too many recent failures from this address or for this username? */
export async function loginBlocked(db: DB, ip: string, username: string): Promise<boolean> {
	const since = new Date(Date.now() - LOGIN_WINDOW_MS).toISOString();
	const [byIp, byUser] = await Promise.all([
		failuresSince(db, ipKey(ip), since),
		failuresSince(db, userKey(username), since)
	]);
	return byIp >= MAX_FAILURES_PER_IP || byUser >= MAX_FAILURES_PER_USERNAME;
}

export async function recordLoginFailure(db: DB, ip: string, username: string): Promise<void> {
	await db
		.insertInto('login_failures')
		.values([{ key: ipKey(ip) }, { key: userKey(username) }])
		.execute();
	// Keep the table small: nothing older than a day matters.
	await db
		.deleteFrom('login_failures')
		.where('at', '<', new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString())
		.execute();
}

/** A successful sign-in forgives the username's failures (not the address's). */
export async function clearUsernameFailures(db: DB, username: string): Promise<void> {
	await db.deleteFrom('login_failures').where('key', '=', userKey(username)).execute();
}
