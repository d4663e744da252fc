import type { DB } from '../db/open';

// The SQL of sign-in sessions. What a session means (expiry, who it stands for, when it is
// extended) is decided in ../auth/sessions.ts; only hashes of the cookie values are stored.

export async function insertSession(
	db: DB,
	session: {
		tokenHash: string;
		userId: number | null;
		leaderLinkId: number | null;
		at: string;
		expiresAt: string;
	}
): Promise<void> {
	await db
		.insertInto('sessions')
		.values({
			token_hash: session.tokenHash,
			user_id: session.userId,
			leader_link_id: session.leaderLinkId,
			created_at: session.at,
			last_seen_at: session.at,
			expires_at: session.expiresAt
		})
		.execute();
}

/** A session by its token's hash, with the user or leader link it belongs to. */
export function findSessionByHash(db: DB, tokenHash: string) {
	return db
		.selectFrom('sessions')
		.leftJoin('users', 'users.id', 'sessions.user_id')
		.leftJoin('leader_links', 'leader_links.id', 'sessions.leader_link_id')
		.select([
			'sessions.id as sessionId',
			'sessions.created_at',
			'sessions.last_seen_at',
			'sessions.expires_at',
			'sessions.token_hash',
			'users.id as userId',
			'users.username',
			'users.display_name',
			'users.role',
			'users.active',
			'leader_links.id as linkId',
			'leader_links.label as linkLabel',
			'leader_links.revoked_at'
		])
		.where('sessions.token_hash', '=', tokenHash)
		.executeTakeFirst();
}

export async function touchSession(
	db: DB,
	sessionId: number,
	lastSeenAt: string,
	expiresAt: string
): Promise<void> {
	await db
		.updateTable('sessions')
		.set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
		.where('id', '=', sessionId)
		.execute();
}

export async function deleteSessionById(db: DB, sessionId: number): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionByHash(db: DB, tokenHash: string): Promise<void> {
	await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}
