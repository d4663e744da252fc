import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';

// Issue 11, F12–F16: the API says what it wants, static files carry the security headers, a new
// sign-in ends the old session, ids are numbers only, and a trickled request cannot hold a
// connection for minutes.

let server: RunningServer;
let token: string;

beforeAll(async () => {
	server = await startServer({ env: { REQUEST_TIMEOUT_SECONDS: '2' } });
	token = await server.issueToken('SO-YT');
});

afterAll(async () => {
	await server?.cleanup();
});

const activity = JSON.stringify({
	type: 'banner',
	title: 'Treo băng rôn chào mừng Ngày 21/4',
	startDate: '2026-04-21',
	quantity: 1
});

describe('F12: the JSON API and its content type', () => {
	it('answers 415 in the JSON error shape when the body is not declared JSON', async () => {
		for (const contentType of [undefined, 'application/xml', 'text/json']) {
			const response = await fetch(`${server.url}/api/v1/activities`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${token}`,
					...(contentType ? { 'Content-Type': contentType } : {})
				},
				// A Blob body: fetch adds no Content-Type of its own.
				body: new Blob([activity])
			});
			expect(response.status, String(contentType)).toBe(415);
			const body = (await response.json()) as { errors: Record<string, string[]> };
			expect(body.errors.contentType[0]).toContain('application/json');
		}
	});

	it('takes application/json with a charset', async () => {
		const response = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${token}`,
				'Content-Type': 'application/json; charset=utf-8'
			},
			body: activity
		});
		expect(response.status).toBe(201);
	});
});

describe('F12: refusals on /api/* are always in the JSON shape', () => {
	// SvelteKit's own cross-site check answered these with its `{message}` or plain text, before
	// any of our code ran. The API ignores cookies, so a form post carries no credential: it is
	// told to send JSON; pages keep the cross-site check, in Vietnamese.
	const formTypes = ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data'];

	it("a form-encoded POST to the API, with no Origin or another site's", async () => {
		for (const path of ['/api/v1/activities', '/api/v1/reports', '/api/v1/khong-co']) {
			for (const contentType of formTypes) {
				for (const origin of [undefined, 'https://evil.example']) {
					const response = await fetch(`${server.url}${path}`, {
						method: 'POST',
						headers: {
							Authorization: `Bearer ${token}`,
							'Content-Type': contentType,
							...(origin ? { Origin: origin } : {})
						},
						body: 'title=x'
					});
					const label = `${path} ${contentType} ${origin}`;
					expect(response.headers.get('content-type'), label).toMatch(/^application\/json/);
					const body = (await response.json()) as { errors: Record<string, string[]> };
					expect(Object.keys(body), label).toEqual(['errors']);
					expect(response.status, label).toBe(path === '/api/v1/khong-co' ? 404 : 415);
				}
			}
		}
	});

	it('a form posted to a page from another site is still refused, in Vietnamese', async () => {
		const response = await fetch(`${server.url}/u/${token}?/submit`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: 'https://evil.example'
			},
			body: 'type=banner&title=Gi%E1%BA%A3&startDate=2026-04-21'
		});
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('Không nhận biểu mẫu gửi đến từ trang của nơi khác');
		const sameSite = await fetch(`${server.url}/u/${token}?/submit`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Origin: server.url
			},
			body: 'type=banner&title=Treo%20b%C4%83ng%20r%C3%B4n&startDate=2026-04-21&quantity=1'
		});
		expect(sameSite.status).toBe(200);
	});
});

describe('F13: static files', () => {
	it('carry nosniff and the referrer policy like every page', async () => {
		for (const path of ['/favicon.svg', '/kiosk-ticker.js', '/robots.txt']) {
			const response = await fetch(`${server.url}${path}`);
			if (response.status === 404) continue;
			expect(response.status, path).toBe(200);
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
		}
		const immutable = (await (await fetch(`${server.url}/kiosk`)).text()).match(
			/\/_app\/immutable\/[^"]+\.js/
		)![0];
		const script = await fetch(`${server.url}${immutable}`);
		expect(script.status).toBe(200);
		expect(script.headers.get('x-content-type-options')).toBe('nosniff');
	});
});

describe('the content security policy (issue 24)', () => {
	it('is one policy per page, not two joined by a comma; only the kiosk may be framed', async () => {
		for (const path of ['/', '/login', `/u/${token}`]) {
			const policy = (await fetch(`${server.url}${path}`)).headers.get('content-security-policy');
			expect(policy, path).not.toContain(',');
			expect(policy, path).toContain("frame-ancestors 'none'");
			expect(policy, path).toContain('script-src');
		}
		const kiosk = (await fetch(`${server.url}/kiosk`)).headers.get('content-security-policy');
		expect(kiosk ?? '').not.toContain(',');
		expect(kiosk ?? '').not.toContain('frame-ancestors');
	});
});

describe('F14: signing in again', () => {
	it('ends the session the browser had before', async () => {
		const first = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
		const again = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'text/html',
				Origin: server.url,
				Cookie: first
			},
			body: new URLSearchParams({ username: TEST_ADMIN.username, password: TEST_ADMIN.password }),
			redirect: 'manual'
		});
		expect(again.status).toBe(303);
		const second = again.headers.getSetCookie()[0].split(';')[0];
		expect(second).not.toBe(first);
		const dashboard = (cookie: string) =>
			fetch(`${server.url}/dashboard`, { headers: { Cookie: cookie }, redirect: 'manual' });
		expect((await dashboard(first)).status).toBe(303);
		expect((await dashboard(second)).status).toBe(200);
	});

	it('a leader link opened by a signed-in administrator keeps the administrator signed in (issue 24)', async () => {
		const admin = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
		const link = (await server.cli(['leader-link', 'Thử liên kết xem'])).stdout
			.trim()
			.split('\n')
			.pop()!;
		const opened = await fetch(link, { headers: { Cookie: admin }, redirect: 'manual' });
		expect(opened.status).toBe(303);
		expect(opened.headers.get('location')).toMatch(/\/dashboard$/);
		expect(opened.headers.getSetCookie()).toEqual([]);
		// Still an administrator (a leader link would be refused the admin pages).
		const adminPage = await fetch(`${server.url}/admin`, {
			headers: { Cookie: admin },
			redirect: 'manual'
		});
		expect(adminPage.status).toBe(200);
		// Without an account's session the link opens its read-only session as before.
		const fresh = await fetch(link, { redirect: 'manual' });
		expect(fresh.status).toBe(303);
		expect(fresh.headers.getSetCookie()).toHaveLength(1);
	});
});

describe('F15: ids in addresses', () => {
	it('are plain positive integers; 1e0, 0x1, 1.0, 01 and +1 open nothing', async () => {
		const created = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: activity
		});
		const { id } = (await created.json()) as { id: number };
		const cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
		for (const spelled of [`${id}e0`, `0x${id.toString(16)}`, `${id}.0`, `0${id}`, `+${id}`]) {
			const unitPage = await fetch(`${server.url}/u/${token}/activities/${spelled}`);
			expect(unitPage.status, spelled).toBe(404);
			const api = await fetch(`${server.url}/api/v1/activities/${spelled}`, {
				headers: { Authorization: `Bearer ${token}` }
			});
			expect(api.status, spelled).toBe(404);
			expect(((await api.json()) as { errors: object }).errors).toBeDefined();
			const admin = await fetch(`${server.url}/admin/activities/${spelled}`, {
				headers: { Cookie: cookie }
			});
			expect(admin.status, spelled).toBe(404);
		}
		expect((await fetch(`${server.url}/u/${token}/activities/${id}`)).status).toBe(200);
	});
});

describe('F16: a trickled request', () => {
	it('is cut off after the request timeout instead of holding the connection for minutes', async () => {
		const { port } = new URL(server.url);
		const started = Date.now();
		const closedAfter = await new Promise<number>((resolve, reject) => {
			const socket = connect(Number(port), '127.0.0.1', () => {
				socket.write(
					`POST /api/v1/activities HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n` +
						'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{'
				);
				const trickle = setInterval(() => socket.write(' '), 500);
				socket.on('close', () => {
					clearInterval(trickle);
					resolve(Date.now() - started);
				});
			});
			socket.on('error', () => {});
			setTimeout(() => reject(new Error('still open after 15 s')), 15_000).unref();
		});
		expect(closedAfter).toBeLessThan(8000);
	}, 20_000);
});

describe('F11: text fields through the API', () => {
	const post = (title: string) =>
		fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ type: 'banner', title, startDate: '2026-04-21', quantity: 1 })
		});

	it('refuses spoofing, invisible and broken text with a field error', async () => {
		for (const title of [
			'Hội thảo \u202Efdp.exe',
			'\u200B\u200B\u200B\u200B\u200B',
			'a\u0000bcdef'
		]) {
			const response = await post(title);
			expect(response.status, JSON.stringify(title)).toBe(400);
			const { errors } = (await response.json()) as { errors: Record<string, string[]> };
			expect(errors.title.length, JSON.stringify(title)).toBeGreaterThan(0);
		}
		// A lone surrogate, as JSON text (JSON.stringify would escape it the same way).
		const raw = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: '{"type":"banner","title":"Hội thảo \\ud800 sáng tạo","startDate":"2026-04-21","quantity":1}'
		});
		expect(raw.status).toBe(400);
	});

	it('stores text composed (NFC)', async () => {
		const response = await post('Ho\u0302\u0323i tha\u0309o sa\u0301ng ta\u0323o');
		expect(response.status).toBe(201);
		expect(((await response.json()) as { title: string }).title).toBe('Hội thảo sáng tạo');
	});
});
