import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/app';
import {
	API_BODY_LIMIT,
	BodyTooLarge,
	bearerToken,
	errorResponse,
	readBodyLimited
} from '$lib/server/http';
import { findUnitByToken } from '$lib/server/repositories/units';
import {
	CONFLICT_MESSAGE,
	editActivity,
	unitActor,
	withdrawOwnActivity,
	type ChangeOutcome
} from '$lib/server/submissions';

const NOT_FOUND = 'Không có hoạt động này trong số hoạt động của đơn vị';

async function authorisedUnit(request: Request) {
	const token = bearerToken(request);
	return token ? findUnitByToken(db(), token) : undefined;
}

function unauthorised() {
	return errorResponse(
		401,
		{
			authorization: ['Thiếu hoặc sai mã đơn vị (Authorization: Bearer <mã trong đường liên kết>)']
		},
		{ 'WWW-Authenticate': 'Bearer' }
	);
}

/** One mapping from a change's outcome to the contract's answers. */
function answer(outcome: ChangeOutcome): Response {
	switch (outcome.kind) {
		case 'changed':
			return json(outcome.activity);
		case 'not-found':
			// Another unit's activity answers exactly like a missing one.
			return errorResponse(404, { id: [NOT_FOUND] });
		case 'conflict':
			return json(
				{ errors: { version: [CONFLICT_MESSAGE] }, current: outcome.current },
				{ status: 409 }
			);
		case 'invalid':
			return errorResponse(400, outcome.errors);
		case 'refused':
			return errorResponse(409, { status: [outcome.reason] });
	}
}

function activityId(raw: string): number | undefined {
	return /^[1-9]\d{0,15}$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : undefined;
}

export const PATCH: RequestHandler = async ({ request, params }) => {
	const unit = await authorisedUnit(request);
	if (!unit) return unauthorised();
	const id = activityId(params.id);
	if (id === undefined) return errorResponse(404, { id: [NOT_FOUND] });

	let body: string;
	try {
		body = await readBodyLimited(request, API_BODY_LIMIT);
	} catch (error) {
		return error instanceof BodyTooLarge
			? errorResponse(413, { body: ['Nội dung gửi lên vượt quá 64 KB'] })
			: errorResponse(400, { body: ['Nội dung gửi lên không phải văn bản UTF-8 hợp lệ'] });
	}
	let raw: unknown;
	try {
		raw = JSON.parse(body);
	} catch {
		return errorResponse(400, { body: ['Nội dung gửi lên không phải JSON hợp lệ'] });
	}
	return answer(await editActivity({ id, unit, actor: unitActor(unit), raw }));
};

/** Withdraw: `?version=N` makes it conditional on the version the unit last saw. */
export const DELETE: RequestHandler = async ({ request, params, url }) => {
	const unit = await authorisedUnit(request);
	if (!unit) return unauthorised();
	const id = activityId(params.id);
	if (id === undefined) return errorResponse(404, { id: [NOT_FOUND] });
	const rawVersion = url.searchParams.get('version');
	const version = rawVersion === null ? undefined : activityId(rawVersion);
	if (rawVersion !== null && version === undefined) {
		return errorResponse(400, { version: ['version phải là số nguyên dương'] });
	}
	return answer(await withdrawOwnActivity({ id, unit, version }));
};

export const fallback: RequestHandler = async ({ request }) => {
	return errorResponse(
		405,
		{
			method: [`Phương thức ${request.method} không được hỗ trợ; dùng PATCH để sửa, DELETE để rút`]
		},
		{ Allow: 'PATCH, DELETE' }
	);
};
