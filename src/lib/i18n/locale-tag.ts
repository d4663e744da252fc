import type { Locale } from '../paraglide/runtime';

/** Intl's language tag for a locale: English dates stay day/month/year (en-GB), as in Vietnam. */
export function intlLocale(locale: Locale): string {
	return locale === 'en' ? 'en-GB' : 'vi-VN';
}
