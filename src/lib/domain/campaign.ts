/**
 * Whether `value` is one of `list`: narrows a string read from a form, an address or a database
 * column to the list's type without a cast.
 */
export function isOneOf<const T extends string>(list: readonly T[], value: unknown): value is T {
	return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** The five forms of activity the letter lists (section 5), in the letter's order. */
export const ACTIVITY_TYPES = ['banner', 'media', 'event', 'movement', 'honor'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const MEDIA_CHANNELS = ['print', 'radio', 'tv', 'social', 'digital', 'other'] as const;
export type MediaChannel = (typeof MEDIA_CHANNELS)[number];

export const EVENT_FORMATS = ['conference', 'seminar', 'talk', 'film', 'exhibition'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

export const EVENT_MODES = ['onsite', 'online', 'hybrid'] as const;
export type EventMode = (typeof EVENT_MODES)[number];

export const CONTENT_AREAS = ['awareness', 'policy', 'practice', 'models', 'culture'] as const;
export type ContentArea = (typeof CONTENT_AREAS)[number];

export const UNIT_KINDS = ['front', 'department', 'agency', 'commune', 'ward'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The three recipient groups of the letter's "Kính gửi" block. */
export const UNIT_GROUPS = ['front', 'sectors', 'localities'] as const;
export type UnitGroup = (typeof UNIT_GROUPS)[number];

export function groupOfKind(kind: UnitKind): UnitGroup {
	if (kind === 'front') return 'front';
	if (kind === 'department' || kind === 'agency') return 'sectors';
	return 'localities';
}

/** Stable colours per type, shared by the dashboard charts and the kiosk bars. */
export const TYPE_COLORS: Record<ActivityType, string> = {
	banner: '#c8102e',
	media: '#1f6fb2',
	event: '#e0a100',
	movement: '#2e8b57',
	honor: '#7b3fa0'
};

/** What every view needs to know about the active campaign (public fields only). */
export interface CampaignInfo {
	slug: string;
	title: string;
	issuer: string;
	slogan: string;
	themes: string[];
	eventDay: string;
	windowFrom: string;
	windowTo: string;
	reportDueBefore: string;
	/** set in the settings; null: the default range */
	acceptFrom: string | null;
	acceptTo: string | null;
	timezone: string;
}
