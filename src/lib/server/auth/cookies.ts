import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './sessions';

/** HttpOnly, SameSite=Lax, Secure whenever the public address is https. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: string) {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL) {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: url.protocol === 'https:' });
}

const BASE = 'http://lantoa.invalid';

/**
 * Where a sign-in may lead: a page of this site only. `next` is resolved as a browser would
 * (tabs and newlines dropped, backslashes read as slashes, percent-escapes kept), and only a
 * result on this origin counts; what comes back is the URL's own serialisation (ASCII, escaped),
 * never the raw text, so it is always a safe `Location`.
 */
export function safeNext(next: string | null, fallback = '/dashboard'): string {
	if (!next || !next.startsWith('/')) return fallback;
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== BASE) return fallback;
	const path = `${url.pathname}${url.search}${url.hash}`;
	// "/.//evil.example" normalises to a path starting "//": a protocol-relative address.
	return path.startsWith('//') ? fallback : path;
}
