import type { DB } from '../db/open';
import type { Unit } from '../db/schema';
import { generateToken, hashToken, looksLikeToken } from '../tokens';
import { appendAudit, type Actor } from './audit';

export async function listUnits(db: DB, options: { activeOnly?: boolean } = {}): Promise<Unit[]> {
	let query = db.selectFrom('units').selectAll().orderBy('sort_order').orderBy('id');
	if (options.activeOnly) query = query.where('active', '=', 1);
	return query.execute();
}

export async function findUnitByCode(db: DB, code: string): Promise<Unit | undefined> {
	return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The unit behind a secret link, if the link is live and the unit active. */
export async function findUnitByToken(db: DB, token: string): Promise<Unit | undefined> {
	if (!looksLikeToken(token)) return undefined;
	return db
		.selectFrom('unit_tokens')
		.innerJoin('units', 'units.id', 'unit_tokens.unit_id')
		.selectAll('units')
		.where('unit_tokens.token_hash', '=', hashToken(token))
		.where('unit_tokens.revoked_at', 'is', null)
		.where('units.active', '=', 1)
		.executeTakeFirst();
}

/**
 * A fresh secret for a unit. A new submission link revokes the unit's previous links; demo
 * tokens (used by `cli demo`) live beside them and are revoked by the demo when it ends.
 */
export async function issueUnitToken(
	db: DB,
	unit: Pick<Unit, 'id' | 'code'>,
	actor: Actor,
	purpose: 'link' | 'demo' = 'link'
): Promise<string> {
	const token = generateToken();
	await db.transaction().execute(async (trx) => {
		if (purpose === 'link') {
			const revoked = await trx
				.updateTable('unit_tokens')
				.set({ revoked_at: new Date().toISOString() })
				.where('unit_id', '=', unit.id)
				.where('purpose', '=', 'link')
				.where('revoked_at', 'is', null)
				.executeTakeFirst();
			if (Number(revoked.numUpdatedRows) > 0) {
				await appendAudit(trx, {
					actor,
					action: 'unit_link.revoke',
					entityType: 'unit',
					entityId: unit.code,
					after: { purpose, reason: 'replaced' }
				});
			}
		}
		await trx
			.insertInto('unit_tokens')
			.values({ unit_id: unit.id, token_hash: hashToken(token), purpose })
			.execute();
		await appendAudit(trx, {
			actor,
			action: 'unit_link.issue',
			entityType: 'unit',
			entityId: unit.code,
			after: { purpose }
		});
	});
	return token;
}

export async function revokeTokens(db: DB, tokens: string[], actor: Actor): Promise<void> {
	if (tokens.length === 0) return;
	await db.transaction().execute(async (trx) => {
		const revoked = await trx
			.updateTable('unit_tokens')
			.set({ revoked_at: new Date().toISOString() })
			.where('token_hash', 'in', tokens.map(hashToken))
			.where('revoked_at', 'is', null)
			.returning('unit_id')
			.execute();
		if (revoked.length > 0) {
			await appendAudit(trx, {
				actor,
				action: 'unit_link.revoke',
				entityType: 'unit_token',
				after: { count: revoked.length }
			});
		}
	});
}

/** Units that have a live submission link (so `cli links --missing` can skip them). */
export async function unitIdsWithLiveLink(db: DB): Promise<Set<number>> {
	const rows = await db
		.selectFrom('unit_tokens')
		.select('unit_id')
		.where('purpose', '=', 'link')
		.where('revoked_at', 'is', null)
		.execute();
	return new Set(rows.map((row) => row.unit_id));
}
