import type { DB } from '../db/open';

/** The administration home page's counts: units followed and linked, accounts, leader links. */
export async function adminCounts(db: DB) {
	const count = async (query: Promise<{ n: number | string | bigint }>) => Number((await query).n);
	const [units, unitsWithLink, users, leaderLinks] = await Promise.all([
		count(
			db
				.selectFrom('units')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('active', '=', 1)
				.executeTakeFirstOrThrow()
		),
		count(
			db
				.selectFrom('unit_tokens')
				.select((eb) => eb.fn.count<number>('unit_id').distinct().as('n'))
				.where('purpose', '=', 'link')
				.where('revoked_at', 'is', null)
				.executeTakeFirstOrThrow()
		),
		count(
			db
				.selectFrom('users')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('active', '=', 1)
				.executeTakeFirstOrThrow()
		),
		count(
			db
				.selectFrom('leader_links')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('revoked_at', 'is', null)
				.executeTakeFirstOrThrow()
		)
	]);
	return { units, unitsWithLink, users, leaderLinks };
}
