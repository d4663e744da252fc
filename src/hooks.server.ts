import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { version } from '$app/environment';
import { initApp } from '$lib/server/app';
import { admit } from '$lib/server/auth/gate';

export const init: ServerInit = async () => {
	await initApp(version);
};

export const handle: Handle = async ({ event, resolve }) => {
	const response = (await admit(event)) ?? (await resolve(event));
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
	if (status !== 404) {
		// Unit and leader links are secrets: keep them out of the logs.
		const path = event.url.pathname.replace(/^\/(u|l)\/[^/]+/, '/$1/…');
		console.error(`Lỗi khi xử lý ${event.request.method} ${path}`, error);
	}
	return {
		message:
			status === 404
				? 'Không tìm thấy trang này.'
				: 'Đã có lỗi trên máy chủ. Vui lòng thử lại sau ít phút.'
	};
};
