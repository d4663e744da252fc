import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { version } from '$app/environment';
import { initApp } from '$lib/server/app';
import { admit } from '$lib/server/auth/gate';
import { isDatabaseUnavailable } from '$lib/server/db/open';
import { log } from '$lib/server/log';

const UNAVAILABLE =
	'Máy chủ tạm thời không truy cập được cơ sở dữ liệu. Vui lòng thử lại sau ít phút.';

export const init: ServerInit = async () => {
	await initApp(version);
};

/** 503 before any page could run: a short page for a browser, the API's JSON for the rest. */
function unavailable(request: Request): Response {
	const html = request.headers.get('accept')?.includes('text/html');
	return new Response(
		html
			? `<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Tạm thời gián đoạn — Lan Tỏa</title><p style="font:1.1rem/1.5 system-ui,sans-serif;margin:2rem">${UNAVAILABLE}</p></html>`
			: JSON.stringify({ message: UNAVAILABLE }),
		{
			status: 503,
			headers: {
				'Content-Type': html ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
				'Retry-After': '5',
				'Cache-Control': 'no-store'
			}
		}
	);
}

export const handle: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = (await admit(event)) ?? (await resolve(event));
	} catch (error) {
		// The gate reads sessions and links: the database may be away there too.
		if (!isDatabaseUnavailable(error)) throw error;
		void handleError({ error, event, status: 500, message: '' });
		response = unavailable(event.request);
	}
	if (event.locals.databaseUnavailable && response.status === 500) {
		// The database is away for a moment: "send again later", which the unit page's outbox does.
		response = new Response(response.body, { status: 503, headers: response.headers });
		response.headers.set('Retry-After', '5');
	}
	response.headers.set('X-Content-Type-Options', 'nosniff');
	// Unit links are secrets in the URL: never send them to other sites. (Not "no-referrer": with
	// it Chromium sends `Origin: null` on form posts and SvelteKit's CSRF check refuses them.)
	response.headers.set('Referrer-Policy', 'same-origin');
	if (event.route.id !== '/kiosk') {
		// Only the kiosk may be embedded (e.g. in a portal's event page); nothing else may be framed.
		response.headers.append('Content-Security-Policy', "frame-ancestors 'none'");
		response.headers.set('X-Frame-Options', 'DENY');
	}
	if (event.locals.principal || event.route.id?.startsWith('/u/[token]')) {
		response.headers.set('Cache-Control', 'private, no-store');
	}
	return response;
};

/** Unexpected errors are logged with their stack here and never shown to the user. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (isDatabaseUnavailable(error)) {
		// One line, not a stack trace per request while the database is away (handle answers 503).
		event.locals.databaseUnavailable = true;
		const code = (error as { code?: string }).code ?? (error as Error).message;
		log().error(`Không truy cập được cơ sở dữ liệu (${code}): ${event.request.method} trả 503`, {
			reqId: event.request.headers.get('x-request-id') ?? undefined
		});
		return { message: UNAVAILABLE };
	}
	if (status !== 404) {
		// Unit and leader links are secrets: keep them out of the logs.
		const path = event.url.pathname.replace(/^\/(u|l)\/[^/]+/, '/$1/…');
		log().error(`Lỗi khi xử lý ${event.request.method} ${path}`, {
			reqId: event.request.headers.get('x-request-id') ?? undefined,
			err: error
		});
	}
	return {
		message:
			status === 404
				? 'Không tìm thấy trang này.'
				: 'Đã có lỗi trên máy chủ. Vui lòng thử lại sau ít phút.'
	};
};
