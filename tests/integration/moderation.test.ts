import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { postForm, startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { waitFor } from '../helpers/sockets';
import type { StatsDelta } from '../../src/lib/domain/stats-delta';
import type { Stats, StoredActivity } from '../../src/lib/domain/stats';

let server: RunningServer;
let tokenA: string;
let tokenB: string;
let adminCookie: string;

const banner = {
	type: 'banner',
	title: 'Treo băng rôn tại trụ sở Sở Y tế',
	startDate: '2026-04-20',
	quantity: 4
};

async function row(id: number): Promise<Record<string, unknown>> {
	return (await server.query('select * from activities where id = ?', id))[0];
}

async function api(method: string, path: string, token: string, body?: unknown) {
	const response = await fetch(`${server.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function create(token = tokenA, extra: Record<string, unknown> = {}) {
	const response = await api('POST', '/api/v1/activities', token, { ...banner, ...extra });
	expect(response.status).toBe(201);
	return response.json as unknown as StoredActivity;
}

/** An administrator's form action, as the moderation page posts it. */
async function adminAction(action: string, fields: Record<string, string | number>) {
	const response = await fetch(`${server.url}/admin/moderation?/${action}`, {
		method: 'POST',
		headers: {
			Cookie: adminCookie,
			Origin: server.url,
			Accept: 'text/html',
			'Content-Type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])),
		redirect: 'manual'
	});
	return { status: response.status, text: await response.text() };
}

async function stats(): Promise<Stats> {
	return (await (await fetch(`${server.url}/api/v1/stats`)).json()) as Stats;
}

interface Listener {
	socket: Socket;
	created: StoredActivity[];
	/** activities new or changed in the public feed, from the numbers' deltas */
	feed: StoredActivity[];
	updated: StoredActivity[];
}
const sockets: Socket[] = [];
async function listen(options: { cookie?: string; unitToken?: string } = {}): Promise<Listener> {
	const socket = io(server.url, {
		transports: ['websocket'],
		forceNew: true,
		extraHeaders: options.cookie ? { Cookie: options.cookie } : {},
		auth: options.unitToken ? { unitToken: options.unitToken } : {}
	});
	sockets.push(socket);
	const listener: Listener = { socket, created: [], updated: [], feed: [] };
	socket.on('activity:created', (a: StoredActivity) => listener.created.push(a));
	socket.on('stats:delta', (delta: StatsDelta) =>
		listener.feed.push(...((delta.latest?.upsert ?? []) as StoredActivity[]))
	);
	socket.on('activity:updated', (a: StoredActivity) => listener.updated.push(a));
	await new Promise((resolve) => socket.once('stats', resolve));
	return listener;
}

beforeAll(async () => {
	server = await startServer();
	tokenA = await server.issueToken('SO-YT');
	tokenB = await server.issueToken('03388');
	adminCookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
});

afterAll(async () => {
	sockets.forEach((s) => s.disconnect());
	await server?.cleanup();
});

describe('PATCH /api/v1/activities/<id>', () => {
	it('merges the changed fields, bumps the version and tells the unit and staff', async () => {
		const unitScreen = await listen({ unitToken: tokenA });
		const staffScreen = await listen({ cookie: adminCookie });
		const activity = await create();
		const response = await api('PATCH', `/api/v1/activities/${activity.id}`, tokenA, {
			title: 'Treo băng rôn tại trụ sở và cổng Sở Y tế',
			quantity: 6,
			version: activity.version
		});
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({
			id: activity.id,
			title: 'Treo băng rôn tại trụ sở và cổng Sở Y tế',
			quantity: 6,
			startDate: '2026-04-20',
			version: activity.version + 1,
			status: 'pending'
		});
		for (const screen of [unitScreen, staffScreen]) {
			await waitFor(() => screen.updated.some((a) => a.id === activity.id && a.quantity === 6));
		}
	});

	it('answers 409 with the current values for a stale version, changing nothing', async () => {
		const activity = await create();
		const first = await api('PATCH', `/api/v1/activities/${activity.id}`, tokenA, {
			quantity: 8,
			version: activity.version
		});
		expect(first.status).toBe(200);
		const stale = await api('PATCH', `/api/v1/activities/${activity.id}`, tokenA, {
			quantity: 99,
			version: activity.version
		});
		expect(stale.status).toBe(409);
		expect((stale.json.errors as Record<string, string[]>).version[0]).toContain(
			'người khác thay đổi'
		);
		expect(stale.json.current).toMatchObject({
			id: activity.id,
			quantity: 8,
			version: activity.version + 1
		});
		expect(await row(activity.id)).toMatchObject({ quantity: 8, version: activity.version + 1 });
	});

	it('refuses bad edits with field errors and changes nothing', async () => {
		const activity = await create();
		const cases: [unknown, string][] = [
			[{ title: 'x'.repeat(500), version: activity.version }, 'title'],
			[{ title: 'Không có số phiên bản' }, 'version'],
			[{ quantity: 0, version: activity.version }, 'quantity'],
			[{ type: 'media', version: activity.version }, 'channels'],
			[{ secret: 1, version: activity.version }, 'secret'],
			[[1, 2], 'body']
		];
		for (const [body, field] of cases) {
			const response = await api('PATCH', `/api/v1/activities/${activity.id}`, tokenA, body);
			expect(response.status, JSON.stringify(body)).toBe(400);
			expect((response.json.errors as Record<string, string[]>)[field]?.length).toBeGreaterThan(0);
		}
		expect(await row(activity.id)).toMatchObject({
			title: banner.title,
			version: activity.version
		});
	});

	it('changing the type drops the old type’s own fields', async () => {
		const activity = await create();
		const response = await api('PATCH', `/api/v1/activities/${activity.id}`, tokenA, {
			type: 'event',
			format: 'talk',
			mode: 'online',
			version: activity.version
		});
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({ type: 'event', quantity: null, format: 'talk' });
	});
});

describe('units cannot touch each other’s activities', () => {
	it('unit B gets 404 for unit A’s activity on PATCH and DELETE, and it stays untouched', async () => {
		const activity = await create(tokenA);
		const patch = await api('PATCH', `/api/v1/activities/${activity.id}`, tokenB, {
			title: 'Đơn vị khác sửa trộm',
			version: activity.version
		});
		expect(patch.status).toBe(404);
		const withdraw = await api('DELETE', `/api/v1/activities/${activity.id}`, tokenB);
		expect(withdraw.status).toBe(404);
		expect(await row(activity.id)).toMatchObject({
			title: banner.title,
			version: activity.version,
			withdrawn_at: null
		});
		// Unit B's own pages do not open it either.
		const page = await fetch(`${server.url}/u/${tokenB}/activities/${activity.id}`);
		expect(page.status).toBe(404);
	});
});

describe('withdrawing from the unit’s page', () => {
	it('asks first: the first press changes nothing and says what withdrawing does', async () => {
		const activity = await create();
		const before = await stats();
		const path = `/u/${tokenA}/activities/${activity.id}?/withdraw`;
		const asked = await postForm(server.url, path, { version: String(activity.version) });
		expect(asked.status).toBe(200);
		expect(asked.html).toContain('data-confirm-withdraw');
		expect(asked.html).toContain('Không thể hoàn tác');
		expect((await stats()).totals.activities).toBe(before.totals.activities);
		const [row] = await server.query<{ withdrawn_at: string | null }>(
			'select withdrawn_at from activities where id = ?',
			activity.id
		);
		expect(row.withdrawn_at).toBeNull();

		const confirmed = await postForm(server.url, path, {
			version: String(activity.version),
			confirm: 'yes'
		});
		expect(confirmed.status).toBe(303);
		expect((await stats()).totals.activities).toBe(before.totals.activities - 1);
	});
});

describe('DELETE /api/v1/activities/<id> (withdraw)', () => {
	it('withdraws a pending activity: it no longer counts and cannot be edited', async () => {
		const activity = await create();
		const before = await stats();
		const response = await api('DELETE', `/api/v1/activities/${activity.id}`, tokenA);
		expect(response.status).toBe(200);
		expect(response.json).toMatchObject({ id: activity.id, withdrawn: true });
		const after = await stats();
		expect(after.totals.activities).toBe(before.totals.activities - 1);
		expect(after.latest.some((a) => a.id === activity.id)).toBe(false);
		expect(
			(await api('PATCH', `/api/v1/activities/${activity.id}`, tokenA, { quantity: 2, version: 2 }))
				.status
		).toBe(404);
		expect((await api('DELETE', `/api/v1/activities/${activity.id}`, tokenA)).status).toBe(404);
	});

	it('honours ?version= and refuses stale or malformed versions', async () => {
		const activity = await create();
		expect(
			(await api('DELETE', `/api/v1/activities/${activity.id}?version=99`, tokenA)).status
		).toBe(409);
		expect(
			(await api('DELETE', `/api/v1/activities/${activity.id}?version=abc`, tokenA)).status
		).toBe(400);
		expect((await row(activity.id)).withdrawn_at).toBeNull();
		expect(
			(await api('DELETE', `/api/v1/activities/${activity.id}?version=${activity.version}`, tokenA))
				.status
		).toBe(200);
	});
});

describe('moderation', () => {
	it('approves, and a unit editing an approved activity sends it back to pending', async () => {
		const unitScreen = await listen({ unitToken: tokenA });
		const activity = await create();
		const approve = await adminAction('approve', { id: activity.id, version: activity.version });
		expect(approve.status).toBe(200);
		expect(await row(activity.id)).toMatchObject({
			status: 'approved',
			version: activity.version + 1
		});
		await waitFor(() =>
			unitScreen.updated.some((a) => a.id === activity.id && a.status === 'approved')
		);

		// An approved activity cannot be withdrawn by the unit.
		const withdraw = await api('DELETE', `/api/v1/activities/${activity.id}`, tokenA);
		expect(withdraw.status).toBe(409);
		expect((withdraw.json.errors as Record<string, string[]>).status[0]).toContain(
			'đã được Sở duyệt'
		);

		const edit = await api('PATCH', `/api/v1/activities/${activity.id}`, tokenA, {
			quantity: 5,
			version: activity.version + 1
		});
		expect(edit.status).toBe(200);
		expect(edit.json.status).toBe('pending');
	});

	it('needs a reason to reject; rejected activities stop counting and the unit sees why', async () => {
		const activity = await create(tokenA, { title: 'Hoạt động sẽ không được duyệt' });
		const before = await stats();
		const noReason = await adminAction('reject', {
			id: activity.id,
			version: activity.version,
			reason: ''
		});
		expect(noReason.status).toBe(400);
		expect(noReason.text).toContain('Ghi lý do không duyệt');
		expect((await row(activity.id)).status).toBe('pending');

		const reject = await adminAction('reject', {
			id: activity.id,
			version: activity.version,
			reason: 'Trùng với hoạt động đã báo cáo ngày 20/4'
		});
		expect(reject.status).toBe(200);
		const after = await stats();
		expect(after.totals.activities).toBe(before.totals.activities - 1);
		const page = await (await fetch(`${server.url}/u/${tokenA}`)).text();
		expect(page).toContain('Trùng với hoạt động đã báo cáo ngày 20/4');
	});

	it('refuses a decision taken on a stale version', async () => {
		const activity = await create();
		await api('PATCH', `/api/v1/activities/${activity.id}`, tokenA, {
			quantity: 9,
			version: activity.version
		});
		const stale = await adminAction('approve', { id: activity.id, version: activity.version });
		expect(stale.status).toBe(409);
		expect(stale.text).toContain('người khác thay đổi');
		expect((await row(activity.id)).status).toBe('pending');
	});

	it('reads the id and version as plain numbers: 0x…, blanks and 1e0 decide nothing (issue 11)', async () => {
		const activity = await create();
		// Number() read '0x…' as the activity's id and '' as 0: the decision went through.
		const hex = `0x${activity.id.toString(16)}`;
		for (const fields of [
			{ id: hex, version: activity.version },
			{ id: activity.id, version: '' },
			{ id: activity.id, version: '1e0' },
			{ id: ` ${activity.id}`, version: activity.version }
		]) {
			const refused = await adminAction('approve', fields);
			expect(refused.status, JSON.stringify(fields)).toBe(400);
			expect(refused.text).toContain('Yêu cầu không hợp lệ');
		}
		const bulk = await adminAction('bulkApprove', { pick: `${hex}:${activity.version}` });
		expect(bulk.status).toBe(400);
		expect(bulk.text).toContain('Yêu cầu không hợp lệ');
		expect((await row(activity.id)).status).toBe('pending');
		expect((await row(activity.id)).version).toBe(activity.version);
	});

	it('marks only approved activities as exemplary', async () => {
		const activity = await create(tokenA, { title: 'Mô hình băng rôn tự làm từ vật liệu tái chế' });
		const tooEarly = await adminAction('exemplary', {
			id: activity.id,
			version: activity.version,
			exemplary: 'on',
			note: ''
		});
		expect(tooEarly.status).toBe(409);
		await adminAction('approve', { id: activity.id, version: activity.version });
		const marked = await adminAction('exemplary', {
			id: activity.id,
			version: activity.version + 1,
			exemplary: 'on',
			note: 'Tiết kiệm, sáng tạo, dễ nhân rộng'
		});
		expect(marked.status).toBe(200);
		expect(await row(activity.id)).toMatchObject({
			exemplary: 1,
			exemplary_note: 'Tiết kiệm, sáng tạo, dễ nhân rộng'
		});
	});

	it('leaders mark approved activities as exemplary from the dashboard; everyone sees them', async () => {
		const leaderCookie = await server.login(
			'lanhdao',
			await server.createAccount('leader', 'lanhdao')
		);
		const publicScreen = await listen();
		const activity = await create(tokenA, { title: 'Mô hình điển hình do lãnh đạo chọn' });
		const dashboardAction = (fields: Record<string, string>) =>
			fetch(`${server.url}/dashboard?/exemplary`, {
				method: 'POST',
				headers: {
					Cookie: leaderCookie,
					Origin: server.url,
					Accept: 'text/html',
					'Content-Type': 'application/x-www-form-urlencoded'
				},
				body: new URLSearchParams(fields)
			});
		// Not approved yet: refused.
		expect((await dashboardAction({ id: String(activity.id), exemplary: 'on' })).status).toBe(409);
		await adminAction('approve', { id: activity.id, version: activity.version });
		expect((await dashboardAction({ id: String(activity.id), exemplary: 'on' })).status).toBe(200);
		const stats = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as Stats;
		expect(stats.exemplary.map((a) => a.id)).toContain(activity.id);
		await waitFor(() => publicScreen.socket.connected);
		const [entry] = await server.query(
			"select actor_type, actor_id from audit_log where action = 'activity.exemplary' order by id desc limit 1"
		);
		expect(entry).toEqual({ actor_type: 'leader', actor_id: 'lanhdao' });
		// Anonymous visitors cannot.
		const anonymous = await fetch(`${server.url}/dashboard?/exemplary`, {
			method: 'POST',
			headers: {
				Origin: server.url,
				Accept: 'text/html',
				'Content-Type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ id: String(activity.id), exemplary: 'off' }),
			redirect: 'manual'
		});
		expect(anonymous.status).toBe(303);
		expect((await row(activity.id)).exemplary).toBe(1);
	});

	it('with moderation on, the public sees titles only after approval', async () => {
		expect((await adminAction('moderation', { moderation: 'on' })).status).toBe(200);
		const publicScreen = await listen();
		const staffScreen = await listen({ cookie: adminCookie });
		const countedBefore = (await stats()).totals.activities;
		const activity = await create(tokenA, { title: 'Tiêu đề chờ duyệt — chưa được lên màn hình' });

		await waitFor(() => staffScreen.created.some((a) => a.id === activity.id));
		const publicStats = await stats();
		expect(publicStats.latest.some((a) => a.id === activity.id)).toBe(false);
		// Numbers still count it at once: exactly one more than before it was sent.
		expect(publicStats.totals.activities).toBe(countedBefore + 1);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(publicScreen.created).toEqual([]);
		expect(publicScreen.feed.some((a) => a.id === activity.id)).toBe(false);

		await adminAction('approve', { id: activity.id, version: activity.version });
		await waitFor(() => publicScreen.feed.some((a) => a.id === activity.id));
		const shown = publicScreen.feed.find((a) => a.id === activity.id)!;
		expect(shown).not.toHaveProperty('description');
		expect((await stats()).latest.some((a) => a.id === activity.id)).toBe(true);
		expect((await adminAction('moderation', { moderation: '' })).status).toBe(200);
	});

	it('records every change with before and after in the audit log', async () => {
		{
			const actions = (
				await server.query<{ action: string }>('select distinct action from audit_log')
			).map((r) => r.action);
			for (const action of [
				'activity.update',
				'activity.withdraw',
				'activity.approve',
				'activity.reject',
				'activity.exemplary',
				'campaign.update'
			]) {
				expect(actions).toContain(action);
			}
			const [reject] = await server.query<{ before: string; after: string }>(
				"select before, after from audit_log where action = 'activity.reject' order by id limit 1"
			);
			expect(JSON.parse(reject.before).status).toBe('pending');
			expect(JSON.parse(reject.after)).toMatchObject({
				status: 'rejected',
				rejectReason: 'Trùng với hoạt động đã báo cáo ngày 20/4'
			});
		}
	});

	it('the audit log names what each entry is about and links to it, instead of an id', async () => {
		const activity = await create(tokenA, { title: 'Băng rôn để đặt tên trong nhật ký' });
		expect(
			(await adminAction('approve', { id: activity.id, version: activity.version })).status
		).toBe(200);
		const html = await (
			await fetch(`${server.url}/admin/audit`, { headers: { Cookie: adminCookie } })
		).text();
		// (links are relative to the page, as SvelteKit writes them)
		expect(html).toMatch(
			new RegExp(
				`<a href="[./]*/?admin/activities/${activity.id}">Băng rôn để đặt tên trong nhật ký</a>`
			)
		);
		expect(html).not.toMatch(
			new RegExp(`Hoạt động</span>\\s*(<!--[^>]*-->)*\\s*${activity.id}\\b`)
		);
		// The campaign by its title, after a change of its moderation setting.
		const moderation = (
			await server.query<{ moderation: number }>('select moderation from campaigns')
		)[0].moderation;
		for (const turn of [!moderation, Boolean(moderation)]) {
			expect((await adminAction('moderation', turn ? { moderation: 'on' } : {})).status).toBe(200);
		}
		const [campaign] = await server.query<{ title: string }>('select title from campaigns');
		const changes = await (
			await fetch(`${server.url}/admin/audit?action=campaign.update`, {
				headers: { Cookie: adminCookie }
			})
		).text();
		expect(changes).toMatch(new RegExp(`<a href="[./]*/?admin/settings">${campaign.title}</a>`));
	});
});
