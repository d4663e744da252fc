import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { currentStats } from '$lib/server/live-stats';
import { viewFor } from '$lib/server/stats';
import { errorResponse } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

export const GET: RequestHandler = async () => {
	// The public contract includes the per-unit table (the live screens of the public leave it out).
	return json(viewFor(await currentStats(), 'public', 'all'), {
		headers: { 'Cache-Control': 'no-store' }
	});
};

export const fallback: RequestHandler = async ({ request }) => {
	return errorResponse(
		405,
		{ method: [m.api_method_stats({ method: request.method })] },
		{ Allow: 'GET' }
	);
};
