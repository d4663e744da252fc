import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { version } from '$app/environment';
import { initApp } from '$lib/server/app';

export const init: ServerInit = async () => {
	await initApp(version);
};

export const handle: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	// Unit links are secrets in the URL: never send them to other sites. (Not "no-referrer": with
	// it Chromium sends `Origin: null` on form posts and SvelteKit's CSRF check refuses them.)
	response.headers.set('Referrer-Policy', 'same-origin');
	return response;
};

/** Unexpected errors are logged with their stack here and never shown to the user. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		// Unit links are secrets: keep them out of the logs.
		const path = event.url.pathname.replace(/^\/u\/[^/]+/, '/u/…');
		console.error(`Lỗi khi xử lý ${event.request.method} ${path}`, error);
	}
	return {
		message:
			status === 404
				? 'Không tìm thấy trang này.'
				: 'Đã có lỗi trên máy chủ. Vui lòng thử lại sau ít phút.'
	};
};
