import type { PageServerLoad } from './$types';
import { liveSnapshot } from '$lib/server/app';

export const load = (async ({ setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store' });
	return liveSnapshot('staff');
}) satisfies PageServerLoad;
