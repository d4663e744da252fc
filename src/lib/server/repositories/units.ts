import { m } from '$lib/paraglide/messages';
import type { Kysely } from 'kysely';
import type { DB } from '../db/open';
import type { Database, Unit } from '../db/schema';
import { UNIT_CSV_COLUMNS, unitSchema, type UnitInput } from '../../domain/unit';
import { generateToken, hashToken, looksLikeToken, sameHash } from '../tokens';
import { recordChange } from './tallies';
import { appendAudit, type Actor } from './audit';
import { deriveLinkToken, newLinkNonce } from '../link-key';

export async function listUnits(db: DB, options: { activeOnly?: boolean } = {}): Promise<Unit[]> {
	let query = db.selectFrom('units').selectAll().orderBy('sort_order').orderBy('id');
	if (options.activeOnly) query = query.where('active', '=', 1);
	return query.execute();
}

export async function findUnitByCode(db: DB, code: string): Promise<Unit | undefined> {
	return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The unit behind a secret link, if the link is live and the unit active. */
/** A unit found by a secret; `demoToken` when the secret is a `cli demo` token. */
export type TokenUnit = Unit & { demoToken: boolean };

export async function findUnitByToken(db: DB, token: string): Promise<TokenUnit | undefined> {
	if (!looksLikeToken(token)) return undefined;
	const row = await db
		.selectFrom('unit_tokens')
		.innerJoin('units', 'units.id', 'unit_tokens.unit_id')
		.selectAll('units')
		.select(['unit_tokens.token_hash', 'unit_tokens.purpose'])
		.where('unit_tokens.token_hash', '=', hashToken(token))
		.where('unit_tokens.revoked_at', 'is', null)
		.where('units.active', '=', 1)
		.executeTakeFirst();
	if (!row || !sameHash(row.token_hash, token)) return undefined;
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { token_hash, purpose, ...unit } = row;
	return { ...unit, demoToken: purpose === 'demo' };
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
	// A submission link is derived from a stored nonce so it can be shown again in reminders;
	// demo tokens are plain random secrets.
	const nonce = purpose === 'link' ? newLinkNonce() : null;
	const token = nonce ? deriveLinkToken(nonce) : generateToken();
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
			.values({ unit_id: unit.id, token_hash: hashToken(token), purpose, nonce })
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

/** When a unit link was last revoked (any unit, any process): the hub re-checks unit sockets. */
/**
 * When access last ended anywhere — a unit link or a leader link revoked, a password reset —
 * as one mark: a change of it (from the CLI or another instance too) has open sockets checked
 * again at once.
 */
export async function lastAccessChange(db: DB): Promise<string> {
	const [units, leaders, users] = await Promise.all([
		db
			.selectFrom('unit_tokens')
			.select((eb) => eb.fn.max('revoked_at').as('at'))
			.executeTakeFirst(),
		db
			.selectFrom('leader_links')
			.select((eb) => eb.fn.max('revoked_at').as('at'))
			.executeTakeFirst(),
		db
			.selectFrom('users')
			.select((eb) => eb.fn.max('password_changed_at').as('at'))
			.executeTakeFirst()
	]);
	return [units?.at, leaders?.at, users?.at].map((at) => at ?? '').join('|');
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

/** Unit changes change the aggregates (who counts, group sizes): one change of the campaign. */
const bumpSeq = (trx: Kysely<Database>) => recordChange(trx, 'active');

function unitColumns(input: UnitInput) {
	return {
		code: input.code,
		name: input.name,
		kind: input.kind,
		contact_name: input.contactName,
		contact_phone: input.contactPhone,
		contact_email: input.contactEmail
	};
}

export class UnitCodeTaken extends Error {}

export async function createUnit(db: DB, input: UnitInput, actor: Actor): Promise<Unit> {
	return db.transaction().execute(async (trx) => {
		if (
			await trx.selectFrom('units').select('id').where('code', '=', input.code).executeTakeFirst()
		) {
			throw new UnitCodeTaken(m.units_err_code_taken({ code: input.code }));
		}
		const { max } = await trx
			.selectFrom('units')
			.select((eb) => eb.fn.max<number>('sort_order').as('max'))
			.executeTakeFirstOrThrow();
		const unit = await trx
			.insertInto('units')
			.values({ ...unitColumns(input), verified: 1, sort_order: Number(max ?? 0) + 1 })
			.returningAll()
			.executeTakeFirstOrThrow();
		await bumpSeq(trx);
		await appendAudit(trx, {
			actor,
			action: 'unit.create',
			entityType: 'unit',
			entityId: unit.code,
			after: input
		});
		return unit;
	});
}

/** The code is the unit's identity and is not changed here. */
export async function updateUnit(
	db: DB,
	code: string,
	input: Omit<UnitInput, 'code'>,
	actor: Actor
): Promise<Unit | undefined> {
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('units')
			.selectAll()
			.where('code', '=', code)
			.executeTakeFirst();
		if (!before) return undefined;
		const unit = await trx
			.updateTable('units')
			.set({
				name: input.name,
				kind: input.kind,
				contact_name: input.contactName,
				contact_phone: input.contactPhone,
				contact_email: input.contactEmail
			})
			.where('id', '=', before.id)
			.returningAll()
			.executeTakeFirstOrThrow();
		await bumpSeq(trx);
		await appendAudit(trx, {
			actor,
			action: 'unit.update',
			entityType: 'unit',
			entityId: code,
			before,
			after: unit
		});
		return unit;
	});
}

export async function setUnitFlags(
	db: DB,
	code: string,
	flags: { active?: boolean; verified?: boolean },
	actor: Actor
): Promise<boolean> {
	return db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('units')
			.selectAll()
			.where('code', '=', code)
			.executeTakeFirst();
		if (!before) return false;
		await trx
			.updateTable('units')
			.set({
				...(flags.active === undefined ? {} : { active: flags.active ? 1 : 0 }),
				...(flags.verified === undefined ? {} : { verified: flags.verified ? 1 : 0 })
			})
			.where('id', '=', before.id)
			.execute();
		await bumpSeq(trx);
		await appendAudit(trx, {
			actor,
			action:
				flags.active === false
					? 'unit.deactivate'
					: flags.active === true
						? 'unit.activate'
						: 'unit.verify',
			entityType: 'unit',
			entityId: code,
			before: { active: before.active === 1, verified: before.verified === 1 },
			after: flags
		});
		return true;
	});
}

/** Revoke a unit's live submission link (the unit's page then answers 404). */
export async function revokeUnitLink(
	db: DB,
	unit: Pick<Unit, 'id' | 'code'>,
	actor: Actor
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('unit_tokens')
			.set({ revoked_at: new Date().toISOString() })
			.where('unit_id', '=', unit.id)
			.where('purpose', '=', 'link')
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		const revoked = Number(result.numUpdatedRows);
		if (revoked > 0) {
			await appendAudit(trx, {
				actor,
				action: 'unit_link.revoke',
				entityType: 'unit',
				entityId: unit.code
			});
		}
		return revoked;
	});
}

/** When each unit's current submission link was issued (units without one are absent). */
export async function liveLinkDates(db: DB): Promise<Map<number, string>> {
	const rows = await db
		.selectFrom('unit_tokens')
		.select(['unit_id', (eb) => eb.fn.max<string>('created_at').as('issued')])
		.where('purpose', '=', 'link')
		.where('revoked_at', 'is', null)
		.groupBy('unit_id')
		.execute();
	return new Map(rows.map((row) => [row.unit_id, row.issued]));
}

export interface ImportRowError {
	row: number;
	errors: string[];
}

/**
 * Import units from CSV rows (first row = header). All or nothing: with any row in error nothing
 * is written and every problem is reported with its row number, so the file can be fixed at once.
 * Existing codes are updated, new codes added.
 */
export async function importUnits(
	db: DB,
	rows: string[][],
	actor: Actor
): Promise<
	{ ok: true; created: number; updated: number } | { ok: false; errors: ImportRowError[] }
> {
	const [header, ...data] = rows;
	if (!header) return { ok: false, errors: [{ row: 1, errors: [m.units_err_empty_file()] }] };
	const columns = header.map((h) => h.trim().toLowerCase());
	const known = Object.keys(UNIT_CSV_COLUMNS);
	const missing = ['ma_don_vi', 'ten_don_vi', 'loai'].filter((c) => !columns.includes(c));
	const unknown = columns.filter((c) => !known.includes(c));
	if (missing.length || unknown.length) {
		return {
			ok: false,
			errors: [
				{
					row: 1,
					errors: [
						...(missing.length
							? [m.units_err_missing_columns({ columns: missing.join(', ') })]
							: []),
						...(unknown.length
							? [m.units_err_unknown_columns({ columns: unknown.join(', ') })]
							: []),
						m.units_err_known_columns({ columns: known.join(', ') })
					]
				}
			]
		};
	}
	if (data.length > 1000)
		return { ok: false, errors: [{ row: 1, errors: [m.units_err_too_many()] }] };

	const errors: ImportRowError[] = [];
	const parsed: UnitInput[] = [];
	const seen = new Map<string, number>();
	data.forEach((cells, index) => {
		const rowNumber = index + 2;
		const record: Record<string, string> = {};
		columns.forEach((column, i) => {
			record[UNIT_CSV_COLUMNS[column as keyof typeof UNIT_CSV_COLUMNS]] = (cells[i] ?? '').trim();
		});
		const result = unitSchema.safeParse(record);
		if (!result.success) {
			errors.push({ row: rowNumber, errors: result.error.issues.map((issue) => issue.message) });
			return;
		}
		const earlier = seen.get(result.data.code);
		if (earlier) {
			errors.push({
				row: rowNumber,
				errors: [m.units_err_duplicate({ code: result.data.code, row: earlier })]
			});
			return;
		}
		seen.set(result.data.code, rowNumber);
		parsed.push(result.data);
	});
	if (errors.length) return { ok: false, errors };

	return db.transaction().execute(async (trx) => {
		let created = 0;
		let updated = 0;
		const { max } = await trx
			.selectFrom('units')
			.select((eb) => eb.fn.max<number>('sort_order').as('max'))
			.executeTakeFirstOrThrow();
		let order = Number(max ?? 0);
		for (const unit of parsed) {
			const existing = await trx
				.selectFrom('units')
				.select('id')
				.where('code', '=', unit.code)
				.executeTakeFirst();
			if (existing) {
				await trx
					.updateTable('units')
					.set(unitColumns(unit))
					.where('id', '=', existing.id)
					.execute();
				updated++;
			} else {
				await trx
					.insertInto('units')
					.values({ ...unitColumns(unit), verified: 1, sort_order: ++order })
					.execute();
				created++;
			}
		}
		await bumpSeq(trx);
		await appendAudit(trx, {
			actor,
			action: 'unit.import',
			entityType: 'unit',
			after: { created, updated, codes: parsed.map((u) => u.code) }
		});
		return { ok: true as const, created, updated };
	});
}

/**
 * The unit's current submission link, derived again from its nonce; undefined when the unit has
 * no live link, or only one issued before links became recoverable, or the key has changed.
 */
export async function currentUnitLinkToken(db: DB, unitId: number): Promise<string | undefined> {
	return (await currentUnitLink(db, unitId)).token;
}

/** Whether the unit has a live link, and the link itself when it can be derived again. */
export async function currentUnitLink(
	db: DB,
	unitId: number
): Promise<{ state: 'none' | 'legacy' | 'recoverable'; token?: string }> {
	const row = await db
		.selectFrom('unit_tokens')
		.select(['token_hash', 'nonce'])
		.where('unit_id', '=', unitId)
		.where('purpose', '=', 'link')
		.where('revoked_at', 'is', null)
		.orderBy('id', 'desc')
		.executeTakeFirst();
	if (!row) return { state: 'none' };
	if (!row.nonce) return { state: 'legacy' };
	const token = deriveLinkToken(row.nonce);
	return sameHash(row.token_hash, token) ? { state: 'recoverable', token } : { state: 'legacy' };
}
