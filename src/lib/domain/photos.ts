// Photo evidence's rules and words, shared by the server (which decides) and the unit's page
// (which says the same thing at once, before a weak network carries a file for nothing).

import { m } from '../paraglide/messages';

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTOS_PER_ACTIVITY = 5;
/** the long side of a stored photo, and of what the page sends */
export const PHOTO_LONG_SIDE = 1600;

/** Why a photo is refused, in the language of the page or the request (message functions). */
export const PHOTO_MESSAGES = {
	tooLarge: () => m.photo_too_large({ mb: PHOTO_MAX_BYTES / 1024 / 1024 }),
	empty: m.photo_empty,
	notImage: m.photo_not_image,
	heic: m.photo_heic,
	broken: m.photo_broken,
	tooManyPixels: m.photo_too_many_pixels,
	badName: m.photo_bad_name
} as const;

/** "Ảnh 2 (IMG_0412.JPG): <reason>" — which photo, as the official chose it. */
export function photoError(index: number, name: string, reason: string): string {
	return name
		? m.photo_error_named({ index: index + 1, name, reason })
		: m.photo_error({ index: index + 1, reason });
}

export function tooManyPhotos(count: number): string {
	return m.photo_too_many({
		max: PHOTOS_PER_ACTIVITY,
		count,
		extra: count - PHOTOS_PER_ACTIVITY
	});
}
