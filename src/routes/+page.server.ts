import type { PageServerLoad } from './$types';
import { liveSnapshot } from '$lib/server/live-stats';

/** The public page the kiosk's QR code opens: public numbers and approved highlights only. */
export const load = (async ({ setHeaders }) => {
	setHeaders({ 'Cache-Control': 'no-store' });
	return liveSnapshot('public');
}) satisfies PageServerLoad;
