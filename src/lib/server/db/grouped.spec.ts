import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledMigrations } from './migrations';
import { openDatabase, type DB } from './open';
import { groupedTransaction } from './grouped';

// Writes that arrive together share one commit, and yet each is all or nothing and nobody is
// answered before the commit.

let dir: string;
let path: string;
let db: DB;

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'lantoa-grouped-'));
	path = join(dir, 'test.db');
	db = await openDatabase(path, bundledMigrations);
});

afterEach(async () => {
	await db.destroy();
	rmSync(dir, { recursive: true, force: true });
});

const write = (label: string) => (trx: DB) =>
	trx
		.insertInto('audit_log')
		.values({ actor_type: 'system', actor_id: 'test', actor_label: label, action: 'unit.update' })
		.returning('id')
		.executeTakeFirstOrThrow();

/** What another connection sees: committed rows only. */
function committedLabels(): string[] {
	const other = new SQLite(path, { readonly: true });
	try {
		return (
			other
				.prepare(`select actor_label from audit_log where actor_id = 'test' order by id`)
				.all() as { actor_label: string }[]
		).map((row) => row.actor_label);
	} finally {
		other.close();
	}
}

describe('grouped transactions', () => {
	it('commit writes that arrive together at once; one that fails rolls back alone', async () => {
		const outcomes = await Promise.allSettled(
			Array.from({ length: 20 }, (_, i) =>
				groupedTransaction(db, async (trx) => {
					const row = await write(`ghi ${i}`)(trx);
					// Written, then failing: its row must go, the others stay.
					if (i === 7) throw new Error('hỏng giữa chừng');
					return row.id;
				})
			)
		);
		expect(outcomes[7]).toEqual({ status: 'rejected', reason: new Error('hỏng giữa chừng') });
		const ok = outcomes.filter((o) => o.status === 'fulfilled');
		expect(ok).toHaveLength(19);
		expect(committedLabels()).toEqual(
			Array.from({ length: 20 }, (_, i) => `ghi ${i}`).filter((label) => label !== 'ghi 7')
		);
	});

	it('answers nobody before the commit', async () => {
		const seenWhenAnswered: string[][] = [];
		await Promise.all(
			['a', 'b', 'c'].map((label) =>
				groupedTransaction(db, write(label)).then(() => seenWhenAnswered.push(committedLabels()))
			)
		);
		// Each caller, once answered, finds every write of its group already committed.
		for (const seen of seenWhenAnswered) expect(seen).toEqual(['a', 'b', 'c']);
	});

	it('when the commit itself fails, every write of the group is refused and nothing is stored', async () => {
		const outcomes = await Promise.allSettled([
			groupedTransaction(db, write('trước')),
			groupedTransaction(db, async (trx) => {
				// A foreign key checked only at commit: the whole commit fails.
				await sql`pragma defer_foreign_keys = on`.execute(trx);
				await trx
					.insertInto('unit_tokens')
					.values({ unit_id: 999_999, token_hash: 'x'.repeat(64), purpose: 'demo' })
					.execute();
				return 'inserted';
			}),
			groupedTransaction(db, write('sau'))
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(committedLabels()).toEqual([]);
		// And the next group works.
		await groupedTransaction(db, write('tiếp'));
		expect(committedLabels()).toEqual(['tiếp']);
	});

	it('runs inside a transaction it is given, as part of it', async () => {
		await db
			.transaction()
			.execute(async (trx) => {
				await groupedTransaction(trx, write('bên trong'));
				throw new Error('rollback');
			})
			.catch(() => {});
		expect(committedLabels()).toEqual([]);
	});
});
