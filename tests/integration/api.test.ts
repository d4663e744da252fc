import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, type TestSocket } from '../helpers/sockets';
import type { Stats } from '../../src/lib/domain/stats';

let server: RunningServer;
let token: string;
let otherToken: string;

const validBanner = {
	type: 'banner',
	title: 'Treo băng rôn chào mừng Ngày Sáng tạo 21/4 tại trụ sở',
	startDate: '2026-04-20',
	quantity: 4,
	participants: 12
};

async function rowCount(): Promise<number> {
	return (await server.query<{ n: number }>('select count(*) as n from activities'))[0].n;
}

async function post(body: unknown, headers: Record<string, string> = {}, raw?: string) {
	const response = await fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
		body: raw ?? JSON.stringify(body)
	});
	const text = await response.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return {
		status: response.status,
		headers: response.headers,
		json: json as Record<string, unknown>,
		text
	};
}

async function stats(): Promise<Stats> {
	const response = await fetch(`${server.url}/api/v1/stats`);
	expect(response.status).toBe(200);
	return (await response.json()) as Stats;
}

beforeAll(async () => {
	server = await startServer();
	token = await server.issueToken('SO-YT');
	otherToken = await server.issueToken('03388');
});

afterAll(async () => {
	await server?.cleanup();
});

describe('seed and stats', () => {
	it('serves the seeded campaign and all 60 units with zero activities', async () => {
		const s = await stats();
		expect(s.campaign).toBe('dmst-2026');
		expect(s.totals.units).toBe(60);
		expect(s.totals.activities).toBe(0);
		expect(s.byUnit).toHaveLength(60);
		expect(s.byDay.map((d) => d.date)).toEqual([
			'2026-04-18',
			'2026-04-19',
			'2026-04-20',
			'2026-04-21',
			'2026-04-22',
			'2026-04-23',
			'2026-04-24',
			'2026-04-25',
			'2026-04-26'
		]);
		expect(Object.keys(s.byType)).toEqual(['banner', 'media', 'event', 'movement', 'honor']);
		// No contact data in public aggregates.
		expect(JSON.stringify(s)).not.toMatch(/contact|phone|email/i);
	});
});

describe('POST /api/v1/activities', () => {
	let sockets: TestSocket[] = [];

	afterAll(() => {
		for (const socket of sockets) socket.disconnect();
	});

	it('stores a valid activity (201) and every connected client hears of it', async () => {
		sockets = await Promise.all([1, 2, 3].map(() => connectClient(server.url)));
		const before = sockets[0].stats.at(-1)!;

		const response = await post(validBanner, { 'Idempotency-Key': 'integration-1' });
		expect(response.status).toBe(201);
		const activity = response.json as { id: number; title: string; unit: { code: string } };
		expect(activity.id).toBeGreaterThan(0);
		expect(activity.title).toBe(validBanner.title);
		expect(activity.unit.code).toBe('SO-YT');

		for (const socket of sockets) {
			// The public's screens: the new activity comes in the delta's feed with the numbers.
			await waitFor(
				() => socket.stats.at(-1)!.latest.some((a) => a.id === activity.id),
				5000,
				'the activity in the feed'
			);
			await waitFor(
				() => (socket.stats.at(-1)?.totals.activities ?? 0) === before.totals.activities + 1,
				5000,
				'stats with the new total'
			);
			const latest = socket.stats.at(-1)!;
			expect(latest.totals.banners).toBe(before.totals.banners + 4);
			expect(latest.totals.participants).toBe(before.totals.participants + 12);
			expect(latest.totals.unitsReported).toBe(before.totals.unitsReported + 1);
			expect(latest.seq).toBeGreaterThan(before.seq);
		}
		expect(await rowCount()).toBe(1);
	});

	it('stores one row for the same Idempotency-Key sent twice', async () => {
		const before = await rowCount();
		const body = { ...validBanner, title: 'Treo khẩu hiệu tại cổng cơ quan — gửi lại hai lần' };
		const first = await post(body, { 'Idempotency-Key': 'retry-key-1' });
		const second = await post(body, { 'Idempotency-Key': 'retry-key-1' });
		expect(first.status).toBe(201);
		expect(second.status).toBe(201);
		expect(second.headers.get('idempotent-replayed')).toBe('true');
		expect((second.json as { id: number }).id).toBe((first.json as { id: number }).id);
		expect(await rowCount()).toBe(before + 1);
	});

	it('refuses the same key reused for a different activity, storing nothing', async () => {
		const before = await rowCount();
		const response = await post(
			{ ...validBanner, title: 'Một hoạt động khác hẳn nhưng dùng lại khóa cũ' },
			{ 'Idempotency-Key': 'retry-key-1' }
		);
		expect(response.status).toBe(400);
		expect((response.json.errors as Record<string, string[]>).idempotencyKey[0]).toMatch(
			/đã được dùng/
		);
		expect(await rowCount()).toBe(before);
	});

	it('keeps keys per unit: another unit may use the same key', async () => {
		const response = await post(validBanner, {
			'Idempotency-Key': 'retry-key-1',
			Authorization: `Bearer ${otherToken}`
		});
		expect(response.status).toBe(201);
		expect((response.json as { unit: { code: string } }).unit.code).toBe('03388');
	});

	it('answers 401 without a valid token and stores nothing', async () => {
		const before = await rowCount();
		const cases: Record<string, string>[] = [
			{ Authorization: '' },
			{ Authorization: 'Bearer not-a-token' },
			{ Authorization: `Bearer ${'A'.repeat(43)}` },
			{ Authorization: `Basic ${token}` }
		];
		for (const headers of cases) {
			const response = await post(validBanner, headers);
			expect(response.status).toBe(401);
			expect((response.json.errors as Record<string, string[]>).authorization[0]).toMatch(
				/mã đơn vị/
			);
		}
		expect(await rowCount()).toBe(before);
	});

	it('answers 401 for a revoked link after a new one was issued', async () => {
		const old = await server.issueToken('SO-TP');
		const fresh = await server.issueToken('SO-TP');
		const revoked = await post(validBanner, { Authorization: `Bearer ${old}` });
		expect(revoked.status).toBe(401);
		const live = await post(validBanner, { Authorization: `Bearer ${fresh}` });
		expect(live.status).toBe(201);
	});

	it.each([
		['malformed JSON', undefined, '{"type": "banner", ', 'body'],
		['an array instead of an object', [1, 2], undefined, 'body'],
		['wrong types', { ...validBanner, title: 123, quantity: 'bốn' }, undefined, 'title'],
		['an unknown activity type', { ...validBanner, type: 'party' }, undefined, 'type'],
		['a 10,000-character title', { ...validBanner, title: 'Â'.repeat(10_000) }, undefined, 'title'],
		['a date not YYYY-MM-DD', { ...validBanner, startDate: '21/04/2026' }, undefined, 'startDate'],
		['an impossible date', { ...validBanner, startDate: '2026-02-30' }, undefined, 'startDate'],
		['end before start', { ...validBanner, endDate: '2026-04-19' }, undefined, 'endDate'],
		['a negative count', { ...validBanner, participants: -5 }, undefined, 'participants'],
		['an unknown field', { ...validBanner, secret: true }, undefined, 'secret'],
		['media without channels', { ...validBanner, type: 'media' }, undefined, 'channels'],
		['a javascript: link', { ...validBanner, links: ['javascript:alert(1)'] }, undefined, 'links']
	])('answers 400 with field errors for %s, storing nothing', async (_name, body, raw, field) => {
		const before = await rowCount();
		const response = await post(body, {}, raw);
		expect(response.status).toBe(400);
		const errors = response.json.errors as Record<string, string[]>;
		expect(errors[field]?.length).toBeGreaterThan(0);
		// Vietnamese messages, never a stack trace.
		expect(errors[field][0]).toMatch(
			/[ạảãàáâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữíìịỉĩúùụủũýỳỵỷỹóòọỏõéèẹẻẽ]/i
		);
		expect(response.text).not.toMatch(/at .*\.js:\d+/);
		expect(await rowCount()).toBe(before);
	});

	it('refuses a title over 200 characters with 400, never storing it cut short', async () => {
		const before = await rowCount();
		const title = 'Hội thảo khoa học '.repeat(12).slice(0, 195) + 'abcdef';
		expect(title.length).toBe(201);
		const response = await post({ ...validBanner, title });
		expect(response.status).toBe(400);
		expect(response.json).toEqual({ errors: { title: ['Tên hoạt động tối đa 200 ký tự'] } });
		expect(await rowCount()).toBe(before);
		// Exactly at the limit is stored whole.
		const whole = await post({ ...validBanner, title: title.slice(0, 200) });
		expect(whole.status).toBe(201);
		expect((whole.json as { title: string }).title).toBe(title.slice(0, 200));
	});

	it('answers 413 for a 100 KB body, storing nothing', async () => {
		const before = await rowCount();
		const response = await post({ ...validBanner, description: 'x'.repeat(100 * 1024) });
		expect(response.status).toBe(413);
		expect((response.json.errors as Record<string, string[]>).body[0]).toMatch(/64 KB/);
		expect(await rowCount()).toBe(before);
	});

	it('answers 413 for a 100 KB chunked body without Content-Length, storing nothing', async () => {
		const before = await rowCount();
		const body = JSON.stringify({ ...validBanner, description: 'x'.repeat(100 * 1024) });
		const chunks = [body.slice(0, 30_000), body.slice(30_000, 80_000), body.slice(80_000)];
		const response = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: new ReadableStream({
				start(controller) {
					for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
					controller.close();
				}
			}),
			duplex: 'half'
		} as RequestInit);
		expect(response.status).toBe(413);
		expect(
			((await response.json()) as { errors: Record<string, string[]> }).errors.body
		).toHaveLength(1);
		expect(await rowCount()).toBe(before);
	});

	it('ignores anything a client emits over the socket', async () => {
		const socket = sockets[0];
		const before = await stats();
		const emitAny = socket.emit.bind(socket) as unknown as (
			event: string,
			...args: unknown[]
		) => void;
		emitAny('activity:created', { ...validBanner, id: 999 });
		emitAny('stats', { totals: { activities: 1_000_000 } });
		emitAny('activity:create', validBanner);
		await new Promise((resolve) => setTimeout(resolve, 300));
		const after = await stats();
		expect(after.totals).toEqual(before.totals);
		expect(after.seq).toBe(before.seq);
		expect(socket.connected).toBe(true);
	});
});

describe('API errors', () => {
	it('answers unknown addresses and methods in the JSON error shape', async () => {
		const unknown = await fetch(`${server.url}/api/v1/activity`);
		expect(unknown.status).toBe(404);
		expect(
			((await unknown.json()) as { errors: Record<string, string[]> }).errors.path[0]
		).toContain('Không có địa chỉ API này');
		const wrongMethod = await fetch(`${server.url}/api/v1/activities`);
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('POST');
		const deleteStats = await fetch(`${server.url}/api/v1/stats`, { method: 'DELETE' });
		expect(deleteStats.status).toBe(405);
		expect(
			((await deleteStats.json()) as { errors: Record<string, string[]> }).errors.method[0]
		).toContain('DELETE');
	});
});

describe('unit page', () => {
	it('names the unit behind a valid link', async () => {
		const response = await fetch(`${server.url}/u/${token}`);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toMatch(/no-store/);
		const html = await response.text();
		expect(html).toContain('Sở Y tế tỉnh Lai Châu');
		expect(html).toContain('Gửi báo cáo hoạt động');
	});

	it('answers a wrong or revoked link with a Vietnamese 404 and nothing else', async () => {
		for (const bad of ['abc', 'A'.repeat(43), '../../etc/passwd']) {
			const response = await fetch(`${server.url}/u/${encodeURIComponent(bad)}`);
			expect(response.status).toBe(404);
			const html = await response.text();
			expect(html).toContain('Đường liên kết báo cáo không hợp lệ hoặc đã bị thu hồi');
			expect(html).toContain('liên hệ Sở Khoa học và Công nghệ tỉnh Lai Châu');
			expect(html).not.toContain('Sở Y tế');
		}
	});

	it('says what to do about a wrong link in the language chosen', async () => {
		const response = await fetch(`${server.url}/u/abc?lang=en`);
		expect(response.status).toBe(404);
		const html = await response.text();
		expect(html).toContain('<html lang="en"');
		expect(html).toContain('Please contact the Lai Châu Department of Science and Technology');
		expect(html).not.toContain('liên hệ Sở');
	});
});
