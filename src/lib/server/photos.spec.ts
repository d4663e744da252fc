import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { phonePhoto } from '../../../tests/helpers/photos';
import { PHOTO_MAX_BYTES, PHOTO_MESSAGES, photoPaths, PhotoRefused, storePhoto } from './photos';

// Real images made with sharp, real files on disk: what a phone sends, and what an attacker does.

const dir = mkdtempSync(join(tmpdir(), 'lantoa-photos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** CRC-32 as PNG chunks use it (zlib.crc32 needs Node 22). */
function crc32(bytes: Buffer): number {
	let crc = 0xffffffff;
	for (const byte of bytes) {
		crc ^= byte;
		for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
	}
	return (crc ^ 0xffffffff) >>> 0;
}

async function refusal(input: Buffer): Promise<string> {
	try {
		await storePhoto(dir, input);
	} catch (error) {
		if (error instanceof PhotoRefused) return error.reason;
		throw error;
	}
	return 'stored';
}

describe('photo evidence', () => {
	it('stores a phone photo re-encoded, at most 1,600 px, without its EXIF (GPS included)', async () => {
		const original = await phonePhoto();
		expect((await sharp(original).metadata()).exif).toBeDefined();
		const stored = await storePhoto(dir, original);
		expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
		expect([stored.width, stored.height]).toEqual([1600, 1200]);
		const { photo, thumbnail } = photoPaths(dir, stored.hash);
		const bytes = readFileSync(photo);
		const meta = await sharp(bytes).metadata();
		expect(meta.format).toBe('jpeg');
		expect(meta.exif).toBeUndefined();
		expect(meta.xmp).toBeUndefined();
		expect(bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
		const thumb = await sharp(readFileSync(thumbnail)).metadata();
		expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBe(320);
		// The same photo again: the same file, stored once.
		expect((await storePhoto(dir, original)).hash).toBe(stored.hash);
		expect(readdirSync(join(dir, stored.hash.slice(0, 2))).sort()).toEqual([
			`${stored.hash}-nho.jpg`,
			`${stored.hash}.jpg`
		]);
	});

	it('takes PNG and WebP, decided by content', async () => {
		const base = sharp({
			create: { width: 300, height: 200, channels: 3, background: { r: 10, g: 120, b: 60 } }
		});
		expect(await refusal(await base.clone().png().toBuffer())).toBe('stored');
		expect(await refusal(await base.clone().webp().toBuffer())).toBe('stored');
	});

	it('refuses what is not a photo, whatever it is called, storing nothing', async () => {
		const before = readdirSync(dir).length;
		// A PHP script renamed .jpg (the name never reaches this code: only the bytes do).
		expect(await refusal(Buffer.from('<?php system($_GET["c"]); ?>\n'))).toBe('notImage');
		expect(await refusal(Buffer.from('GIF89a' + 'x'.repeat(100)))).toBe('notImage');
		expect(await refusal(Buffer.alloc(0))).toBe('empty');
		expect(readdirSync(dir).length).toBe(before);
	});

	it('refuses a photo over 10 MB before decoding it', async () => {
		// A 20 MB file that starts as a real photo.
		const huge = Buffer.concat([await phonePhoto(), Buffer.alloc(20 * 1024 * 1024)]);
		expect(huge.length).toBeGreaterThan(2 * PHOTO_MAX_BYTES);
		expect(await refusal(huge)).toBe('tooLarge');
	});

	it('refuses a photo cut off during the upload', async () => {
		const whole = await phonePhoto();
		expect(await refusal(whole.subarray(0, Math.floor(whole.length * 0.6)))).toBe('broken');
	});

	it('explains what an iPhone user should do with HEIC', async () => {
		const heic = Buffer.concat([
			Buffer.from([0, 0, 0, 24]),
			Buffer.from('ftypheic', 'latin1'),
			Buffer.alloc(64)
		]);
		expect(await refusal(heic)).toBe('heic');
		expect(PHOTO_MESSAGES.heic()).toContain('Tương thích nhất');
	});

	it('refuses a decompression bomb without decoding it', async () => {
		// A PNG of a few dozen bytes claiming 20,000 × 20,000 pixels (1.2 GB once decoded).
		const chunk = (type: string, data: Buffer) => {
			const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
			const length = Buffer.alloc(4);
			length.writeUInt32BE(data.length);
			const crc = Buffer.alloc(4);
			crc.writeUInt32BE(crc32(body));
			return Buffer.concat([length, body, crc]);
		};
		const header = Buffer.alloc(13);
		header.writeUInt32BE(20_000, 0);
		header.writeUInt32BE(20_000, 4);
		header.set([8, 2, 0, 0, 0], 8);
		const bomb = Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', header),
			chunk('IDAT', deflateSync(Buffer.alloc(1000))),
			chunk('IEND', Buffer.alloc(0))
		]);
		expect(await refusal(bomb)).toBe('tooManyPixels');
	});

	it('stores the same photo sent twice at the same moment (the page and its service worker) once, without failing', async () => {
		const same = await phonePhoto(77);
		const stored = await Promise.all(Array.from({ length: 6 }, () => storePhoto(dir, same)));
		expect(new Set(stored.map((photo) => photo.hash)).size).toBe(1);
		const folder = join(dir, stored[0].hash.slice(0, 2));
		// The photo and its thumbnail, no half-written file left behind.
		expect(
			readdirSync(folder)
				.filter((name) => name.startsWith(stored[0].hash))
				.sort()
		).toEqual([`${stored[0].hash}-nho.jpg`, `${stored[0].hash}.jpg`]);
	});

	it('addresses photos only by their hash', () => {
		expect(() => photoPaths(dir, '../../etc/passwd')).toThrow();
		expect(() => photoPaths(dir, 'a'.repeat(63) + '/')).toThrow();
	});
});
