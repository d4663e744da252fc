// No zod here: the kiosk page imports this and must stay light.
import { isOneOf } from '$lib/domain/campaign';

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

export const SLIDE_LABELS: Record<KioskSlide, string> = {
	hero: 'Khẩu hiệu',
	themes: 'Chủ đề',
	tallies: 'Số liệu chính',
	forms: 'Theo hình thức',
	groups: 'Theo nhóm đơn vị',
	latest: 'Hoạt động mới nhất',
	qr: 'Mã QR trang công khai',
	overview: 'Tổng quan một màn hình'
};

export const INTERVAL_LIMITS = { min: 5, max: 300, default: 12 } as const;

export interface KioskConfig {
	slides: KioskSlide[];
	/** seconds per slide */
	interval: number;
	theme: 'dark' | 'light';
	/** a unit's own event: its numbers only */
	unit: string | null;
}

export const DEFAULT_CONFIG: KioskConfig = {
	slides: DEFAULT_SLIDES,
	interval: INTERVAL_LIMITS.default,
	theme: 'dark',
	unit: null
};

export interface KioskSettingsInput {
	slides?: string | null;
	interval?: string | null;
	theme?: string | null;
	unit?: string | null;
}

/**
 * Read kiosk settings (from the URL or a saved preset) over a base. A TV cannot show a form
 * error to the technician, so an unusable value is skipped, the base kept, and a short Vietnamese
 * note returned for the screen to show for a few seconds.
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
		if (unknown.length) problems.push(`Không có trang chiếu: ${unknown.join(', ')}`);
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
				`Thời gian mỗi trang phải là số giây từ ${INTERVAL_LIMITS.min} đến ${INTERVAL_LIMITS.max}`
			);
		}
	}
	if (input.theme) {
		if (input.theme === 'dark' || input.theme === 'light') config.theme = input.theme;
		else problems.push('Giao diện chỉ có dark (nền đỏ sẫm) hoặc light (nền sáng)');
	}
	if (input.unit) {
		if (/^[A-Za-z0-9_-]{1,40}$/.test(input.unit)) config.unit = input.unit;
		else problems.push('Mã đơn vị không hợp lệ');
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
	return params.toString();
}
