import type { DB } from '../db/open';
import type { Role } from '../db/schema';
import { generateToken, hashToken, looksLikeToken, sameHash } from '../tokens';
import type { Actor } from '../repositories/audit';
import {
	deleteSessionByHash,
	deleteSessionById,
	findSessionByHash,
	insertSession,
	touchSession
} from '../repositories/sessions';

export const SESSION_COOKIE = 'lantoa_session';
/** A session ends after this long without use… */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen is written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

export type Principal =
	| { kind: 'user'; role: Role; userId: number; username: string; label: string; sessionId: number }
	| { kind: 'leader-link'; role: 'leader'; linkId: number; label: string; sessionId: number };

export function actorOf(principal: Principal): Actor {
	return principal.kind === 'user'
		? { type: principal.role, id: principal.username, label: principal.label }
		: { type: 'leader', id: `link:${principal.linkId}`, label: `Liên kết xem: ${principal.label}` };
}

function expiryFrom(createdAt: number, now: number): string {
	return new Date(Math.min(createdAt + SESSION_ABSOLUTE_MS, now + SESSION_IDLE_MS)).toISOString();
}

/** A new session; returns the cookie value (only its hash is stored). */
export async function createSession(
	db: DB,
	principal: { userId: number } | { leaderLinkId: number }
): Promise<{ token: string; expiresAt: string }> {
	const token = generateToken();
	const now = Date.now();
	const expiresAt = expiryFrom(now, now);
	await insertSession(db, {
		tokenHash: hashToken(token),
		userId: 'userId' in principal ? principal.userId : null,
		leaderLinkId: 'leaderLinkId' in principal ? principal.leaderLinkId : null,
		at: new Date(now).toISOString(),
		expiresAt
	});
	return { token, expiresAt };
}

/**
 * The principal behind a session cookie, or undefined when it is unknown, expired, or its user or
 * link was deactivated or revoked. Extends the idle window while in use.
 */
export async function findPrincipal(
	db: DB,
	token: string | undefined,
	options: { touch?: boolean } = {}
): Promise<Principal | undefined> {
	if (!token || !looksLikeToken(token)) return undefined;
	const row = await findSessionByHash(db, hashToken(token));
	if (!row || !sameHash(row.token_hash, token)) return undefined;
	const now = Date.now();
	if (Date.parse(row.expires_at) <= now) {
		await deleteSessionById(db, row.sessionId);
		return undefined;
	}

	let principal: Principal | undefined;
	if (row.userId !== null && row.active === 1 && row.role && row.username) {
		principal = {
			kind: 'user',
			role: row.role,
			userId: row.userId,
			username: row.username,
			label: row.display_name ?? row.username,
			sessionId: row.sessionId
		};
	} else if (row.linkId !== null && row.revoked_at === null && row.linkLabel) {
		principal = {
			kind: 'leader-link',
			role: 'leader',
			linkId: row.linkId,
			label: row.linkLabel,
			sessionId: row.sessionId
		};
	}
	if (!principal) return undefined;

	// A person's requests keep a session alive; an open socket being re-checked does not.
	if (options.touch !== false && now - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
		await touchSession(
			db,
			row.sessionId,
			new Date(now).toISOString(),
			expiryFrom(Date.parse(row.created_at), now)
		);
	}
	return principal;
}

export async function deleteSession(db: DB, token: string): Promise<void> {
	if (!looksLikeToken(token)) return;
	await deleteSessionByHash(db, hashToken(token));
}
