import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import {
	forgetFailures,
	forgetKeysOf,
	pruneFailures,
	recentFailures,
	recordFailures
} from '../repositories/login-failures';

// Sign-in attempts are counted before the password is verified, in one transaction with the
// check, so parallel guesses cannot all slip through before the first failure is written (F1).
// An attempt counts as a failure until it succeeds. Two limits, neither of which lets one person
// lock another out (F8, issue 24):
// - per username and address: 5 failures in 15 minutes, then that address is refused for that
//   username — the guesser is stopped, the owner elsewhere is not;
// - per address: 100 failures in 15 minutes (many usernames from one place: credential stuffing),
//   high enough for an office behind one address.
// There is no limit per username from every address any more: it let a stranger with two
// addresses keep the owner out for good (one wrong guess the moment each slot opened, 429 for the
// owner's right password from anywhere, also after a reset). A guesser with many addresses gets
// five tries per address and quarter hour against a password of at least 10 characters hashed
// with Argon2id. A password reset (`cli admin <name> --reset`) also forgets the name's failures.
//
// A refusal is written to the audit log once per username and address (once per address when the
// address itself is refused) and quarter hour — `firstRefusal` — so 10,000 refused attempts add a
// row or two, not 10,000.

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_PAIR = 5;
export const MAX_FAILURES_PER_ADDRESS = 100;

const pairKey = (username: string, ip: string) => `pair:${username}\n${ip}`;
const ipKey = (ip: string) => `ip:${ip}`;
const userKey = (username: string) => `user:${username}`;
const refusedKey = (key: string) => `refused:${key}`;

export type LoginGate =
	| { allowed: true; attempt: number[] }
	| { allowed: false; retryAfterSeconds: number; firstRefusal: boolean };

const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000));

/**
 * May this username be tried from this address now? If so, the attempt is already counted (as a
 * failure, until `loginSucceeded` forgives it); if not, how long to wait, and whether this is the
 * first refusal of its kind in the window (the one to write down).
 */
export async function reserveLoginAttempt(
	db: Kysely<Database>,
	ip: string,
	username: string
): Promise<LoginGate> {
	return db.transaction().execute(async (trx) => {
		const now = Date.now();
		const at = new Date(now).toISOString();
		const since = new Date(now - LOGIN_WINDOW_MS).toISOString();
		const refuse = async (key: string, first: string | null) => {
			const refusedBefore = (await recentFailures(trx, refusedKey(key), since)).count > 0;
			if (!refusedBefore) await recordFailures(trx, [refusedKey(key)], at);
			return {
				allowed: false as const,
				firstRefusal: !refusedBefore,
				retryAfterSeconds: secondsUntil(Date.parse(first ?? '') + LOGIN_WINDOW_MS || now, now)
			};
		};
		const pair = await recentFailures(trx, pairKey(username, ip), since);
		if (pair.count >= MAX_FAILURES_PER_PAIR) return refuse(pairKey(username, ip), pair.first);
		const address = await recentFailures(trx, ipKey(ip), since);
		if (address.count >= MAX_FAILURES_PER_ADDRESS) return refuse(ipKey(ip), address.first);
		const attempt = await recordFailures(
			trx,
			[pairKey(username, ip), ipKey(ip), userKey(username)],
			at
		);
		// Keep the table small: nothing older than a day matters.
		await pruneFailures(trx, new Date(now - 24 * 60 * 60 * 1000).toISOString());
		return { allowed: true as const, attempt };
	});
}

/** A new password: the name's failures from everywhere are forgotten (a reset clears a block). */
export async function forgetUsernameFailures(
	db: Kysely<Database>,
	username: string
): Promise<void> {
	await forgetKeysOf(db, userKey(username), `pair:${username}\n`, `refused:pair:${username}\n`);
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
