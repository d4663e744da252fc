import { json } from '@sveltejs/kit';
import type { FieldErrors } from '$lib/domain/activity';
import { m } from '$lib/paraglide/messages';

export const API_BODY_LIMIT = 64 * 1024;

/** Every API error has the contract's shape `{ errors: { field: [message] } }`. */
export function errorResponse(
	status: number,
	errors: FieldErrors,
	headers?: HeadersInit
): Response {
	return json({ errors }, { status, headers });
}

export class BodyTooLarge extends Error {}

/**
 * Read a request body as text, refusing it as soon as it passes `limit` bytes, so a huge body
 * is never buffered whole (Content-Length may be absent or lie).
 */
export async function readBodyLimited(request: Request, limit: number): Promise<string> {
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			// Stop reading but do not cancel: cancelling destroys the socket and the client would
			// get a connection reset instead of the 413 that explains the problem.
			reader.releaseLock();
			throw new BodyTooLarge();
		}
		chunks.push(value);
	}
	return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}

/** The unit token from `Authorization: Bearer <token>`; cookies are never consulted. */
export function bearerToken(request: Request): string | undefined {
	const header = request.headers.get('authorization');
	const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
	return match?.[1];
}

/** A 401 in the contract's shape, for every endpoint that takes a unit token. */
export function unitUnauthorised(): Response {
	return errorResponse(
		401,
		{
			authorization: [m.api_unauthorised()]
		},
		{ 'WWW-Authenticate': 'Bearer' }
	);
}

/**
 * The request's JSON body, at most 64 KB, or the response that explains why not (413 too large,
 * 400 not UTF-8 or not JSON).
 */
export async function readJsonBody(
	request: Request
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
	// Said, not guessed: a body sent as anything but JSON is refused before it is read.
	const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
	if (type !== 'application/json') {
		return {
			ok: false,
			response: errorResponse(415, {
				contentType: [m.api_json_only()]
			})
		};
	}
	let text: string;
	try {
		text = await readBodyLimited(request, API_BODY_LIMIT);
	} catch (error) {
		return {
			ok: false,
			response:
				error instanceof BodyTooLarge
					? errorResponse(413, { body: [m.api_too_large()] })
					: errorResponse(400, { body: [m.api_not_utf8()] })
		};
	}
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return {
			ok: false,
			response: errorResponse(400, { body: [m.api_not_json()] })
		};
	}
}
