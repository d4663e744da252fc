import { m } from '$lib/paraglide/messages';
import { readFile } from 'node:fs/promises';
import { error } from '@sveltejs/kit';
import { appContext, db } from './context';
import { photoPaths, photosDir } from './photos';
import { findActivityPhoto } from './repositories/activities';

// Serving a photo of an activity: the address names the activity and the file
// (`<sha256>.jpg`, or `<sha256>-nho.jpg` for the thumbnail), so who may see it is decided by that
// activity — its unit on the unit's link, any activity for the Department's staff, and for
// everyone else only a photo of an activity the public screens show.

const FILE = /^([0-9a-f]{64})(-nho)?\.jpg$/;

export type PhotoViewer = { kind: 'unit'; unitId: number } | { kind: 'staff' } | { kind: 'public' };

const NOT_FOUND = () => m.photo_not_found();

export async function photoResponse(
	request: Request,
	activityId: number,
	file: string,
	viewer: PhotoViewer
): Promise<Response> {
	const match = FILE.exec(file);
	if (!match) error(404, NOT_FOUND());
	const [, hash, small] = match;
	const photo = await findActivityPhoto(db(), activityId, hash);
	const allowed =
		photo !== undefined &&
		(viewer.kind === 'staff' ||
			(viewer.kind === 'unit' && photo.unitId === viewer.unitId && !photo.withdrawn) ||
			(viewer.kind === 'public' && photo.public));
	if (!photo || !allowed) error(404, NOT_FOUND());

	const etag = `"${hash}${small ?? ''}"`;
	// The bytes behind an address never change (named by their hash); who may see them can, so
	// what everyone sees is kept a few minutes only, and only by the viewer's own browser else.
	const headers: Record<string, string> = {
		'Content-Type': 'image/jpeg',
		'Cache-Control':
			viewer.kind === 'public' ? 'public, max-age=300' : 'private, max-age=31536000, immutable',
		ETag: etag,
		'Content-Disposition': `inline; filename="hoat-dong-${activityId}-anh-${photo.position + 1}${small ? '-nho' : ''}.jpg"`,
		'Cross-Origin-Resource-Policy': 'same-origin'
	};
	if (request.headers.get('if-none-match') === etag) {
		return new Response(null, { status: 304, headers });
	}
	const paths = photoPaths(photosDir(appContext().config), hash);
	let bytes: Buffer;
	try {
		bytes = await readFile(small ? paths.thumbnail : paths.photo);
	} catch {
		// The row is there but not the file (a database restored without its photos folder).
		error(404, m.photo_file_missing());
	}
	return new Response(new Uint8Array(bytes), {
		headers: { ...headers, 'Content-Length': String(bytes.length) }
	});
}
