import type { PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { listAudit } from '$lib/server/repositories/audit';
import { adminCounts } from '$lib/server/repositories/overview';

export const load = (async () => {
	const [counts, recent] = await Promise.all([adminCounts(db()), listAudit(db(), { limit: 10 })]);
	return { counts, recent };
}) satisfies PageServerLoad;
