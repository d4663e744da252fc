import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { currentStats } from '$lib/server/app';
import { errorResponse } from '$lib/server/http';

export const GET: RequestHandler = async () => {
	return json((await currentStats()).public, { headers: { 'Cache-Control': 'no-store' } });
};

export const fallback: RequestHandler = async ({ request }) => {
	return errorResponse(
		405,
		{ method: [`Phương thức ${request.method} không được hỗ trợ; dùng GET để lấy số liệu`] },
		{ Allow: 'GET' }
	);
};
