import { m } from '$lib/paraglide/messages';
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { db } from '../context';
import { bearerToken, unitUnauthorised } from '../http';
import { findUnitByToken } from '../repositories/units';
import { accessOf } from './access';
import { findPrincipal, SESSION_COOKIE } from './sessions';
import { log } from '../log';

/** Content types a page of another site can send with a plain HTML form (no CORS preflight). */
const FORM_TYPES = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain'
]);
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A form sent to this site from a page of another origin (cross-site request forgery). This is
 * SvelteKit's own rule (`csrf.checkOrigin`), taken into the hook so that the refusal has the
 * shape of the route it hits; svelte.config.js turns SvelteKit's copy off. The JSON API is not
 * checked here: it ignores cookies, so a forged request carries no credential, and it refuses
 * every body not declared JSON with 415 in its own shape.
 */
function crossSiteForm(event: RequestEvent): boolean {
	const { request, url } = event;
	if (!UNSAFE_METHODS.has(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';')[0].trim().toLowerCase();
	if (type === undefined || !FORM_TYPES.has(type)) return false;
	return request.headers.get('origin') !== url.origin;
}

/**
 * The one way in: decides who the request is from, once, for every route, by the route's access
 * rule (access.ts), and puts what it found in `locals` (read back with guards.ts). Returns a
 * response when the request is refused in the JSON API's shape; staff pages are refused by
 * throwing SvelteKit's error or redirect. Nothing after this checks tokens or sessions again.
 */
export async function admit(event: RequestEvent): Promise<Response | undefined> {
	const access = accessOf(event.route.id);
	if (access === undefined) {
		// Fail closed: a route nobody classified is not served.
		log().error(`Đường dẫn chưa có quy tắc truy cập: ${event.route.id}`);
		error(403, m.access_no_rule());
	}

	if (access === 'unit-api') {
		// The unit API only writes (POST, PATCH, DELETE); a GET there is told which method to use
		// by the route's 405, whoever asks. Cookies never authenticate the JSON API: only
		// `Authorization: Bearer <unit token>`.
		if (READ_METHODS.has(event.request.method)) return undefined;
		const token = bearerToken(event.request);
		const unit = token ? await findUnitByToken(db(), token) : undefined;
		if (!unit) return unitUnauthorised();
		event.locals.unit = unit;
		return undefined;
	}
	if (event.url.pathname.startsWith('/api/')) return undefined;

	if (crossSiteForm(event)) {
		error(403, m.access_cross_site());
	}

	event.locals.principal = await findPrincipal(db(), event.cookies.get(SESSION_COOKIE));

	switch (access) {
		case 'unit-link': {
			// A link that opens nothing leaves `unit` unset: the page's unitOf answers 404, rendered
			// as the site's error page (an error thrown here would get SvelteKit's bare one).
			event.locals.unit = await findUnitByToken(db(), event.params.token ?? '');
			return undefined;
		}
		case 'staff':
		case 'admin': {
			const principal = event.locals.principal;
			if (!principal) {
				const next = event.url.pathname + event.url.search;
				redirect(303, `/login?next=${encodeURIComponent(next)}`);
			}
			if (access === 'admin' && principal.role !== 'admin') {
				error(403, m.access_admin_only());
			}
			return undefined;
		}
		default:
			return undefined;
	}
}
