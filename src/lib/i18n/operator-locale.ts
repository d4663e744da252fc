import type { Locale } from '../paraglide/runtime';

/**
 * The language of what the server and the command line say outside any request — start-up
 * errors, the command line's output: Vietnamese, or English with LANTOA_LANG=en. A request is
 * always answered in its own language (src/hooks.server.ts).
 */
export function operatorLocale(env: Record<string, string | undefined> = process.env): Locale {
	return env.LANTOA_LANG?.trim().toLowerCase() === 'en' ? 'en' : 'vi';
}

/** For a message the operator reads even inside a request (a warning in the log): `m.x({}, forOperator())`. */
export const forOperator = (): { locale: Locale } => ({ locale: operatorLocale() });
