/**
 * What the browser needs of Paraglide's runtime (src/lib/paraglide/runtime.js), which Vite gives
 * the browser's bundles instead of it (vite.config.ts, browserLocaleRuntime).
 *
 * Why our own: the page's language is decided by the server alone (?lang=, then the cookie, then
 * Vietnamese; src/hooks.server.ts) and written in <html lang>, so the browser only reads it back.
 * Paraglide's getLocale carries every strategy (URL patterns, cookies, storage, redirects): 2.1 KB
 * gzip on every page, and the kiosk has a budget of 60 KB. The messages import only getLocale and
 * experimentalStaticLocale from the runtime; an export missing here fails the build.
 */
import type { Locale } from '../paraglide/runtime.js';

export type { Locale };

export const baseLocale: Locale = 'vi';
export const locales: readonly Locale[] = ['vi', 'en'];
export const experimentalStaticLocale: Locale | undefined = undefined;

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

const shown = typeof document === 'undefined' ? undefined : document.documentElement.lang;
const locale: Locale = isLocale(shown) ? shown : baseLocale;

/** The language the server rendered this page in. */
export function getLocale(): Locale {
	return locale;
}
