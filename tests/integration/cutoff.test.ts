import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';

let server: RunningServer;
let adminCookie: string;
let token: string;

const ACTIVITY = {
	type: 'banner',
	title: 'Treo băng rôn hưởng ứng',
	startDate: '2026-04-20',
	quantity: 4
};

async function api(method: string, path: string, body?: unknown, headers: HeadersInit = {}) {
	const response = await fetch(`${server.url}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${token}`,
			'Content-Type': 'application/json',
			...headers
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function adminAction(action: string, fields: Record<string, string>) {
	const response = await fetch(`${server.url}/admin/settings?/${action}`, {
		method: 'POST',
		headers: {
			Cookie: adminCookie,
			Origin: server.url,
			Accept: 'text/html',
			'Content-Type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields)
	});
	return { status: response.status, html: await response.text() };
}

async function snapshot() {
	return {
		activities: await server.query(
			'select id, version, title, withdrawn_at from activities order by id'
		),
		reports: await server.query('select * from unit_reports order by id'),
		cutoff: (
			await server.query<{ cutoff_at: string | null }>(
				'select cutoff_at from campaigns where active = 1'
			)
		)[0].cutoff_at
	};
}

async function auditActions(): Promise<string[]> {
	return (
		await server.query<{ action: string }>(
			"select action from audit_log where action like 'campaign.%' order by id"
		)
	).map((row) => row.action);
}

beforeAll(async () => {
	server = await startServer();
	adminCookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
	token = await server.issueToken('SO-CT');
});

afterAll(async () => {
	await server?.cleanup();
});

describe('cut-off (chốt số liệu)', () => {
	it('a scheduled cut-off changes nothing yet and the unit page announces it', async () => {
		const scheduled = await adminAction('lock', { when: 'scheduled', at: '2099-05-10T17:00' });
		expect(scheduled.status).toBe(200);
		expect((await snapshot()).cutoff).toBe('2099-05-10T10:00:00.000Z');
		const page = await (await fetch(`${server.url}/u/${token}`)).text();
		expect(page).toContain('data-cutoff="scheduled"');
		expect(page).toContain('17:00 10/05/2099');
		expect((await api('POST', '/api/v1/activities', ACTIVITY)).status).toBe(201);
	});

	it('refuses a scheduled time in the past or malformed, changing nothing', async () => {
		const before = await snapshot();
		for (const at of ['2020-01-01T08:00', '31/12/2099', '']) {
			const response = await adminAction('lock', { when: 'scheduled', at });
			expect(response.status, at).toBe(400);
			expect(response.html).toMatch(/Thời điểm hẹn chốt|Nhập thời điểm chốt/);
		}
		expect(await snapshot()).toEqual(before);
	});

	it('after the cut-off a unit can change nothing: 423 with the cut-off time, database untouched', async () => {
		const created = await api('POST', '/api/v1/activities', ACTIVITY, { 'Idempotency-Key': 'k-1' });
		expect(created.status).toBe(201);
		const id = created.json.id as number;
		expect(
			(await api('POST', '/api/v1/reports', { summary: 'Đơn vị đã tổ chức treo băng rôn.' })).status
		).toBe(201);

		// "Chốt ngay" first says what will happen and changes nothing (with or without JavaScript).
		const auditBefore = (await auditActions()).length;
		const cutoffBefore = (await snapshot()).cutoff;
		const asked = await adminAction('lock', { when: 'now' });
		expect(asked.status).toBe(200);
		expect(asked.html).toContain('Chốt số liệu ngay bây giờ?');
		expect(asked.html).toContain('60 đơn vị');
		expect(asked.html).toContain('Xác nhận chốt ngay');
		expect((await snapshot()).cutoff).toBe(cutoffBefore);
		expect(await auditActions()).toHaveLength(auditBefore);

		const locked = await adminAction('lock', { when: 'now', confirm: 'yes' });
		expect(locked.status).toBe(200);
		const before = await snapshot();
		expect(before.cutoff).not.toBeNull();

		const attempts = [
			await api('POST', '/api/v1/activities', { ...ACTIVITY, title: 'Hoạt động gửi sau khi chốt' }),
			await api('PATCH', `/api/v1/activities/${id}`, { version: 1, title: 'Sửa sau khi chốt' }),
			await api('DELETE', `/api/v1/activities/${id}`),
			await api('POST', '/api/v1/reports', { summary: 'Sửa báo cáo sau khi chốt số liệu.' }),
			await api('POST', '/api/v1/reports', { noActivity: true, reason: 'Đổi ý sau khi chốt' })
		];
		for (const attempt of attempts) {
			expect(attempt.status).toBe(423);
			const message = (attempt.json.errors as Record<string, string[]>).cutoff[0];
			expect(message).toContain('đã chốt số liệu lúc');
		}
		// A retry of an activity stored before the cut-off is still answered, not refused.
		const retry = await api('POST', '/api/v1/activities', ACTIVITY, { 'Idempotency-Key': 'k-1' });
		expect(retry.status).toBe(201);
		expect(retry.json.id).toBe(id);

		// The unit's page shows the lock and offers no form; its form actions refuse too.
		const page = await (await fetch(`${server.url}/u/${token}`)).text();
		expect(page).toContain('data-cutoff="locked"');
		expect(page).not.toContain('action="?/submit"');
		expect(page).not.toContain('action="?/report"');
		const formPost = await fetch(`${server.url}/u/${token}?/report`, {
			method: 'POST',
			headers: {
				Origin: server.url,
				Accept: 'text/html',
				'Content-Type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ summary: 'Sửa báo cáo qua biểu mẫu sau khi chốt.' })
		});
		expect(formPost.status).toBe(423);
		expect(await snapshot()).toEqual(before);
	});

	it('an administrator still corrects data after the cut-off', async () => {
		const [row] = await server.query<{ id: number; version: number }>(
			'select id, version from activities order by id limit 1'
		);
		const response = await fetch(`${server.url}/admin/activities/${row.id}?/save`, {
			method: 'POST',
			headers: {
				Cookie: adminCookie,
				Origin: server.url,
				Accept: 'text/html',
				'Content-Type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				version: String(row.version),
				type: 'banner',
				title: 'Treo băng rôn (Sở hiệu chỉnh)',
				startDate: '2026-04-20',
				quantity_banner: '4'
			})
		});
		expect(response.status).toBe(200);
		expect((await snapshot()).activities[0]).toMatchObject({
			title: 'Treo băng rôn (Sở hiệu chỉnh)'
		});
	});

	it('unlocking needs a reason, is audited, and lets units write again', async () => {
		expect((await adminAction('unlock', { reason: '' })).status).toBe(400);
		expect((await snapshot()).cutoff).not.toBeNull();
		const unlocked = await adminAction('unlock', { reason: 'Bổ sung số liệu của Sở Công Thương' });
		expect(unlocked.status).toBe(200);
		expect((await snapshot()).cutoff).toBeNull();
		expect(await auditActions()).toEqual(['campaign.lock', 'campaign.lock', 'campaign.unlock']);
		expect(
			(await api('POST', '/api/v1/activities', { ...ACTIVITY, title: 'Bổ sung' })).status
		).toBe(201);
	});

	it('leaders cannot lock or unlock', async () => {
		const password = await server.createAccount('leader', 'lanhdao-chot');
		const cookie = await server.login('lanhdao-chot', password);
		const response = await fetch(`${server.url}/admin/settings?/lock`, {
			method: 'POST',
			headers: {
				Cookie: cookie,
				Origin: server.url,
				Accept: 'text/html',
				'Content-Type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ when: 'now' }),
			redirect: 'manual'
		});
		// Refused as a leader, not failed: exactly 403 with the reason (a 500 must not pass).
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('Trang này chỉ dành cho quản trị viên.');
		expect((await snapshot()).cutoff).toBeNull();
	});
});
