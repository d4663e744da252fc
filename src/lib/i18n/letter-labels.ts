/**
 * The app's names for the letter's codes, in the language shown. The Vietnamese wording is the
 * letter's own (a test compares it with campaign-2026.json, which the Word report reads); each map
 * holds the message functions, so a page takes only the messages it shows.
 */
import { m } from '../paraglide/messages';
import type {
	ActivityType,
	ContentArea,
	EventFormat,
	EventMode,
	MediaChannel,
	UnitKind
} from '../domain/campaign';
import type { Labels } from './labels';

export const typeLabel: Labels<ActivityType> = {
	banner: m.type_banner,
	media: m.type_media,
	event: m.type_event,
	movement: m.type_movement,
	honor: m.type_honor
};

/** The letter's own sentence for each form, shown as help under the type picker. */
export const letterText: Labels<ActivityType> = {
	banner: m.letter_banner,
	media: m.letter_media,
	event: m.letter_event,
	movement: m.letter_movement,
	honor: m.letter_honor
};

export const quantityLabel: Labels<ActivityType> = {
	banner: m.quantity_banner,
	media: m.quantity_media,
	event: m.quantity_event,
	movement: m.quantity_movement,
	honor: m.quantity_honor
};

export const channelLabel: Labels<MediaChannel> = {
	print: m.channel_print,
	radio: m.channel_radio,
	tv: m.channel_tv,
	social: m.channel_social,
	digital: m.channel_digital,
	other: m.channel_other
};

export const formatLabel: Labels<EventFormat> = {
	conference: m.format_conference,
	seminar: m.format_seminar,
	talk: m.format_talk,
	film: m.format_film,
	exhibition: m.format_exhibition
};

export const modeLabel: Labels<EventMode> = {
	onsite: m.mode_onsite,
	online: m.mode_online,
	hybrid: m.mode_hybrid
};

export const contentAreaLabel: Labels<ContentArea> = {
	awareness: m.area_awareness,
	policy: m.area_policy,
	practice: m.area_practice,
	models: m.area_models,
	culture: m.area_culture
};

export const kindLabel: Labels<UnitKind> = {
	front: m.kind_front,
	department: m.kind_department,
	agency: m.kind_agency,
	commune: m.kind_commune,
	ward: m.kind_ward
};
