// The letter's wording for forms, channels, formats, modes and content areas, from its JSON. Kept
// apart from campaign.ts so the pages that need only codes and short labels (the kiosk) never load
// the letter's texts: a shared chunk carries everything any page takes from its module.
import { activityTypes, contentAreas } from './campaign-2026.json';
import type {
	ActivityType,
	ContentArea,
	EventFormat,
	EventMode,
	MediaChannel,
	UnitGroup,
	UnitKind
} from './campaign';

function labelsOf<T extends string>(list: { code: string; label: string }[]): Record<T, string> {
	return Object.fromEntries(list.map((item) => [item.code, item.label])) as Record<T, string>;
}

function byType<T>(value: (type: (typeof activityTypes)[number]) => T): Record<ActivityType, T> {
	return Object.fromEntries(activityTypes.map((t) => [t.code, value(t)])) as Record<
		ActivityType,
		T
	>;
}

export const TYPE_LABELS = labelsOf<ActivityType>(activityTypes);

export const QUANTITY_LABELS = byType((t) => t.quantityLabel);

/** The letter's own sentence for each form, shown as help under the type picker. */
export const TYPE_LETTER_TEXT = byType((t) => t.letter);

export const CHANNEL_LABELS = labelsOf<MediaChannel>(
	activityTypes.find((t) => t.code === 'media')?.channels ?? []
);
export const FORMAT_LABELS = labelsOf<EventFormat>(
	activityTypes.find((t) => t.code === 'event')?.formats ?? []
);
export const MODE_LABELS = labelsOf<EventMode>(
	activityTypes.find((t) => t.code === 'event')?.modes ?? []
);
export const CONTENT_AREA_LABELS = labelsOf<ContentArea>(contentAreas);

// The same in the app's own short wording (the pages take theirs from src/lib/i18n in the
// language shown; these stay Vietnamese for the Ministry's report and the command line).
export const GROUP_LABELS: Record<UnitGroup, string> = {
	front: 'Mặt trận Tổ quốc tỉnh',
	sectors: 'Các sở, ban, ngành',
	localities: 'UBND các xã, phường'
};

export const KIND_LABELS: Record<UnitKind, string> = {
	front: 'Mặt trận Tổ quốc',
	department: 'Sở, ngành',
	agency: 'Ban, ngành',
	commune: 'Xã',
	ward: 'Phường'
};

/** Short labels for charts, tables and the kiosk, where the letter's wording is too long. */
export const TYPE_SHORT_LABELS: Record<ActivityType, string> = {
	banner: 'Băng rôn, khẩu hiệu',
	media: 'Truyền thông',
	event: 'Hội nghị, hội thảo, triển lãm',
	movement: 'Phong trào, sáng kiến',
	honor: 'Khen thưởng, tôn vinh'
};

/** A review's state as the files and the print view write it (formal Vietnamese). */
export const STATUS_LABELS = {
	pending: 'Chờ duyệt',
	approved: 'Đã duyệt',
	rejected: 'Không duyệt'
} as const;
