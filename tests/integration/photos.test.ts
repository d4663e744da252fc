import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { request as httpRequest } from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { phonePhoto, postReport, type FormFile } from '../helpers/photos';
import { connectClient, waitFor, type TestSocket } from '../helpers/sockets';

// Issue 12, photo evidence through the real server: the unit's form with photos attached as a
// phone sends them, what is refused (and that nothing is kept then), what is stored (and that no
// EXIF survives), and who may see each photo.

let server: RunningServer;
let token: string;
let adminCookie: string;
let photosDir: string;

beforeAll(async () => {
	server = await startServer({ env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '0' } });
	token = await server.issueToken('SO-YT');
	adminCookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
	photosDir = join(dirname(server.dbPath), 'photos');
});

afterAll(async () => {
	await server?.cleanup();
});

const fields = (title: string, key: string) => ({
	type: 'banner',
	title,
	startDate: '2026-04-20',
	quantity_banner: '2',
	idempotencyKey: key
});

const jpeg = (name: string, bytes: Buffer): FormFile => ({ name, type: 'image/jpeg', bytes });

const query = <T>(sqlText: string, ...params: unknown[]) => server.query<T>(sqlText, ...params);

const activitiesTitled = (title: string) =>
	query<{ id: number; version: number }>(
		'select id, version from activities where title = ?',
		title
	);

/** Every file under the photos folder (none before the first photo is stored). */
function storedFiles(): string[] {
	if (!existsSync(photosDir)) return [];
	return readdirSync(photosDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

describe('a report with photos', () => {
	let id: number;
	let hash: string;

	it('is stored with its photos re-encoded, without EXIF or GPS, shown on the unit page', async () => {
		const original = await phonePhoto();
		expect((await sharp(original).metadata()).exif).toBeDefined();
		const second = await sharp({
			create: {
				width: 640,
				height: 480,
				channels: 4,
				background: { r: 0, g: 90, b: 200, alpha: 0.5 }
			}
		})
			.png()
			.toBuffer();
		const title = 'Treo băng rôn tại trụ sở Sở Y tế (có ảnh)';
		// Live screens: the Department's (the report itself) and the public's (the numbers).
		const staffScreen: TestSocket = await connectClient(server.url, {
			headers: { Cookie: adminCookie }
		});
		const publicScreen: TestSocket = await connectClient(server.url);
		const sent = await postReport(server.url, token, fields(title, 'photo-1'), [
			jpeg('IMG_0412.JPG', original),
			{ name: 'anh-chup-man-hinh.png', type: 'image/png', bytes: second }
		]);
		expect(sent.status, sent.text.match(/errors:\{[^}]*\}/)?.[0]).toBe(200);
		const [activity] = await activitiesTitled(title);
		id = activity.id;
		const rows = await query<{ hash: string; position: number; width: number; height: number }>(
			'select hash, position, width, height from activity_photos where activity_id = ? order by position',
			id
		);
		expect(rows.map((r) => [r.position, r.width, r.height])).toEqual([
			[0, 1600, 1200],
			[1, 640, 480]
		]);
		hash = rows[0].hash;
		const file = join(photosDir, hash.slice(0, 2), `${hash}.jpg`);
		const bytes = readFileSync(file);
		const meta = await sharp(bytes).metadata();
		expect(meta.format).toBe('jpeg');
		expect(meta.exif).toBeUndefined();
		expect(bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
		// Both screens get its first photo as the cover, and nothing else of it.
		await waitFor(() => staffScreen.created.some((a) => a.title === title), 5000, 'created');
		expect(staffScreen.created.find((a) => a.title === title)?.cover).toBe(hash);
		await waitFor(
			() => Boolean(publicScreen.stats.at(-1)?.latest.some((a) => a.title === title)),
			5000,
			'public latest'
		);
		expect(publicScreen.stats.at(-1)?.latest.find((a) => a.title === title)?.cover).toBe(hash);
		staffScreen.disconnect();
		publicScreen.disconnect();
		// The page lists it with its thumbnails, on the unit's own link.
		const page = await (await fetch(`${server.url}/u/${token}`)).text();
		expect(page).toContain(`/u/${token}/photos/${id}/${hash}-nho.jpg`);
	});

	it('serves the photo and its thumbnail as JPEG to the unit, with caching by hash', async () => {
		const photo = await fetch(`${server.url}/u/${token}/photos/${id}/${hash}.jpg`);
		expect(photo.status).toBe(200);
		expect(photo.headers.get('content-type')).toBe('image/jpeg');
		expect(photo.headers.get('cache-control')).toContain('private');
		expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
		const body = Buffer.from(await photo.arrayBuffer());
		expect(body.equals(readFileSync(join(photosDir, hash.slice(0, 2), `${hash}.jpg`)))).toBe(true);
		const again = await fetch(`${server.url}/u/${token}/photos/${id}/${hash}.jpg`, {
			headers: { 'If-None-Match': photo.headers.get('etag')! }
		});
		expect(again.status).toBe(304);
		const thumb = await fetch(`${server.url}/u/${token}/photos/${id}/${hash}-nho.jpg`);
		expect(thumb.status).toBe(200);
		const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
		expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(320);
	});

	it('shows the photo to the public only once the activity is public', async () => {
		const address = `${server.url}/photos/${id}/${hash}-nho.jpg`;
		// Rejected by the Department: not public; staff still see it.
		const decide = async (action: 'approve' | 'reject') => {
			const [{ version }] = await activitiesTitled('Treo băng rôn tại trụ sở Sở Y tế (có ảnh)');
			const decided = await postForm(
				server.url,
				`/admin/moderation?/${action}`,
				{ id: String(id), version: String(version), reason: 'Ảnh chưa rõ nội dung hoạt động.' },
				adminCookie
			);
			expect(decided.status).toBe(200);
		};
		const publicPage = async () => (await fetch(`${server.url}/`)).text();
		// Public while pending (moderation is off): the public page shows its first photo.
		expect(await publicPage()).toContain(`/photos/${id}/${hash}-nho.jpg`);
		await decide('reject');
		expect((await fetch(address)).status).toBe(404);
		expect(await publicPage()).not.toContain(hash);
		expect((await fetch(address, { headers: { Cookie: adminCookie } })).status).toBe(200);
		await decide('approve');
		expect(await publicPage()).toContain(`/photos/${id}/${hash}-nho.jpg`);
		const open = await fetch(address);
		expect(open.status).toBe(200);
		expect(open.headers.get('cache-control')).toBe('public, max-age=300');
		// Another unit's link, a wrong hash, a name that is not a photo's: 404, nothing more.
		const other = await server.issueToken('03388');
		expect((await fetch(`${server.url}/u/${other}/photos/${id}/${hash}.jpg`)).status).toBe(404);
		expect((await fetch(`${server.url}/photos/${id}/${'0'.repeat(64)}.jpg`)).status).toBe(404);
		const sneaky = await fetch(`${server.url}/photos/${id}/..%2F..%2Flantoa.db`);
		expect(sneaky.status).toBe(404);
		expect(await sneaky.text()).not.toContain('SQLite');
	});

	it('is stored once when sent again with the same key (photos once too)', async () => {
		const title = 'Tọa đàm có ảnh, gửi lại sau khi mất sóng';
		const report = { ...fields(title, 'photo-retry'), type: 'movement' };
		const photos = [jpeg('a.jpg', await phonePhoto(90))];
		for (let attempt = 0; attempt < 3; attempt++) {
			const sent = await postReport(server.url, token, report, photos, 'script');
			expect(sent.status).toBe(200);
			expect(JSON.parse(sent.text).type).toBe('success');
		}
		const rows = await activitiesTitled(title);
		expect(rows).toHaveLength(1);
		expect(
			await query('select hash from activity_photos where activity_id = ?', rows[0].id)
		).toHaveLength(1);
	});
});

describe('files that are refused, with a clear reason and nothing stored', () => {
	async function refused(title: string, photos: FormFile[]): Promise<string> {
		const before = storedFiles();
		const sent = await postReport(
			server.url,
			token,
			fields(title, `refused-${Buffer.from(title).toString('hex').slice(0, 40)}`),
			photos
		);
		expect(sent.status, sent.text.slice(0, 200)).toBe(400);
		expect(await activitiesTitled(title)).toHaveLength(0);
		expect(storedFiles()).toEqual(before);
		// The reasons are on the page, in Vietnamese, next to the photos field.
		return sent.text;
	}

	it('a PHP script renamed .jpg', async () => {
		const page = await refused('Ảnh giả (PHP)', [
			jpeg('anh.jpg', Buffer.from('<?php system($_GET["c"]); ?>\n'))
		]);
		expect(page).toContain('Ảnh 1 (anh.jpg): Tệp này không phải ảnh JPEG, PNG hoặc WebP');
	});

	it('a 20 MB image', async () => {
		const huge = Buffer.concat([await phonePhoto(), Buffer.alloc(20 * 1024 * 1024)]);
		const page = await refused('Ảnh quá lớn', [jpeg('lon.jpg', huge)]);
		expect(page).toContain('Ảnh lớn hơn 10 MB');
	});

	it('a JPEG cut off during the upload', async () => {
		const whole = await phonePhoto(120);
		const page = await refused('Ảnh bị cắt', [
			jpeg('cat.jpg', whole.subarray(0, Math.floor(whole.length * 0.6)))
		]);
		expect(page).toContain('Tệp ảnh bị hỏng hoặc chưa tải lên hết');
	});

	it('a file name that climbs out of the folder — and the good photo beside it is not kept either', async () => {
		const photo = await phonePhoto(150);
		const page = await refused('Tên tệp leo thư mục', [
			jpeg('tot.jpg', await phonePhoto(160)),
			jpeg('../../../../etc/cron.d/anh.jpg', photo)
		]);
		expect(page).toContain('Ảnh 2: tên tệp không hợp lệ');
		expect(existsSync(join(dirname(server.dbPath), '..', 'etc'))).toBe(false);
	});

	it('more than five photos', async () => {
		const one = await phonePhoto(170);
		const page = await refused(
			'Sáu ảnh',
			Array.from({ length: 6 }, (_, n) => jpeg(`${n}.jpg`, one))
		);
		expect(page).toContain('tối đa 5 ảnh');
	});

	it('a HEIC photo from an iPhone, with what to do', async () => {
		const heic = Buffer.concat([
			Buffer.from([0, 0, 0, 24]),
			Buffer.from('ftypheic'),
			Buffer.alloc(64)
		]);
		const page = await refused('Ảnh HEIC', [
			{ name: 'IMG_1.HEIC', type: 'image/heic', bytes: heic }
		]);
		expect(page).toContain('Tương thích nhất');
	});
});

describe('request bodies', () => {
	/** A raw request, to send what fetch will not (a body of unknown length, a false length). */
	function raw(
		path: string,
		headers: Record<string, string>,
		body?: string
	): Promise<{ status: number; text: string }> {
		return new Promise((resolve, reject) => {
			const req = httpRequest(
				`${server.url}${path}`,
				{ method: 'POST', headers: { Origin: server.url, ...headers } },
				(res) => {
					let text = '';
					res.setEncoding('utf8');
					res.on('data', (chunk) => (text += chunk));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
				}
			);
			req.on('error', reject);
			if (body !== undefined) req.write(body);
			req.end();
		});
	}

	it('a report with photos may be large; other forms stay small', async () => {
		// Declared over the limit: refused before a byte of it is read.
		const tooBig = await raw(`/u/${token}?/submit`, {
			'Content-Type': 'multipart/form-data; boundary=x',
			'Content-Length': String(60 * 1024 * 1024)
		});
		expect(tooBig.status).toBe(413);
		expect(tooBig.text).toBe('Báo cáo và ảnh gửi kèm vượt quá 51 MB; hãy gửi ít ảnh hơn.');
		// In the language the official chose (the cookie the switch sets), like the app's own words.
		const inEnglish = await raw(`/u/${token}?/submit`, {
			'Content-Type': 'multipart/form-data; boundary=x',
			'Content-Length': String(60 * 1024 * 1024),
			Cookie: 'lantoa-lang=en'
		});
		expect(inEnglish.status).toBe(413);
		expect(inEnglish.text).toBe('The report and its photos are over 51 MB; send fewer photos.');
		const login = await raw('/login', {
			'Content-Type': 'application/x-www-form-urlencoded',
			'Content-Length': String(300 * 1024)
		});
		expect(login.status).toBe(413);
		// A form of unknown length (chunked): browsers never send one; refused, not buffered.
		const chunked = await raw(
			'/login',
			{ 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
			'username=a&password=b'
		);
		expect(chunked.status).toBe(411);
	});
});

describe('photos added to a report already sent, or taken away', () => {
	const postTo = async (path: string, fields: Record<string, string>, photos: FormFile[] = []) => {
		const body = new FormData();
		for (const [name, value] of Object.entries(fields)) body.append(name, value);
		for (const photo of photos) {
			body.append(
				'photos',
				new Blob([new Uint8Array(photo.bytes)], { type: photo.type }),
				photo.name
			);
		}
		const response = await fetch(`${server.url}${path}`, {
			method: 'POST',
			headers: { Origin: server.url, Accept: 'text/html' },
			body,
			redirect: 'manual'
		});
		return { status: response.status, text: await response.text() };
	};
	const photosOfActivity = async (id: number) =>
		(
			await query<{ hash: string }>(
				'select hash from activity_photos where activity_id = ? order by position',
				id
			)
		).map((row) => row.hash);
	const row = async (id: number) =>
		(
			await query<{ version: number; status: string }>(
				'select version, status from activities where id = ?',
				id
			)
		)[0];

	it('adds photos at the version seen, sends the activity back to the Department, and takes one away', async () => {
		const title = 'Hội thảo đã gửi, ảnh gửi sau';
		expect((await postReport(server.url, token, fields(title, 'later-1'), [])).status).toBe(200);
		const [{ id }] = await activitiesTitled(title);
		const approved = await postForm(
			server.url,
			'/admin/moderation?/approve',
			{ id: String(id), version: String((await row(id)).version) },
			adminCookie
		);
		expect(approved.status).toBe(200);
		expect((await row(id)).status).toBe('approved');

		const page = `/u/${token}/activities/${id}`;
		const added = await postTo(`${page}?/addPhotos`, { version: String((await row(id)).version) }, [
			jpeg('sau-1.jpg', await phonePhoto(200)),
			jpeg('sau-2.jpg', await phonePhoto(210))
		]);
		expect(added.status).toBe(200);
		expect(added.text).toContain('Đã lưu ảnh');
		expect(await photosOfActivity(id)).toHaveLength(2);
		expect((await row(id)).status).toBe('pending');
		// The audit log says what changed.
		expect(
			await query<{ action: string }>(
				"select action from audit_log where entity_id = ? and action = 'activity.photos'",
				String(id)
			)
		).toHaveLength(1);

		// A stale version changes nothing.
		const [first, second] = await photosOfActivity(id);
		const stale = await postTo(`${page}?/removePhoto`, { version: '1', hash: first });
		expect(stale.status).toBe(409);
		expect(await photosOfActivity(id)).toEqual([first, second]);

		const removed = await postTo(`${page}?/removePhoto`, {
			version: String((await row(id)).version),
			hash: first
		});
		expect(removed.status).toBe(200);
		expect(await photosOfActivity(id)).toEqual([second]);
		// Gone from the unit's link too (the file may stay: another activity may show it).
		expect((await fetch(`${server.url}/u/${token}/photos/${id}/${first}.jpg`)).status).toBe(404);
	});

	it('refuses a sixth photo and a bad file, changing nothing', async () => {
		const title = 'Hoạt động đã có năm ảnh';
		const five = await Promise.all(
			[1, 2, 3, 4, 5].map(async (n) => jpeg(`${n}.jpg`, await phonePhoto(20 + n * 30)))
		);
		expect((await postReport(server.url, token, fields(title, 'five-1'), five)).status).toBe(200);
		const [{ id }] = await activitiesTitled(title);
		const before = await row(id);
		const page = `/u/${token}/activities/${id}`;
		const filesBefore = storedFiles().length;
		const sixth = await postTo(`${page}?/addPhotos`, { version: String(before.version) }, [
			jpeg('6.jpg', await phonePhoto(240))
		]);
		expect(sixth.status).toBe(409);
		expect(sixth.text).toContain('tối đa 5 ảnh');
		// Refused inside its transaction: the file written for it is taken back.
		expect(storedFiles()).toHaveLength(filesBefore);
		const bad = await postTo(`${page}?/addPhotos`, { version: String(before.version) }, [
			jpeg('gia.jpg', Buffer.from('<?php echo 1; ?>'))
		]);
		expect(bad.status).toBe(400);
		expect(bad.text).toContain('không phải ảnh JPEG, PNG hoặc WebP');
		expect(await row(id)).toEqual(before);
		expect(await photosOfActivity(id)).toHaveLength(5);
		// Another unit's link cannot touch it.
		const other = await server.issueToken('SO-TP');
		const foreign = await postTo(`/u/${other}/activities/${id}?/removePhoto`, {
			version: String(before.version),
			hash: (await photosOfActivity(id))[0]
		});
		expect(foreign.status).toBe(404);
		expect(await photosOfActivity(id)).toHaveLength(5);
	});

	it('a refused request leaves no file: another unit’s activity, a stale version, a missing id, the cut-off', async () => {
		const title = 'Hoạt động để thử ảnh bị từ chối';
		expect((await postReport(server.url, token, fields(title, 'refused-files-1'), [])).status).toBe(
			200
		);
		const [{ id, version }] = await activitiesTitled(title);
		const photos = async (n: number) =>
			Promise.all(
				Array.from({ length: n }, async (_, i) =>
					jpeg(`tu-choi-${i}.jpg`, await phonePhoto(300 + i))
				)
			);
		const before = storedFiles();
		const other = await server.issueToken('SO-CT');
		const answers = [
			await postTo(
				`/u/${other}/activities/${id}?/addPhotos`,
				{ version: String(version) },
				await photos(5)
			),
			await postTo(
				`/u/${token}/activities/${id}?/addPhotos`,
				{ version: String(version + 7) },
				await photos(5)
			),
			await postTo(`/u/${token}/activities/999999?/addPhotos`, { version: '1' }, await photos(5))
		];
		expect(answers.map((answer) => answer.status)).toEqual([404, 409, 404]);
		expect(storedFiles()).toEqual(before);

		// After the cut-off a report with photos is refused, and writes nothing either.
		const locked = await postForm(
			server.url,
			'/admin/settings?/lock',
			{ when: 'now', confirm: 'yes' },
			adminCookie
		);
		expect(locked.status).toBe(200);
		try {
			for (let i = 0; i < 4; i++) {
				const late = await postReport(
					server.url,
					token,
					fields(`Báo cáo sau khi chốt ${i}`, `after-cutoff-${i}`),
					await photos(5)
				);
				expect(late.status).toBe(423);
			}
			expect(storedFiles()).toEqual(before);
		} finally {
			const unlocked = await postForm(
				server.url,
				'/admin/settings?/unlock',
				{ reason: 'Mở lại sau khi thử ảnh bị từ chối' },
				adminCookie
			);
			expect(unlocked.status).toBe(200);
		}
	});
});
