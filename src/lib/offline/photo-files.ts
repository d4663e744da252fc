import { PHOTO_LONG_SIDE, PHOTO_MAX_BYTES, PHOTO_MESSAGES, photoError } from '$lib/domain/photos';

// Photos chosen on the unit's page are made small on the phone before they travel: a 4 MB camera
// photo becomes ~300 KB at the 1,600 px the server keeps anyway, which is what makes five photos
// possible on a mountain connection (DevTools' Slow 3G: ~5 s each instead of ~70 s). Drawing to
// a canvas also leaves the EXIF behind, so the phone's GPS position never leaves the phone. The
// server still decodes and re-encodes whatever arrives: this is for the network, not for trust.
// What the browser cannot decode is refused here with the server's own words.

export interface PickedPhoto {
	/** a name for the list and for messages (the file's own name, as .jpg once made small) */
	name: string;
	blob: Blob;
}

const isHeic = (file: File) =>
	/^image\/hei[cf]/i.test(file.type) || /\.(heic|heif)$/i.test(file.name);

/** A JPEG of at most PHOTO_LONG_SIDE px, or the reason the photo cannot be sent. */
export async function shrinkPhoto(
	file: File,
	index: number
): Promise<{ ok: true; photo: PickedPhoto } | { ok: false; error: string }> {
	const refuse = (reason: string) => ({
		ok: false as const,
		error: photoError(index, file.name, reason)
	});
	if (file.size === 0) return refuse(PHOTO_MESSAGES.empty());
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		if (isHeic(file)) return refuse(PHOTO_MESSAGES.heic());
		if (file.size > PHOTO_MAX_BYTES) return refuse(PHOTO_MESSAGES.tooLarge());
		return refuse(
			file.type.startsWith('image/') ? PHOTO_MESSAGES.broken() : PHOTO_MESSAGES.notImage()
		);
	}
	try {
		const scale = Math.min(1, PHOTO_LONG_SIDE / Math.max(bitmap.width, bitmap.height));
		const width = Math.max(1, Math.round(bitmap.width * scale));
		const height = Math.max(1, Math.round(bitmap.height * scale));
		const canvas = document.createElement('canvas');
		canvas.width = width;
		canvas.height = height;
		const context = canvas.getContext('2d');
		if (!context) throw new Error('no 2d context');
		// Transparent parts (a screenshot, a PNG) on white, as the server does.
		context.fillStyle = '#fff';
		context.fillRect(0, 0, width, height);
		context.drawImage(bitmap, 0, 0, width, height);
		const blob = await new Promise<Blob | null>((resolve) =>
			canvas.toBlob(resolve, 'image/jpeg', 0.85)
		);
		if (!blob) throw new Error('not encoded');
		const base = file.name.replace(/\.[^.]*$/, '') || 'anh';
		return { ok: true, photo: { name: `${base}.jpg`, blob } };
	} catch {
		// Decoded but not drawn (memory on an old phone): the original goes, the server shrinks it.
		if (file.size > PHOTO_MAX_BYTES) return refuse(PHOTO_MESSAGES.tooLarge());
		return { ok: true, photo: { name: file.name || 'anh.jpg', blob: file } };
	} finally {
		bitmap.close();
	}
}
