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
import { submitUnitReport } from '$lib/server/submissions';

/** The unit's final report: `{ "summary": "…" }` or `{ "noActivity": true, "reason": "…" }`. */
export const POST: RequestHandler = async ({ request }) => {
	const token = bearerToken(request);
	const unit = token ? await findUnitByToken(db(), token) : undefined;
	if (!unit) {
		return errorResponse(
			401,
			{
				authorization: [
					'Thiếu hoặc sai mã đơn vị (Authorization: Bearer <mã trong đường liên kết>)'
				]
			},
			{ 'WWW-Authenticate': 'Bearer' }
		);
	}
	let raw: unknown;
	try {
		raw = JSON.parse(await readBodyLimited(request, API_BODY_LIMIT));
	} catch (error) {
		return error instanceof BodyTooLarge
			? errorResponse(413, { body: ['Nội dung gửi lên vượt quá 64 KB'] })
			: errorResponse(400, { body: ['Nội dung gửi lên không phải JSON hợp lệ'] });
	}
	const result = await submitUnitReport({ unit, raw });
	if (result.kind === 'invalid') return errorResponse(400, result.errors);
	return json(result.report, { status: result.created ? 201 : 200 });
};

export const fallback: RequestHandler = async ({ request }) => {
	return errorResponse(
		405,
		{
			method: [`Phương thức ${request.method} không được hỗ trợ; dùng POST để gửi báo cáo kết quả`]
		},
		{ Allow: 'POST' }
	);
};
