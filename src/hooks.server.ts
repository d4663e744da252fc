import {
	error,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { version } from '$app/environment';
import { db, initApp } from '$lib/server/app';
import { accessOf } from '$lib/server/auth/access';
import { findPrincipal, SESSION_COOKIE } from '$lib/server/auth/sessions';

export const init: ServerInit = async () => {
	await initApp(version);
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.principal = await findPrincipal(db(), event.cookies.get(SESSION_COOKIE));

	const access = accessOf(event.route.id);
	if (access === undefined) {
		// Fail closed: a route nobody classified is not served.
		console.error(`Route without access rule: ${event.route.id}`);
		error(403, 'Trang này chưa được cấp quyền truy cập.');
	}
	if (access === 'staff' || access === 'admin') {
		const principal = event.locals.principal;
		if (!principal) {
			const next = event.url.pathname + event.url.search;
			redirect(303, `/login?next=${encodeURIComponent(next)}`);
		}
		if (access === 'admin' && principal.role !== 'admin') {
			error(403, 'Trang này chỉ dành cho quản trị viên.');
		}
	}

	const response = await resolve(event);
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
