import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { errorResponse, readJsonBody } from '$lib/server/http';
import { unitOf } from '$lib/server/auth/guards';
import { readRecordId } from '$lib/domain/record-id';
import {
	conflictMessage,
	editActivity,
	unitActor,
	withdrawOwnActivity,
	type ChangeOutcome
} from '$lib/server/submissions';
import { m } from '$lib/paraglide/messages';

/** One mapping from a change's outcome to the contract's answers. */
function answer(outcome: ChangeOutcome): Response {
	switch (outcome.kind) {
		case 'changed':
			return json(outcome.activity);
		case 'not-found':
			// Another unit's activity answers exactly like a missing one.
			return errorResponse(404, { id: [m.api_activity_not_found()] });
		case 'conflict':
			return json(
				{ errors: { version: [conflictMessage()] }, current: outcome.current },
				{ status: 409 }
			);
		case 'invalid':
			return errorResponse(400, outcome.errors);
		case 'refused':
			return errorResponse(409, { status: [outcome.reason] });
		case 'locked':
			return errorResponse(423, outcome.errors);
		case 'unavailable':
			return errorResponse(503, outcome.errors, { 'Retry-After': '60' });
		case 'rate-limited':
			return errorResponse(429, outcome.errors, { 'Retry-After': '60' });
	}
}

export const PATCH: RequestHandler = async ({ request, params, locals }) => {
	const unit = unitOf(locals);
	const id = Number(params.id); // [id=id]: a record id, or this route is not matched

	const body = await readJsonBody(request);
	if (!body.ok) return body.response;
	return answer(await editActivity({ id, unit, actor: unitActor(unit), raw: body.value }));
};

/** Withdraw: `?version=N` makes it conditional on the version the unit last saw. */
export const DELETE: RequestHandler = async ({ params, url, locals }) => {
	const unit = unitOf(locals);
	const id = Number(params.id); // [id=id]: a record id, or this route is not matched
	const rawVersion = url.searchParams.get('version');
	const version = rawVersion === null ? undefined : readRecordId(rawVersion);
	if (rawVersion !== null && version === undefined) {
		return errorResponse(400, { version: [m.api_version_positive()] });
	}
	return answer(await withdrawOwnActivity({ id, unit, version }));
};

export const fallback: RequestHandler = async ({ request }) => {
	return errorResponse(
		405,
		{
			method: [m.api_method_activity({ method: request.method })]
		},
		{ Allow: 'PATCH, DELETE' }
	);
};
