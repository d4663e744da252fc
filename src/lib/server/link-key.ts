import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { m } from '../paraglide/messages';

/**
 * The key unit links are derived from. It lives outside the database — `LANTOA_SECRET`, or the
 * file `lantoa.secret` created beside the database file (mode 600) on first use — so the
 * server can show a unit's current link again while a copy of the database alone opens nothing.
 */
let key: Buffer | undefined;
let location: string | undefined;
let required = false;

/**
 * Called by openDatabase with the database file, so the CLI and the server share the key;
 * without a file (PostgreSQL) LANTOA_SECRET is the key, shared by every instance.
 */
export function configureLinkKey(databasePath: string | undefined): void {
	required = databasePath === undefined;
	location =
		databasePath === undefined || databasePath === ':memory:'
			? undefined
			: join(dirname(databasePath), 'lantoa.secret');
	key = undefined;
}

function linkKey(): Buffer {
	if (key) return key;
	const fromEnv = process.env.LANTOA_SECRET?.trim();
	if (fromEnv) {
		if (fromEnv.length < 32) throw new Error(m.link_key_short());
		return (key = Buffer.from(fromEnv, 'utf8'));
	}
	if (required) {
		throw new Error(m.link_key_missing());
	}
	if (!location) return (key = randomBytes(32));
	if (!existsSync(location)) {
		try {
			writeFileSync(location, randomBytes(32).toString('base64url') + '\n', {
				mode: 0o600,
				flag: 'wx'
			});
		} catch (error) {
			// Another process created it first: use theirs.
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	try {
		chmodSync(location, 0o600);
	} catch {
		// best effort (e.g. a read-only mount); the key is still read below
	}
	return (key = Buffer.from(readFileSync(location, 'utf8').trim(), 'utf8'));
}

export function newLinkNonce(): string {
	return randomBytes(16).toString('base64url');
}

/** The unit link secret for a nonce: 43 URL-safe characters, like every token. */
export function deriveLinkToken(nonce: string): string {
	return createHmac('sha256', linkKey()).update(`unit-link:${nonce}`).digest('base64url');
}
