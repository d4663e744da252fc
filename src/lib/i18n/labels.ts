/**
 * The short names of forms and groups, in the language shown: what charts, tables and the kiosk
 * need. The letter's full wording is in letter-labels.ts, apart so that the kiosk does not load it
 * (a page takes a whole module from a shared chunk).
 */
import { m } from '../paraglide/messages';
import type { ActivityType, UnitGroup } from '../domain/campaign';

export type Labels<T extends string> = Record<T, () => string>;

/** For charts, tables and the kiosk, where the letter's wording is too long. */
export const typeShortLabel: Labels<ActivityType> = {
	banner: m.type_short_banner,
	media: m.type_short_media,
	event: m.type_short_event,
	movement: m.type_short_movement,
	honor: m.type_short_honor
};

export const groupLabel: Labels<UnitGroup> = {
	front: m.group_front,
	sectors: m.group_sectors,
	localities: m.group_localities
};
