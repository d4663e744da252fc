import { json } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from './$types';
import { errorResponse, readJsonBody } from '$lib/server/http';
import { submitActivity } from '$lib/server/submissions';
import { unitOf } from '$lib/server/auth/guards';
import { m } from '$lib/paraglide/messages';

export const POST: RequestHandler = async ({ request, locals }) => {
	const unit = unitOf(locals);
	const body = await readJsonBody(request);
	if (!body.ok) return body.response;

	const result = await submitActivity({
		unit,
		raw: body.value,
		// Without a key every request is a new activity, as the contract says.
		idempotencyKey: request.headers.get('idempotency-key') ?? `auto:${randomUUID()}`,
		source: 'api'
	});
	if (result.kind === 'invalid') return errorResponse(400, result.errors);
	if (result.kind === 'locked') return errorResponse(423, result.errors);
	if (result.kind === 'unavailable') {
		return errorResponse(503, result.errors, { 'Retry-After': '60' });
	}
	if (result.kind === 'rate-limited')
		return errorResponse(429, result.errors, { 'Retry-After': '60' });
	return json(result.activity, {
		status: 201,
		headers: {
			Location: `/api/v1/activities/${result.activity.id}`,
			...(result.kind === 'replayed' ? { 'Idempotent-Replayed': 'true' } : {})
		}
	});
};

export const fallback: RequestHandler = async ({ request }) => {
	return errorResponse(
		405,
		{ method: [m.api_method_activities({ method: request.method })] },
		{ Allow: 'POST' }
	);
};
