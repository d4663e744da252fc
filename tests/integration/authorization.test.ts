import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { ROUTE_ACCESS, type Access, type RouteId } from '../../src/lib/server/auth/access';
import { postForm, root, startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { phonePhoto, postReport } from '../helpers/photos';
import { waitFor } from '../helpers/sockets';

type Role = 'anonymous' | 'unitA' | 'unitB' | 'leader' | 'admin';
const ROLES: Role[] = ['anonymous', 'unitA', 'unitB', 'leader', 'admin'];

let server: RunningServer;
const ctx = {
	activityA: 0,
	/** unit A's activity with a photo, rejected by the Department: not public */
	photoActivity: 0,
	photoHash: '',
	tokenA: '',
	tokenB: '',
	leaderCookie: '',
	adminCookie: '',
	leaderLink: ''
};
const BOGUS_TOKEN = 'x'.repeat(43);

async function currentVersion(id: number): Promise<number> {
	const [{ version }] = await server.query<{ version: number }>(
		'select version from activities where id = ?',
		id
	);
	return version;
}

function cookieFor(role: Role): Record<string, string> {
	if (role === 'leader') return { Cookie: ctx.leaderCookie };
	if (role === 'admin') return { Cookie: ctx.adminCookie };
	return {};
}

function unitToken(role: Role): string | undefined {
	return role === 'unitA' ? ctx.tokenA : role === 'unitB' ? ctx.tokenB : undefined;
}

interface Probe {
	method?: string;
	path: string;
	headers?: Record<string, string>;
	body?: string;
}

/**
 * One request per route and role. Adding a route without adding it here (and to ROUTE_ACCESS)
 * fails the "every route is covered" test below.
 */
const PROBES: Record<RouteId, (role: Role) => Probe | Promise<Probe>> = {
	'/': () => ({ path: '/' }),
	'/kiosk': () => ({ path: '/kiosk' }),
	'/kiosk/qr.svg': () => ({ path: '/kiosk/qr.svg' }),
	'/k/[name]': () => ({ path: '/k/hoi-truong' }),
	'/login': () => ({ path: '/login' }),
	'/logout': () => ({ path: '/logout' }),
	'/u/[token]': (role) => ({ path: `/u/${unitToken(role) ?? BOGUS_TOKEN}` }),
	// Unit A's activity: its edit page opens for A only; B's link gets the same 404 as a bogus one.
	'/u/[token]/activities/[id=id]': (role) => ({
		path: `/u/${unitToken(role) ?? BOGUS_TOKEN}/activities/${ctx.activityA}`
	}),
	'/u/[token]/photos/[id=id]/[file]': (role) => ({
		path: `/u/${unitToken(role) ?? BOGUS_TOKEN}/photos/${ctx.photoActivity}/${ctx.photoHash}-nho.jpg`
	}),
	'/photos/[id=id]/[file]': () => ({
		path: `/photos/${ctx.photoActivity}/${ctx.photoHash}-nho.jpg`
	}),
	'/l/[token]': (role) => ({ path: `/l/${role === 'leader' ? ctx.leaderLink : BOGUS_TOKEN}` }),
	'/dashboard': () => ({ path: '/dashboard' }),
	'/dashboard/export/[format]': () => ({ path: '/dashboard/export/csv?group=front' }),
	'/dashboard/report': () => ({ path: '/dashboard/report' }),
	'/dashboard/units/[code]': () => ({ path: '/dashboard/units/SO-YT' }),
	'/admin': () => ({ path: '/admin' }),
	'/admin/audit': () => ({ path: '/admin/audit' }),
	'/admin/users': () => ({ path: '/admin/users' }),
	'/admin/moderation': () => ({ path: '/admin/moderation' }),
	'/admin/settings': () => ({ path: '/admin/settings' }),
	'/admin/units': () => ({ path: '/admin/units' }),
	'/admin/units/[code]': () => ({ path: '/admin/units/SO-YT' }),
	'/admin/units/print': () => ({ path: '/admin/units/print' }),
	'/admin/activities/[id=id]': () => ({ path: `/admin/activities/${ctx.activityA}` }),
	'/api/v1/activities': (role) => ({
		method: 'POST',
		path: '/api/v1/activities',
		headers: {
			'Content-Type': 'application/json',
			...(unitToken(role) ? { Authorization: `Bearer ${unitToken(role)}` } : {})
		},
		body: JSON.stringify({
			type: 'movement',
			title: `Phong trào sáng kiến — kiểm tra quyền (${role})`,
			startDate: '2026-04-23'
		})
	}),
	'/api/v1/activities/[id=id]': async (role) => ({
		method: 'PATCH',
		path: `/api/v1/activities/${ctx.activityA}`,
		headers: {
			'Content-Type': 'application/json',
			...(unitToken(role) ? { Authorization: `Bearer ${unitToken(role)}` } : {})
		},
		body: JSON.stringify({
			title: `Sửa tên hoạt động — kiểm tra quyền (${role})`,
			version: await currentVersion(ctx.activityA)
		})
	}),
	'/api/v1/reports': (role) => ({
		method: 'POST',
		path: '/api/v1/reports',
		headers: {
			'Content-Type': 'application/json',
			...(unitToken(role) ? { Authorization: `Bearer ${unitToken(role)}` } : {})
		},
		body: JSON.stringify({ noActivity: true, reason: `Kiểm tra quyền (${role})` })
	}),
	'/api/v1/stats': () => ({ path: '/api/v1/stats' }),
	'/healthz': () => ({ path: '/healthz' }),
	'/readyz': () => ({ path: '/readyz' }),
	'/api/[...path]': () => ({ path: '/api/v1/khong-co' })
};

/** What each kind of access means for each role: the authorization rules in one place. */
function expected(
	access: Access,
	role: Role,
	routeId: RouteId
): { status: number; location?: RegExp } {
	const signedIn = role === 'leader' || role === 'admin';
	switch (access) {
		case 'public':
			// A photo of an activity the public does not see: for the Department's eyes only.
			if (routeId === '/photos/[id=id]/[file]') return { status: signedIn ? 200 : 404 };
			// Signed-in people are sent on from the sign-in page.
			if (routeId === '/login' && signedIn) return { status: 303, location: /^\/dashboard$/ };
			if (routeId === '/k/[name]') return { status: 303, location: /^\/kiosk\?preset=hoi-truong$/ };
			return { status: routeId === '/api/[...path]' ? 404 : 200 };
		case 'unit-link':
			if (
				routeId === '/u/[token]/activities/[id=id]' ||
				routeId === '/u/[token]/photos/[id=id]/[file]'
			)
				return { status: role === 'unitA' ? 200 : 404 };
			return { status: role === 'unitA' || role === 'unitB' ? 200 : 404 };
		case 'unit-api':
			// Cookies never authenticate the JSON API.
			if (role !== 'unitA' && role !== 'unitB') return { status: 401 };
			if (routeId === '/api/v1/activities/[id=id]') {
				// The activity belongs to unit A; to unit B it does not exist.
				return { status: role === 'unitA' ? 200 : 404 };
			}
			return { status: 201 };
		case 'leader-link':
			return role === 'leader' ? { status: 303, location: /^\/dashboard$/ } : { status: 404 };
		case 'staff':
			return signedIn ? { status: 200 } : { status: 303, location: /^\/login\?next=/ };
		case 'admin':
			if (role === 'admin') return { status: 200 };
			return role === 'leader' ? { status: 403 } : { status: 303, location: /^\/login\?next=/ };
	}
}

/** Route ids as SvelteKit derives them from src/routes. */
function routesOnDisk(): string[] {
	const base = join(root, 'src/routes');
	const found: string[] = [];
	const walk = (dir: string) => {
		const entries = readdirSync(dir);
		if (entries.some((e) => /^\+(page\.svelte|server\.ts)$/.test(e))) {
			const id = '/' + relative(base, dir).split('\\').join('/');
			found.push(id === '/' ? '/' : id.replace(/\/$/, ''));
		}
		for (const entry of entries) {
			if (statSync(join(dir, entry)).isDirectory()) walk(join(dir, entry));
		}
	};
	walk(base);
	return found.map((id) => (id === '/.' ? '/' : id)).sort();
}

beforeAll(async () => {
	server = await startServer();
	ctx.tokenA = await server.issueToken('SO-YT');
	ctx.tokenB = await server.issueToken('03388');
	const created = await fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${ctx.tokenA}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			type: 'banner',
			title: 'Băng rôn của Sở Y tế',
			startDate: '2026-04-20',
			quantity: 3
		})
	});
	ctx.activityA = ((await created.json()) as { id: number }).id;
	const leaderPassword = await server.createAccount('leader', 'lanhdao');
	ctx.leaderCookie = await server.login('lanhdao', leaderPassword);
	ctx.adminCookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
	const photoTitle = 'Băng rôn của Sở Y tế, có ảnh';
	const withPhoto = await postReport(
		server.url,
		ctx.tokenA,
		{ type: 'banner', title: photoTitle, startDate: '2026-04-20', quantity_banner: '1' },
		[{ name: 'bang-ron.jpg', type: 'image/jpeg', bytes: await phonePhoto() }]
	);
	expect(withPhoto.status).toBe(200);
	[{ id: ctx.photoActivity, hash: ctx.photoHash }] = await server.query<{
		id: number;
		hash: string;
	}>(
		'select a.id, p.hash from activities a join activity_photos p on p.activity_id = a.id where a.title = ?',
		photoTitle
	);
	const rejected = await postForm(
		server.url,
		'/admin/moderation?/reject',
		{
			id: String(ctx.photoActivity),
			version: String(await currentVersion(ctx.photoActivity)),
			reason: 'Ảnh chưa thể hiện nội dung băng rôn.'
		},
		ctx.adminCookie
	);
	expect(rejected.status).toBe(200);
	const link = await server.cli(['leader-link', 'Giám đốc Sở']);
	ctx.leaderLink = link.stdout.trim().split('\n').pop()!.split('/l/')[1];
});

afterAll(async () => {
	await server?.cleanup();
});

describe('authorization matrix', () => {
	it('covers every route on disk, and nothing else', () => {
		const listed = Object.keys(ROUTE_ACCESS).sort();
		expect(routesOnDisk()).toEqual(listed);
		expect(Object.keys(PROBES).sort()).toEqual(listed);
	});

	const cases = (Object.keys(ROUTE_ACCESS) as RouteId[]).flatMap((routeId) =>
		ROLES.map((role) => [routeId, role] as const)
	);

	it.each(cases)('%s as %s', async (routeId, role) => {
		const probe = await PROBES[routeId](role);
		const response = await fetch(`${server.url}${probe.path}`, {
			method: probe.method ?? 'GET',
			headers: { ...cookieFor(role), ...probe.headers },
			body: probe.body,
			redirect: 'manual'
		});
		const want = expected(ROUTE_ACCESS[routeId], role, routeId);
		const text = await response.text();
		expect(response.status, `${routeId} as ${role}: ${text.slice(0, 200)}`).toBe(want.status);
		if (want.location) expect(response.headers.get('location')).toMatch(want.location);
		// Errors are Vietnamese pages or JSON, never a stack trace.
		expect(text).not.toMatch(/at [\w.<>]+ \(.*:\d+:\d+\)/);
		if (routeId.includes('/photos/') && want.status === 200) {
			expect(response.headers.get('content-type')).toBe('image/jpeg');
		} else if (routeId.startsWith('/u/[token]') && want.status === 200) {
			expect(text).toContain(role === 'unitA' ? 'Sở Y tế tỉnh Lai Châu' : 'Phường Đoàn Kết');
		}
		if (ROUTE_ACCESS[routeId] === 'admin' && role === 'leader') {
			expect(text).toContain('chỉ dành cho quản trị viên');
		}
	});
});

describe('units only ever see their own activities', () => {
	it('unit A’s page does not list unit B’s activity', async () => {
		const title = 'Hoạt động riêng của phường Đoàn Kết — không hiện cho đơn vị khác';
		const response = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${ctx.tokenB}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ type: 'movement', title, startDate: '2026-04-24' })
		});
		expect(response.status).toBe(201);
		expect(await (await fetch(`${server.url}/u/${ctx.tokenB}`)).text()).toContain(title);
		expect(await (await fetch(`${server.url}/u/${ctx.tokenA}`)).text()).not.toContain(title);
	});
});

describe('socket rooms', () => {
	const sockets: Socket[] = [];
	afterAll(() => sockets.forEach((s) => s.disconnect()));

	async function connect(cookie?: string) {
		const socket = io(server.url, {
			transports: ['websocket'],
			forceNew: true,
			extraHeaders: cookie ? { Cookie: cookie } : {}
		});
		sockets.push(socket);
		const hello = await new Promise<{ access: string }>((resolve) =>
			socket.once('server:hello', resolve)
		);
		const created: Record<string, unknown>[] = [];
		socket.on('activity:created', (a: Record<string, unknown>) => created.push(a));
		// The public's screens find new activities in the numbers' delta (its feed).
		const feed: Record<string, unknown>[] = [];
		socket.on('stats:delta', (delta: { latest?: { upsert: Record<string, unknown>[] } }) =>
			feed.push(...(delta.latest?.upsert ?? []))
		);
		return { socket, access: hello.access, created, feed };
	}

	it('gives staff the whole activity and everyone else only its public part', async () => {
		const anonymous = await connect();
		const forged = await connect('lantoa_session=' + 'A'.repeat(43));
		const leader = await connect(ctx.leaderCookie);
		const admin = await connect(ctx.adminCookie);
		expect([anonymous.access, forged.access, leader.access, admin.access]).toEqual([
			'public',
			'public',
			'staff',
			'admin'
		]);

		const response = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${ctx.tokenA}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				type: 'movement',
				title: 'Phát động sáng kiến — kiểm tra phòng socket',
				startDate: '2026-04-23',
				description: 'Mô tả nội bộ, chưa duyệt',
				links: ['https://laichau.gov.vn/bai-viet']
			})
		});
		expect(response.status).toBe(201);
		const title = 'Phát động sáng kiến — kiểm tra phòng socket';
		const inFeed = (client: { feed: Record<string, unknown>[] }) =>
			client.feed.find((a) => a.title === title);
		for (const client of [anonymous, forged, leader, admin]) {
			await waitFor(() => inFeed(client) !== undefined, 5000, 'the delta with the feed');
		}
		for (const client of [leader, admin]) {
			await waitFor(() => client.created.length > 0, 5000, 'activity:created');
		}
		for (const client of [anonymous, forged]) {
			expect(client.created).toEqual([]);
		}
		for (const client of [anonymous, forged, leader, admin]) {
			expect(inFeed(client)).not.toHaveProperty('description');
			expect(inFeed(client)).not.toHaveProperty('links');
		}
		for (const client of [leader, admin]) {
			expect(client.created[0].description).toBe('Mô tả nội bộ, chưa duyệt');
			expect(client.created[0].links).toEqual(['https://laichau.gov.vn/bai-viet']);
		}
	});
});

describe('sessions', () => {
	it('signing out ends the session', async () => {
		const cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
		const before = await fetch(`${server.url}/dashboard`, {
			headers: { Cookie: cookie },
			redirect: 'manual'
		});
		expect(before.status).toBe(200);
		const logout = await fetch(`${server.url}/logout`, {
			method: 'POST',
			headers: {
				Cookie: cookie,
				Origin: server.url,
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'text/html'
			},
			body: '',
			redirect: 'manual'
		});
		expect(logout.status).toBe(303);
		expect(logout.headers.getSetCookie().join()).toMatch(/lantoa_session=;/);
		const after = await fetch(`${server.url}/dashboard`, {
			headers: { Cookie: cookie },
			redirect: 'manual'
		});
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toMatch(/^\/login/);
	});

	it('an expired session no longer opens the dashboard', async () => {
		const cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
		await server.execute("update sessions set expires_at = '2000-01-01T00:00:00.000Z'");
		const response = await fetch(`${server.url}/dashboard`, {
			headers: { Cookie: cookie },
			redirect: 'manual'
		});
		expect(response.status).toBe(303);
		// Refresh the shared cookies the matrix used, since every session just expired.
		ctx.adminCookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
	});

	it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
		const response = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'text/html',
				Origin: server.url
			},
			body: new URLSearchParams({ username: TEST_ADMIN.username, password: TEST_ADMIN.password }),
			redirect: 'manual'
		});
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('lantoa_session='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Expires=/i);
	});

	it('a revoked leader link stops working, and so do the sessions it opened', async () => {
		const issued = await server.cli(['leader-link', 'Phó Giám đốc']);
		const token = issued.stdout.trim().split('\n').pop()!.split('/l/')[1];
		const open = await fetch(`${server.url}/l/${token}`, { redirect: 'manual' });
		expect(open.status).toBe(303);
		const cookie = open.headers.getSetCookie()[0].split(';')[0];
		expect(
			(await fetch(`${server.url}/dashboard`, { headers: { Cookie: cookie }, redirect: 'manual' }))
				.status
		).toBe(200);
		// A leader link is read-only: no admin pages.
		expect(
			(await fetch(`${server.url}/admin`, { headers: { Cookie: cookie }, redirect: 'manual' }))
				.status
		).toBe(403);

		const [{ id }] = await server.query<{ id: number }>(
			"select id from leader_links where label = 'Phó Giám đốc'"
		);
		const revoke = await fetch(`${server.url}/admin/users?/revokeLeaderLink`, {
			method: 'POST',
			headers: {
				Cookie: ctx.adminCookie,
				Origin: server.url,
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'text/html'
			},
			body: new URLSearchParams({ linkId: String(id) }),
			redirect: 'manual'
		});
		expect(revoke.status).toBe(200);
		expect(
			(await fetch(`${server.url}/dashboard`, { headers: { Cookie: cookie }, redirect: 'manual' }))
				.status
		).toBe(303);
		expect((await fetch(`${server.url}/l/${token}`, { redirect: 'manual' })).status).toBe(404);
	});
});

describe('sign-in rate limit', () => {
	async function attempt(username: string, password: string) {
		const response = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'text/html',
				Origin: server.url
			},
			body: new URLSearchParams({ username, password }),
			redirect: 'manual'
		});
		return { status: response.status, text: await response.text() };
	}

	it('says the same for a wrong username and a wrong password', async () => {
		const wrongUser = await attempt('khong-ton-tai', 'sai-mat-khau-123');
		const wrongPassword = await attempt(TEST_ADMIN.username, 'sai-mat-khau-123');
		expect(wrongUser.status).toBe(400);
		expect(wrongPassword.status).toBe(400);
		expect(wrongUser.text).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
		expect(wrongPassword.text).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
	});

	it('blocks a username after 5 failures, even with the right password', async () => {
		const password = await server.createAccount('leader', 'bi-chan');
		for (let i = 0; i < 5; i++)
			expect((await attempt('bi-chan', `sai-${i}-mat-khau`)).status).toBe(400);
		const blocked = await attempt('bi-chan', password);
		expect(blocked.status).toBe(429);
		expect(blocked.text).toContain('Đăng nhập không thành công quá nhiều lần');
		// Another account from the same address still signs in.
		expect((await attempt(TEST_ADMIN.username, TEST_ADMIN.password)).status).toBe(303);
	});
});

describe('audit', () => {
	it('records writes, links and sign-ins, and refuses to be rewritten', async () => {
		{
			const actions = (
				await server.query<{ action: string }>('select distinct action from audit_log')
			).map((r) => r.action);
			for (const action of [
				'activity.create',
				'unit_link.issue',
				'user.create',
				'login.success',
				'login.failure',
				'login.blocked',
				'logout',
				'leader_link.issue',
				'leader_link.use',
				'leader_link.revoke'
			]) {
				expect(actions).toContain(action);
			}
			const [created] = await server.query(
				"select actor_type, actor_id from audit_log where action = 'activity.create' order by id limit 1"
			);
			expect(created).toEqual({ actor_type: 'unit', actor_id: 'SO-YT' });
			await expect(server.execute("update audit_log set action = 'x'")).rejects.toThrow(
				/append-only/
			);
			await expect(server.execute('delete from audit_log')).rejects.toThrow(/append-only/);
		}
	});

	it('is browsable and filterable by an admin', async () => {
		const response = await fetch(`${server.url}/admin/audit?action=login.failure`, {
			headers: { Cookie: ctx.adminCookie }
		});
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('data-audit-action="login.failure"');
		expect(html).not.toContain('data-audit-action="activity.create"');
	});
});
