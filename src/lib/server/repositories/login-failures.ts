import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

// The SQL of the sign-in limits; the limits themselves are ../auth/rate-limit.ts. Each failure is
// one row per key it counts against (the username and address pair, the address, the username).

/** How many failures a key has since `since`, and the first and last of them. */
export async function recentFailures(trx: Kysely<Database>, key: string, since: string) {
	const row = await trx
		.selectFrom('login_failures')
		.select((eb) => [
			eb.fn.countAll<number>().as('n'),
			eb.fn.min('at').as('first'),
			eb.fn.max('at').as('last')
		])
		.where('key', '=', key)
		.where('at', '>', since)
		.executeTakeFirstOrThrow();
	return { count: Number(row.n), first: row.first, last: row.last };
}

/** One failure against each key; returns the rows' ids (to forgive them if it succeeds). */
export async function recordFailures(
	trx: Kysely<Database>,
	keys: string[],
	at: string
): Promise<number[]> {
	const rows = await trx
		.insertInto('login_failures')
		.values(keys.map((key) => ({ key, at })))
		.returning('id')
		.execute();
	return rows.map((row) => row.id);
}

export async function pruneFailures(trx: Kysely<Database>, before: string): Promise<void> {
	await trx.deleteFrom('login_failures').where('at', '<', before).execute();
}

/** Forget these failures, and every failure counted against `key`. */
export async function forgetFailures(
	db: Kysely<Database>,
	ids: number[],
	key: string
): Promise<void> {
	if (ids.length > 0) await db.deleteFrom('login_failures').where('id', 'in', ids).execute();
	await db.deleteFrom('login_failures').where('key', '=', key).execute();
}

/** Forget every failure under `key`, and under any key starting with one of `prefixes`. */
export async function forgetKeysOf(
	db: Kysely<Database>,
	key: string,
	...prefixes: string[]
): Promise<void> {
	await db
		.deleteFrom('login_failures')
		.where((eb) =>
			eb.or([
				eb('key', '=', key),
				// a prefix compared as text (LIKE would read a name's _ as a wildcard)
				...prefixes.map((prefix) => eb(sql`substr(key, 1, ${prefix.length})`, '=', prefix))
			])
		)
		.execute();
}
