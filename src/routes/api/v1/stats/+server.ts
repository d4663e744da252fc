import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { currentStats } from '$lib/server/app';

export const GET: RequestHandler = async () => {
	return json(await currentStats(), { headers: { 'Cache-Control': 'no-store' } });
};
