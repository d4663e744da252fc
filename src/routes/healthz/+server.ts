import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * Liveness, for a load balancer or systemd: the process answers. Nothing else is checked here
 * (a database that is down makes the instance not ready, not dead: see /readyz).
 */
export const GET: RequestHandler = () =>
	json(
		{ status: 'ok', uptimeSeconds: Math.round(process.uptime()) },
		{ headers: { 'Cache-Control': 'no-store' } }
	);
