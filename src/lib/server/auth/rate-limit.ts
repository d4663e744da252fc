import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import {
	forgetFailures,
	pruneFailures,
	recentFailures,
	recordFailures
} from '../repositories/login-failures';

// Sign-in attempts are counted before the password is verified, in one transaction with the
// check, so parallel guesses cannot all slip through before the first failure is written (F1).
// An attempt counts as a failure until it succeeds. Three limits, none of which lets one person
// lock another out (F8):
// - per username and address: 5 failures in 15 minutes, then that address is refused for that
//   username — the guesser is stopped, the owner elsewhere is not;
// - per address: 100 failures in 15 minutes (many usernames from one place: credential stuffing),
//   high enough for an office behind one address;
// - per username from every address: after 10 failures in 15 minutes (more than one address can
//   make, so it takes a guesser with several), one attempt every 3 minutes — 20 guesses an hour
//   at most, as strong as the old lock of 5 per 15 minutes, and the owner waits 3 minutes at most
//   instead of being locked out.

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_PAIR = 5;
export const MAX_FAILURES_PER_ADDRESS = 100;
export const SLOW_DOWN_AFTER = 10;
export const SLOW_DOWN_MS = 3 * 60 * 1000;

const pairKey = (username: string, ip: string) => `pair:${username}\n${ip}`;
const ipKey = (ip: string) => `ip:${ip}`;
const userKey = (username: string) => `user:${username}`;

export type LoginGate =
	| { allowed: true; attempt: number[] }
	| { allowed: false; retryAfterSeconds: number; slowDown: boolean };

const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000));

/**
 * May this username be tried from this address now? If so, the attempt is already counted (as a
 * failure, until `loginSucceeded` forgives it); if not, how long to wait.
 */
export async function reserveLoginAttempt(
	db: Kysely<Database>,
	ip: string,
	username: string
): Promise<LoginGate> {
	return db.transaction().execute(async (trx) => {
		const now = Date.now();
		const since = new Date(now - LOGIN_WINDOW_MS).toISOString();
		const refuse = (first: string | null, slowDown = false) => ({
			allowed: false as const,
			slowDown,
			retryAfterSeconds: secondsUntil(Date.parse(first ?? '') + LOGIN_WINDOW_MS || now, now)
		});
		const pair = await recentFailures(trx, pairKey(username, ip), since);
		if (pair.count >= MAX_FAILURES_PER_PAIR) return refuse(pair.first);
		const address = await recentFailures(trx, ipKey(ip), since);
		if (address.count >= MAX_FAILURES_PER_ADDRESS) return refuse(address.first);
		const user = await recentFailures(trx, userKey(username), since);
		if (user.count >= SLOW_DOWN_AFTER && user.last) {
			const next = Date.parse(user.last) + SLOW_DOWN_MS;
			if (next > now) {
				return {
					allowed: false as const,
					slowDown: true,
					retryAfterSeconds: secondsUntil(next, now)
				};
			}
		}
		const attempt = await recordFailures(
			trx,
			[pairKey(username, ip), ipKey(ip), userKey(username)],
			new Date(now).toISOString()
		);
		// Keep the table small: nothing older than a day matters.
		await pruneFailures(trx, new Date(now - 24 * 60 * 60 * 1000).toISOString());
		return { allowed: true as const, attempt };
	});
}

/**
 * The password was right: this attempt is not a failure, and the username's earlier failures
 * from this address are forgiven (not those from elsewhere, which may be someone else's guesses).
 */
export async function loginSucceeded(
	db: Kysely<Database>,
	ip: string,
	username: string,
	attempt: number[]
): Promise<void> {
	await forgetFailures(db, attempt, pairKey(username, ip));
}
