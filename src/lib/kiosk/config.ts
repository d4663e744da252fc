// No zod here: the kiosk page imports this and must stay light.
import { isOneOf } from '$lib/domain/campaign';
import { m } from '$lib/paraglide/messages';

/** What the kiosk can show, in its default order. `overview` is everything on one screen. */
export const KIOSK_SLIDES = [
	'hero',
	'themes',
	'tallies',
	'forms',
	'groups',
	'latest',
	'qr',
	'overview'
] as const;
export type KioskSlide = (typeof KIOSK_SLIDES)[number];

export const DEFAULT_SLIDES: KioskSlide[] = [
	'hero',
	'themes',
	'tallies',
	'forms',
	'groups',
	'latest',
	'qr'
];

export const INTERVAL_LIMITS = { min: 5, max: 300, default: 12 } as const;

export interface KioskConfig {
	slides: KioskSlide[];
	/** seconds per slide */
	interval: number;
	theme: 'dark' | 'light';
	/** a unit's own event: its numbers only */
	unit: string | null;
	/**
	 * a preset's language ('en' for a visiting delegation); null: the screen's own choice. The
	 * server shows the page in it (src/hooks.server.ts); `?lang=` on the address comes first.
	 */
	lang: 'vi' | 'en' | null;
}

export const DEFAULT_CONFIG: KioskConfig = {
	slides: DEFAULT_SLIDES,
	interval: INTERVAL_LIMITS.default,
	theme: 'dark',
	unit: null,
	lang: null
};

export interface KioskSettingsInput {
	slides?: string | null;
	interval?: string | null;
	theme?: string | null;
	unit?: string | null;
	lang?: string | null;
}

/**
 * Read kiosk settings (from the URL or a saved preset) over a base. A TV cannot show a form
 * error to the technician, so an unusable value is skipped, the base kept, and a short note (in
 * the screen's language) returned for the screen to show for a few seconds.
 */
export function readKioskConfig(
	input: KioskSettingsInput,
	base: KioskConfig = DEFAULT_CONFIG
): { config: KioskConfig; problems: string[] } {
	const config: KioskConfig = { ...base, slides: [...base.slides] };
	const problems: string[] = [];
	if (input.slides) {
		const names = input.slides
			.split(',')
			.map((name) => name.trim().toLowerCase())
			.filter(Boolean);
		const known = names.filter((name) => isOneOf(KIOSK_SLIDES, name));
		const unknown = names.filter((name) => !isOneOf(KIOSK_SLIDES, name));
		if (unknown.length) problems.push(m.kiosk_problem_slides({ names: unknown.join(', ') }));
		if (known.length) config.slides = [...new Set(known)];
	}
	if (input.interval) {
		const seconds = Number(input.interval);
		if (
			Number.isInteger(seconds) &&
			seconds >= INTERVAL_LIMITS.min &&
			seconds <= INTERVAL_LIMITS.max
		) {
			config.interval = seconds;
		} else {
			problems.push(
				m.kiosk_problem_interval({ min: INTERVAL_LIMITS.min, max: INTERVAL_LIMITS.max })
			);
		}
	}
	if (input.theme) {
		if (input.theme === 'dark' || input.theme === 'light') config.theme = input.theme;
		else problems.push(m.kiosk_problem_theme());
	}
	if (input.lang) {
		if (input.lang === 'vi' || input.lang === 'en') config.lang = input.lang;
		else problems.push(m.kiosk_problem_lang());
	}
	if (input.unit) {
		if (/^[A-Za-z0-9_-]{1,40}$/.test(input.unit)) config.unit = input.unit;
		else problems.push(m.kiosk_problem_unit());
	}
	return { config, problems };
}

/** The query string that reproduces a config (for presets and links). */
export function kioskQuery(config: KioskConfig): string {
	const params = new URLSearchParams();
	params.set('slides', config.slides.join(','));
	params.set('interval', String(config.interval));
	params.set('theme', config.theme);
	if (config.unit) params.set('unit', config.unit);
	if (config.lang) params.set('lang', config.lang);
	return params.toString();
}
