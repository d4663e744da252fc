import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { currentStats } from '$lib/server/live-stats';
import { viewFor } from '$lib/server/stats';
import { errorResponse } from '$lib/server/http';

export const GET: RequestHandler = async () => {
	// The public contract includes the per-unit table (the live screens of the public leave it out).
	return json(viewFor(await currentStats(), 'public', 'all'), {
		headers: { 'Cache-Control': 'no-store' }
	});
};

export const fallback: RequestHandler = async ({ request }) => {
	return errorResponse(
		405,
		{ method: [`Phương thức ${request.method} không được hỗ trợ; dùng GET để lấy số liệu`] },
		{ Allow: 'GET' }
	);
};
