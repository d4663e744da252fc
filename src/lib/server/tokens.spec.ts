import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledMigrations } from './db/migrations';
import { openDatabase, type DB } from './db/open';
import {
	currentUnitLinkToken,
	findUnitByCode,
	findUnitByToken,
	issueUnitToken,
	revokeTokens
} from './repositories/units';
import { generateToken, hashToken, looksLikeToken } from './tokens';
import { CLI_ACTOR } from './repositories/audit';

describe('tokens', () => {
	it('are 256 random bits, URL-safe, and never repeat', () => {
		const tokens = new Set(Array.from({ length: 1000 }, generateToken));
		expect(tokens.size).toBe(1000);
		for (const token of tokens) {
			expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
			expect(Buffer.from(token, 'base64url')).toHaveLength(32);
			expect(looksLikeToken(token)).toBe(true);
		}
	});

	it('hash with SHA-256', () => {
		const token = generateToken();
		expect(hashToken(token)).toBe(createHash('sha256').update(token).digest('hex'));
		expect(hashToken(token)).not.toContain(token);
	});

	it('reject anything that is not shaped like a token', () => {
		for (const bad of [
			'',
			'abc',
			'A'.repeat(42),
			'A'.repeat(44),
			`${'A'.repeat(42)}=`,
			'../../x'
		]) {
			expect(looksLikeToken(bad)).toBe(false);
		}
	});
});

describe('unit links', () => {
	let db: DB;
	beforeEach(async () => {
		db = await openDatabase(':memory:', bundledMigrations);
	});
	afterEach(async () => {
		await db.destroy();
	});

	it('store only the hash and find the unit by the token', async () => {
		const unit = (await findUnitByCode(db, 'SO-YT'))!;
		const token = await issueUnitToken(db, unit, CLI_ACTOR);
		const rows = await db.selectFrom('unit_tokens').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].token_hash).toBe(hashToken(token));
		expect(JSON.stringify(rows)).not.toContain(token);
		expect((await findUnitByToken(db, token))?.code).toBe('SO-YT');
	});

	it('revoke the previous link when a new one is issued, but not demo tokens', async () => {
		const unit = (await findUnitByCode(db, 'SO-YT'))!;
		const first = await issueUnitToken(db, unit, CLI_ACTOR);
		const demo = await issueUnitToken(db, unit, CLI_ACTOR, 'demo');
		const second = await issueUnitToken(db, unit, CLI_ACTOR);
		expect(await findUnitByToken(db, first)).toBeUndefined();
		expect((await findUnitByToken(db, second))?.code).toBe('SO-YT');
		expect((await findUnitByToken(db, demo))?.code).toBe('SO-YT');
		await revokeTokens(db, [demo], CLI_ACTOR);
		expect(await findUnitByToken(db, demo)).toBeUndefined();
	});

	it('stop working when the unit is deactivated', async () => {
		const unit = (await findUnitByCode(db, '03388'))!;
		const token = await issueUnitToken(db, unit, CLI_ACTOR);
		await db.updateTable('units').set({ active: 0 }).where('id', '=', unit.id).execute();
		expect(await findUnitByToken(db, token)).toBeUndefined();
	});

	it('can be shown again from the nonce and the server key, never from the database alone', async () => {
		const unit = (await findUnitByCode(db, 'SO-YT'))!;
		expect(await currentUnitLinkToken(db, unit.id)).toBeUndefined();
		const first = await issueUnitToken(db, unit, CLI_ACTOR);
		expect(await currentUnitLinkToken(db, unit.id)).toBe(first);
		const row = await db.selectFrom('unit_tokens').selectAll().executeTakeFirstOrThrow();
		expect(row.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(hashToken(row.nonce!)).not.toBe(row.token_hash);
		expect(JSON.stringify(row)).not.toContain(first);

		const second = await issueUnitToken(db, unit, CLI_ACTOR);
		await issueUnitToken(db, unit, CLI_ACTOR, 'demo');
		expect(await currentUnitLinkToken(db, unit.id)).toBe(second);

		// A nonce whose derived token does not match the stored hash (the key changed) is useless.
		await db
			.updateTable('unit_tokens')
			.set({ nonce: 'x'.repeat(22) })
			.where('purpose', '=', 'link')
			.execute();
		expect(await currentUnitLinkToken(db, unit.id)).toBeUndefined();
	});
});
