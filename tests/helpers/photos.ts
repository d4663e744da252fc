import sharp from 'sharp';

// What a phone sends: real images made with sharp (never a file checked into the repository).

/** A 2400×1800 photo-like JPEG taken "in Lai Châu", GPS position and camera in its EXIF. */
export async function phonePhoto(shade = 40): Promise<Buffer> {
	return sharp({
		create: { width: 2400, height: 1800, channels: 3, background: { r: 180, g: shade, b: 40 } }
	})
		.composite([
			{
				input: {
					create: { width: 800, height: 600, channels: 3, background: { r: 250, g: 200, b: 60 } }
				},
				left: 200,
				top: 300
			}
		])
		.jpeg({ quality: 90 })
		.withExif({
			IFD0: { Make: 'PhoneMaker', Model: 'Field Phone 7', Copyright: 'So KHCN' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '22/1 23/1 46/1',
				GPSLongitudeRef: 'E',
				GPSLongitude: '103/1 27/1 29/1'
			}
		})
		.toBuffer();
}

export interface FormFile {
	name: string;
	type: string;
	bytes: Buffer;
}

/**
 * A unit's new report with photos, posted as multipart/form-data the way a browser does: without
 * JavaScript (`as: 'page'`, the answer is the page's HTML) or from the page's script (`as:
 * 'script'`, SvelteKit's JSON answer of the form action).
 */
export async function postReport(
	base: string,
	token: string,
	fields: Record<string, string | string[]>,
	photos: FormFile[],
	as: 'page' | 'script' = 'page'
): Promise<{ status: number; text: string }> {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
	}
	for (const photo of photos) {
		body.append(
			'photos',
			new Blob([new Uint8Array(photo.bytes)], { type: photo.type }),
			photo.name
		);
	}
	const response = await fetch(`${base}/u/${token}?/submit`, {
		method: 'POST',
		headers: {
			Origin: base,
			...(as === 'page'
				? { Accept: 'text/html' }
				: { Accept: 'application/json', 'x-sveltekit-action': 'true' })
		},
		body,
		redirect: 'manual'
	});
	return { status: response.status, text: await response.text() };
}
