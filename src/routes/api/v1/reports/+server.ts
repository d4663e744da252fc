import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { errorResponse, readJsonBody } from '$lib/server/http';
import { submitUnitReport } from '$lib/server/submissions';
import { unitOf } from '$lib/server/auth/guards';
import { m } from '$lib/paraglide/messages';

/** The unit's final report: `{ "summary": "…" }` or `{ "noActivity": true, "reason": "…" }`. */
export const POST: RequestHandler = async ({ request, locals }) => {
	const unit = unitOf(locals);
	const body = await readJsonBody(request);
	if (!body.ok) return body.response;
	const result = await submitUnitReport({ unit, raw: body.value });
	if (result.kind === 'invalid') return errorResponse(400, result.errors);
	if (result.kind === 'locked') return errorResponse(423, result.errors);
	if (result.kind === 'unavailable') {
		return errorResponse(503, result.errors, { 'Retry-After': '60' });
	}
	if (result.kind === 'rate-limited') {
		return errorResponse(429, result.errors, { 'Retry-After': '60' });
	}
	return json(result.report, { status: result.created ? 201 : 200 });
};

export const fallback: RequestHandler = async ({ request }) => {
	return errorResponse(
		405,
		{
			method: [m.api_method_reports({ method: request.method })]
		},
		{ Allow: 'POST' }
	);
};
