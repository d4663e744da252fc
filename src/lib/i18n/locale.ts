import { isLocale, type Locale } from '$lib/paraglide/runtime';

/** The query parameter that chooses the language on any URL: ?lang=en, ?lang=vi. */
export const LANG_PARAM = 'lang';

/** The language asked for on a URL, if it is one we have. */
export function localeFromUrl(url: URL): Locale | undefined {
	const asked = url.searchParams.get(LANG_PARAM)?.trim().toLowerCase();
	return asked && isLocale(asked) ? asked : undefined;
}
