import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { version } from '$app/environment';
import { initApp } from '$lib/server/app';
import { admit } from '$lib/server/auth/gate';
import { isDatabaseUnavailable, isStorageFailure } from '$lib/server/db/open';
import { log } from '$lib/server/log';
import { localeFromUrl } from '$lib/i18n/locale';
import { db, noteStorageFailure } from '$lib/server/context';
import { kioskPresetLocale } from '$lib/server/repositories/kiosk-presets';
import { m } from '$lib/paraglide/messages';
import {
	baseLocale,
	cookieMaxAge,
	cookieName,
	getLocale,
	isLocale,
	overwriteGetLocale,
	type Locale
} from '$lib/paraglide/runtime';
import { getRequestEvent } from '$app/server';
import type { RequestEvent } from '@sveltejs/kit';
import { operatorLocale } from '$lib/i18n/operator-locale';

/** The report (files and print view) goes to the Ministry: always Vietnamese, whoever reads it. */
const MINISTRY_DOCUMENTS = /^\/dashboard\/(export\/|report(\/|$))/;

/**
 * The language of a request: ?lang= on its address, then an event screen's preset
 * (/kiosk?preset=<name>, where /k/<name> leads) if it names one, then the cookie, then Vietnamese
 * (never the browser's Accept-Language: an official's English phone still gets Vietnamese).
 */
async function requestLocale(event: RequestEvent): Promise<Locale> {
	const url = event.url;
	if (MINISTRY_DOCUMENTS.test(url.pathname)) return 'vi';
	const asked = localeFromUrl(url);
	if (asked) return asked;
	const preset = url.pathname === '/kiosk' ? url.searchParams.get('preset') : null;
	if (preset) {
		// The database may be away: the page's own load then answers 503; the language is not
		// worth an error of its own.
		const fromPreset = await kioskPresetLocale(db(), preset).catch(() => undefined);
		if (fromPreset) return fromPreset;
	}
	const remembered = event.cookies.get(cookieName);
	return isLocale(remembered) ? remembered : baseLocale;
}

/**
 * The messages read the request's language from the request itself (SvelteKit keeps the current
 * event in its own AsyncLocalStorage); outside a request it is the operator's (LANTOA_LANG, Vietnamese
 * unless `en`; the sockets send no words). Not
 * paraglideMiddleware: that one clones every request, body included, and runs a second
 * AsyncLocalStorage and its redirect logic on each — 658 → 880 submissions/s in the quick bench.
 */
overwriteGetLocale(() => {
	try {
		return getRequestEvent().locals.locale ?? baseLocale;
	} catch {
		// Outside a request: start-up errors and the like, for the operator (LANTOA_LANG).
		return operatorLocale();
	}
});

export const init: ServerInit = async () => {
	await initApp(version);
};

/** 503 before any page could run: a short page for a browser, the API's JSON for the rest. */
function unavailable(request: Request): Response {
	const html = request.headers.get('accept')?.includes('text/html');
	const message = m.error_database_unavailable();
	return new Response(
		html
			? `<!doctype html><html lang="${getLocale()}"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${m.error_unavailable_title()}</title><p style="font:1.1rem/1.5 system-ui,sans-serif;margin:2rem">${message}</p></html>`
			: JSON.stringify({ message }),
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

/**
 * Every request runs in its language (set on `locals.locale`, where the messages read it); ?lang=
 * on a URL also sets the cookie that remembers it; <html lang> names it.
 */
export const handle: Handle = async ({ event, resolve }) => {
	const locale = (event.locals.locale = await requestLocale(event));
	const response = await handleInLocale({
		event,
		resolve: (event, options) =>
			resolve(event, {
				...options,
				transformPageChunk: ({ html }) => html.replace('%lang%', locale)
			})
	});
	const asked = localeFromUrl(event.url);
	if (asked && event.cookies.get(cookieName) !== asked) {
		response.headers.append(
			'Set-Cookie',
			event.cookies.serialize(cookieName, asked, {
				path: '/',
				maxAge: cookieMaxAge,
				sameSite: 'lax',
				httpOnly: false,
				secure: false
			})
		);
	}
	return response;
};

const handleInLocale: Handle = async ({ event, resolve }) => {
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
		// One policy: joined to SvelteKit's own (appending made two policies in one header,
		// separated by a comma, which some proxies and scanners read as one broken policy).
		const policy = response.headers.get('Content-Security-Policy');
		response.headers.set(
			'Content-Security-Policy',
			policy ? `${policy.replace(/;\s*$/, '')}; frame-ancestors 'none'` : "frame-ancestors 'none'"
		);
		response.headers.set('X-Frame-Options', 'DENY');
	}
	if (event.locals.principal || event.route.id?.startsWith('/u/[token]')) {
		response.headers.set('Cache-Control', 'private, no-store');
	}
	return response;
};

/** Unexpected errors are logged with their stack here and never shown to the user. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (isStorageFailure(error)) {
		// A write the storage refused where no form could say so (a sign-in's session, its
		// counted attempt): 503 "send again later" with the storage's words, never a bare 500.
		event.locals.databaseUnavailable = true;
		const code = (error as { code: string }).code;
		noteStorageFailure(code);
		log().error(`Không lưu được dữ liệu (${code}): ${event.request.method} trả 503`, {
			reqId: event.request.headers.get('x-request-id') ?? undefined
		});
		return { message: m.storage_unavailable() };
	}
	if (isDatabaseUnavailable(error)) {
		// One line, not a stack trace per request while the database is away (handle answers 503).
		event.locals.databaseUnavailable = true;
		const code = (error as { code?: string }).code ?? (error as Error).message;
		log().error(`Không truy cập được cơ sở dữ liệu (${code}): ${event.request.method} trả 503`, {
			reqId: event.request.headers.get('x-request-id') ?? undefined
		});
		return { message: m.error_database_unavailable() };
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
		message: status === 404 ? m.error_not_found() : m.error_server()
	};
};
