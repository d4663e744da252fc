import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { photoPaths } from './photo-paths';
import {
	PHOTO_LONG_SIDE,
	PHOTO_MAX_BYTES,
	PHOTO_MESSAGES,
	PHOTOS_PER_ACTIVITY,
	photoError,
	tooManyPhotos
} from '../domain/photos';

export { PHOTO_MAX_BYTES, PHOTO_MESSAGES, PHOTOS_PER_ACTIVITY };
export { photoPaths, photosDir } from './photo-paths';

// Photo evidence (issue 12): what a unit uploads is never stored as it came. It is decoded by
// sharp (libvips) — the content decides what it is, never the file's name or declared type —,
// turned upright, made at most 1,600 px on its long side and re-encoded as JPEG, which also leaves
// behind every piece of metadata (EXIF with the phone's GPS position, XMP, comments). The result
// is stored under the data folder by the SHA-256 of its bytes, with a 320 px thumbnail beside it,
// so the same photo sent twice is stored once and no name chosen by anyone reaches the disk.

const LONG_SIDE = PHOTO_LONG_SIDE;
const THUMB_SIDE = 320;
/** Decoding bombs: a small file claiming an enormous image is refused before it is decoded. */
const MAX_PIXELS = 50_000_000;

export class PhotoRefused extends Error {
	override name = 'PhotoRefused';
	constructor(readonly reason: keyof typeof PHOTO_MESSAGES) {
		super(PHOTO_MESSAGES[reason]());
	}
}

export interface StoredPhoto {
	/** SHA-256 of the stored JPEG: its name on disk and in addresses */
	hash: string;
	width: number;
	height: number;
	bytes: number;
}

const ACCEPTED = new Set(['jpeg', 'png', 'webp']);

/** The ISO BMFF brand of a HEIC/HEIF file (`ftypheic`, `ftypmif1`…), which sharp cannot decode here. */
function looksLikeHeic(input: Buffer): boolean {
	if (input.length < 12 || input.toString('latin1', 4, 8) !== 'ftyp') return false;
	return /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(input.toString('latin1', 8, 12));
}

/** Re-encode an uploaded photo; throws PhotoRefused with the reason in Vietnamese. */
export async function preparePhoto(
	input: Buffer
): Promise<{ photo: Buffer; thumbnail: Buffer; width: number; height: number }> {
	if (input.length === 0) throw new PhotoRefused('empty');
	if (input.length > PHOTO_MAX_BYTES) throw new PhotoRefused('tooLarge');
	if (looksLikeHeic(input)) throw new PhotoRefused('heic');
	let format: string | undefined;
	try {
		({ format } = await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata());
	} catch (error) {
		throw new PhotoRefused(
			/pixel limit/i.test(String((error as Error).message)) ? 'tooManyPixels' : 'notImage'
		);
	}
	if (!format || !ACCEPTED.has(format)) throw new PhotoRefused('notImage');
	try {
		// failOn 'truncated': a photo cut off during the upload is refused, not stored half grey.
		// A transparent PNG (a screenshot, a logo) goes on white, not on JPEG's default black.
		const upright = sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'truncated' })
			.rotate()
			.flatten({ background: '#ffffff' });
		const { data, info } = await upright
			.clone()
			.resize(LONG_SIDE, LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
			.jpeg({ quality: 80, mozjpeg: true })
			.toBuffer({ resolveWithObject: true });
		const thumbnail = await upright
			.clone()
			.resize(THUMB_SIDE, THUMB_SIDE, { fit: 'inside', withoutEnlargement: true })
			.jpeg({ quality: 72, mozjpeg: true })
			.toBuffer();
		return { photo: data, thumbnail, width: info.width, height: info.height };
	} catch (error) {
		if (error instanceof PhotoRefused) throw error;
		throw new PhotoRefused(
			/pixel limit/i.test(String((error as Error).message)) ? 'tooManyPixels' : 'broken'
		);
	}
}

export type PreparedPhoto = Awaited<ReturnType<typeof preparePhoto>>;

/** Store a prepared photo under `dir`; the same photo twice is stored once. */
export async function savePhoto(dir: string, prepared: PreparedPhoto): Promise<StoredPhoto> {
	const hash = createHash('sha256').update(prepared.photo).digest('hex');
	const paths = photoPaths(dir, hash);
	if (!existsSync(paths.photo)) {
		await mkdir(join(dir, hash.slice(0, 2)), { recursive: true });
		// Written whole under a temporary name, then renamed: a reader never sees half a photo.
		for (const [path, bytes] of [
			[paths.thumbnail, prepared.thumbnail],
			[paths.photo, prepared.photo]
		] as const) {
			// A name of its own per write: the same photo may arrive twice at the same moment (a
			// report sent by the page and by its service worker); both renames then put the same
			// bytes in place, and neither finds its file taken by the other.
			const partial = `${path}.${process.pid}.${randomUUID()}.tmp`;
			try {
				await writeFile(partial, bytes, { mode: 0o640 });
				await rename(partial, path);
			} catch (error) {
				// A full disk leaves an empty or half-written file: never keep it.
				await rm(partial, { force: true }).catch(() => {});
				throw error;
			}
		}
	}
	return { hash, width: prepared.width, height: prepared.height, bytes: prepared.photo.length };
}

/**
 * Remove the files of these photos that no row refers to (`inUse`): what a refused change wrote.
 * A photo another activity shows stays (files are shared by hash).
 */
export async function removePhotoFiles(
	dir: string,
	hashes: string[],
	inUse: Set<string>
): Promise<void> {
	for (const hash of new Set(hashes)) {
		if (inUse.has(hash)) continue;
		const paths = photoPaths(dir, hash);
		await rm(paths.photo, { force: true });
		await rm(paths.thumbnail, { force: true });
	}
}

/** Re-encode and store an uploaded photo under `dir`; the same photo twice is stored once. */
export async function storePhoto(dir: string, input: Buffer): Promise<StoredPhoto> {
	return savePhoto(dir, await preparePhoto(input));
}

/** A file as it came in a form: the name the phone gave it (shown in messages only) and bytes. */
export interface UploadedFile {
	name: string;
	bytes: Buffer;
}

/**
 * The name of an uploaded file as a person would recognise it, safe to show (a name with a folder
 * in it was refused before this): control and invisible or direction-changing characters
 * (Unicode Cc and Cf) go.
 */
function shownName(name: string): string {
	const clean = name.replace(/[\p{Cc}\p{Cf}]/gu, '');
	return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}

/**
 * Check every photo of one report before anything is stored: all are usable, or none is kept and
 * each refused one is named with its reason (in the order chosen).
 */
export async function preparePhotos(
	files: UploadedFile[]
): Promise<{ ok: true; photos: PreparedPhoto[] } | { ok: false; errors: string[] }> {
	if (files.length > PHOTOS_PER_ACTIVITY) {
		return { ok: false, errors: [tooManyPhotos(files.length)] };
	}
	const photos: PreparedPhoto[] = [];
	const errors: string[] = [];
	// One after the other: a phone photo decodes to ~50 MB of pixels.
	for (const [index, file] of files.entries()) {
		// Browsers send a file's own name, never a folder; a name with one was made by hand.
		if (/[\\/]|\p{Cc}/u.test(file.name)) {
			errors.push(photoError(index, '', PHOTO_MESSAGES.badName()));
			continue;
		}
		try {
			photos.push(await preparePhoto(file.bytes));
		} catch (error) {
			if (!(error instanceof PhotoRefused)) throw error;
			const name = shownName(file.name);
			errors.push(photoError(index, name, error.message));
		}
	}
	return errors.length ? { ok: false, errors } : { ok: true, photos };
}

/**
 * A stored photo made fit for a printed page (960 px on its long side: sharp at 8 cm, and a report
 * of 40 photos stays a few megabytes for e-mail). Undefined when its file is not on this server.
 */
export async function photoForDocument(
	dir: string,
	hash: string
): Promise<{ data: Buffer; width: number; height: number } | undefined> {
	let input: Buffer;
	try {
		input = await readFile(photoPaths(dir, hash).photo);
	} catch {
		return undefined;
	}
	const { data, info } = await sharp(input)
		.resize(960, 960, { fit: 'inside', withoutEnlargement: true })
		.jpeg({ quality: 78, mozjpeg: true })
		.toBuffer({ resolveWithObject: true });
	return { data, width: info.width, height: info.height };
}
