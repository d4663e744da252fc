import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

// Group commit for the busiest write, a unit's submission. SQLite has one writer; under load the
// commit (its write-ahead log frames for the activity's page, its indexes, the tallies, the
// campaign's seq and the audit log) was a tenth of the server's time, for pages that the next
// submission dirties again. Writes that arrive in the same turn of the event loop therefore share
// one transaction, each inside its own savepoint: a write that fails rolls back alone and its
// caller gets its error; the others are committed together, and nobody is answered before the
// commit. Under no load a group holds one write and this costs one setImmediate. Kysely has no
// such facility (its transactions are one per call), hence these lines.

interface Job {
	run: (trx: Kysely<Database>) => Promise<unknown>;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

/** The writes waiting for the next group, per database handle. */
const waiting = new WeakMap<Kysely<Database>, Job[]>();

/**
 * Run `run` in a transaction shared with the other grouped writes of this turn; resolves after
 * the commit with what `run` returned, or rejects with what it threw (its changes rolled back).
 */
export function groupedTransaction<T>(
	db: Kysely<Database>,
	run: (trx: Kysely<Database>) => Promise<T>
): Promise<T> {
	// Already inside a transaction: that one decides.
	if (db.isTransaction) return run(db);
	return new Promise<T>((resolve, reject) => {
		let jobs = waiting.get(db);
		if (!jobs) {
			jobs = [];
			waiting.set(db, jobs);
			setImmediate(() => void commitGroup(db));
		}
		jobs.push({ run, resolve: resolve as (value: unknown) => void, reject });
	});
}

async function commitGroup(db: Kysely<Database>): Promise<void> {
	const jobs = waiting.get(db) ?? [];
	waiting.delete(db);
	const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
	try {
		await db.transaction().execute(async (trx) => {
			for (const job of jobs) {
				await sql`savepoint grouped_write`.execute(trx);
				try {
					const value = await job.run(trx);
					await sql`release grouped_write`.execute(trx);
					outcomes.push({ ok: true, value });
				} catch (error) {
					try {
						await sql`rollback to grouped_write`.execute(trx);
						await sql`release grouped_write`.execute(trx);
					} catch {
						// SQLite already rolled the whole transaction back (a full disk, an I/O
						// error): the group fails with the write's own error.
						throw error;
					}
					outcomes.push({ ok: false, error });
				}
			}
		});
	} catch (error) {
		// The commit itself failed (a full disk, say): nothing of the group is stored.
		for (const job of jobs) job.reject(error);
		return;
	}
	jobs.forEach((job, i) => {
		const outcome = outcomes[i];
		if (outcome.ok) job.resolve(outcome.value);
		else job.reject(outcome.error);
	});
}
