import type { PageServerLoad } from './$types';
import { db } from '$lib/server/app';
import { listAudit } from '$lib/server/repositories/audit';

export const load = (async () => {
	const database = db();
	const [units, linked, users, leaderLinks, recent] = await Promise.all([
		database
			.selectFrom('units')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('active', '=', 1)
			.executeTakeFirstOrThrow(),
		database
			.selectFrom('unit_tokens')
			.select((eb) => eb.fn.count<number>('unit_id').distinct().as('n'))
			.where('purpose', '=', 'link')
			.where('revoked_at', 'is', null)
			.executeTakeFirstOrThrow(),
		database
			.selectFrom('users')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('active', '=', 1)
			.executeTakeFirstOrThrow(),
		database
			.selectFrom('leader_links')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('revoked_at', 'is', null)
			.executeTakeFirstOrThrow(),
		listAudit(database, { limit: 10 })
	]);
	return {
		counts: {
			units: Number(units.n),
			unitsWithLink: Number(linked.n),
			users: Number(users.n),
			leaderLinks: Number(leaderLinks.n)
		},
		recent
	};
}) satisfies PageServerLoad;
