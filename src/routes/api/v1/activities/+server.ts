import { json } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
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
import { submitActivity } from '$lib/server/submissions';

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

	let body: string;
	try {
		body = await readBodyLimited(request, API_BODY_LIMIT);
	} catch (error) {
		if (error instanceof BodyTooLarge) {
			return errorResponse(413, { body: ['Nội dung gửi lên vượt quá 64 KB'] });
		}
		return errorResponse(400, { body: ['Nội dung gửi lên không phải văn bản UTF-8 hợp lệ'] });
	}

	let raw: unknown;
	try {
		raw = JSON.parse(body);
	} catch {
		return errorResponse(400, { body: ['Nội dung gửi lên không phải JSON hợp lệ'] });
	}

	const result = await submitActivity({
		unit,
		raw,
		// Without a key every request is a new activity, as the contract says.
		idempotencyKey: request.headers.get('idempotency-key') ?? `auto:${randomUUID()}`,
		source: 'api'
	});
	if (result.kind === 'invalid') return errorResponse(400, result.errors);
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
		{ method: [`Phương thức ${request.method} không được hỗ trợ; dùng POST để gửi hoạt động`] },
		{ Allow: 'POST' }
	);
};
