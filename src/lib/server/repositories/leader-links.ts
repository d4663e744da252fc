import type { DB } from '../db/open';
import type { LeaderLink } from '../db/schema';
import { generateToken, hashToken, looksLikeToken, sameHash } from '../tokens';
import { appendAudit, type Actor } from './audit';

/** A read-only dashboard link for a leader who does not keep a password. */
export async function issueLeaderLink(
	db: DB,
	label: string,
	actor: Actor
): Promise<{ link: LeaderLink; token: string }> {
	const token = generateToken();
	const link = await db.transaction().execute(async (trx) => {
		const link = await trx
			.insertInto('leader_links')
			.values({ label: label.trim(), token_hash: hashToken(token) })
			.returningAll()
			.executeTakeFirstOrThrow();
		await appendAudit(trx, {
			actor,
			action: 'leader_link.issue',
			entityType: 'leader_link',
			entityId: link.id,
			after: { label: link.label }
		});
		return link;
	});
	return { link, token };
}

export async function findLiveLeaderLink(db: DB, token: string): Promise<LeaderLink | undefined> {
	if (!looksLikeToken(token)) return undefined;
	const link = await db
		.selectFrom('leader_links')
		.selectAll()
		.where('token_hash', '=', hashToken(token))
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return link && sameHash(link.token_hash, token) ? link : undefined;
}

export async function listLeaderLinks(db: DB): Promise<LeaderLink[]> {
	return db.selectFrom('leader_links').selectAll().orderBy('id', 'desc').execute();
}

/** Revoking a link also ends every session opened through it. */
export async function revokeLeaderLink(db: DB, id: number, actor: Actor): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('leader_links')
			.set({ revoked_at: new Date().toISOString() })
			.where('id', '=', id)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		if (Number(result.numUpdatedRows) === 0) return false;
		await trx.deleteFrom('sessions').where('leader_link_id', '=', id).execute();
		await appendAudit(trx, {
			actor,
			action: 'leader_link.revoke',
			entityType: 'leader_link',
			entityId: id
		});
		return true;
	});
}
