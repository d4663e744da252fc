import archiver from 'archiver';
import JSZip from 'jszip';
import { PassThrough, Readable } from 'node:stream';

// XML 1.0 allows tab, newline, carriage return and these ranges; anything else is dropped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(value: string): string {
	return value
		.replace(INVALID_XML, '')
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;');
}

/**
 * Office files are zips of XML parts. The libraries lay out everything small (styles, headings,
 * summary tables) in memory; the one long list is then streamed into its part while the zip is
 * written: `before`, the generated rows page by page, `after`. Memory stays flat whatever the
 * number of rows.
 */
export async function streamOfficeFile(
	source: Buffer | ArrayBuffer,
	part: string,
	split: (xml: string) => { before: string; after: string },
	rows: () => AsyncGenerator<string>
): Promise<ReadableStream> {
	const zip = await JSZip.loadAsync(source);
	const file = zip.file(part);
	if (!file) throw new Error(`Office part ${part} missing`);
	const { before, after } = split(await file.async('string'));

	async function* content() {
		yield before;
		yield* rows();
		yield after;
	}

	const output = new PassThrough();
	const archive = archiver('zip', { zlib: { level: 6 } });
	archive.on('error', (error) => output.destroy(error));
	archive.pipe(output);
	for (const [name, entry] of Object.entries(zip.files)) {
		if (entry.dir) continue;
		archive.append(name === part ? Readable.from(content()) : await entry.async('nodebuffer'), {
			name
		});
	}
	void archive.finalize();
	return Readable.toWeb(output) as ReadableStream;
}
