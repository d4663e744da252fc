import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';

let server: RunningServer;
let leaderCookie: string;
let adminCookie: string;

const composed = () =>
	server.query(
		"select actor_label, entity_id, after from audit_log where action = 'reminder.compose' order by id"
	);

async function post(path: string, fields: Record<string, string>, cookie = leaderCookie) {
	const response = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			Cookie: cookie,
			Origin: server.url,
			Accept: 'application/json',
			'x-sveltekit-action': 'true',
			'Content-Type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields)
	});
	return {
		status: response.status,
		body: (await response.json()) as { type: string; data: string }
	};
}

/** SvelteKit serialises action data with devalue; for flat strings this recovers the values. */
function actionStrings(data: string): string[] {
	return (JSON.parse(data) as unknown[]).filter((v): v is string => typeof v === 'string');
}

beforeAll(async () => {
	server = await startServer();
	const password = await server.createAccount('leader', 'lanhdao');
	leaderCookie = await server.login('lanhdao', password);
	adminCookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
});

afterAll(async () => {
	await server?.cleanup();
});

describe('reminders', () => {
	it('carry the unit’s current link for an administrator, which works, and each one is audited', async () => {
		const token = await server.issueToken('SO-TP');
		const { status, body } = await post('/dashboard?/reminder', { code: 'SO-TP' }, adminCookie);
		expect(status).toBe(200);
		const strings = actionStrings(body.data);
		const text = strings.find((s) => s.startsWith('Kính gửi: Sở Tư pháp tỉnh Lai Châu.'))!;
		expect(text).toContain(`${server.url}/u/${token}`);
		expect(strings).toContain('recoverable');
		expect((await fetch(`${server.url}/u/${token}`)).status).toBe(200);
		expect(await composed()).toEqual([
			{ actor_label: 'admin', entity_id: 'SO-TP', after: JSON.stringify({ link: 'recoverable' }) }
		]);
	});

	it('F3: never give a leader a link that writes — signed in or through a read-only leader link', async () => {
		const token = await server.issueToken('SO-TC');
		const link = await server.cli(['leader-link', 'Xem của Giám đốc']);
		const visit = await fetch(link.stdout.trim().split('\n').pop()!, { redirect: 'manual' });
		const viewerCookie = visit.headers.getSetCookie()[0].split(';')[0];
		for (const [cookie, label] of [
			[leaderCookie, 'lanhdao'],
			[viewerCookie, 'Liên kết xem: Xem của Giám đốc']
		]) {
			const { status, body } = await post('/dashboard?/reminder', { code: 'SO-TC' }, cookie);
			expect(status).toBe(200);
			const strings = actionStrings(body.data);
			expect(body.data).not.toContain(token);
			expect(body.data).not.toContain('/u/');
			expect(strings).toContain('withheld');
			const text = strings.find((s) => s.startsWith('Kính gửi'))!;
			expect(text).toContain('liên hệ Sở để được cấp lại');
			expect((await composed()).at(-1)).toEqual({
				actor_label: label,
				entity_id: 'SO-TC',
				after: JSON.stringify({ link: 'withheld' })
			});
		}
		// The same from the unit's own summary page.
		const page = await post('/dashboard/units/SO-TC?/reminder', {}, leaderCookie);
		expect(page.body.data).not.toContain('/u/');
	});

	it('say so when a unit has no link, and refuse unknown units', async () => {
		const none = await post('/dashboard?/reminder', { code: 'SO-XD' });
		expect(actionStrings(none.body.data)).toContain('none');
		const text = actionStrings(none.body.data).find((s) => s.startsWith('Kính gửi'))!;
		expect(text).not.toContain('/u/');
		expect(text).toContain('liên hệ Sở để được cấp lại');
		const unknown = await post('/dashboard?/reminder', { code: 'KHONG-CO' });
		expect(unknown.body).toMatchObject({ type: 'failure', status: 404 });
		expect(unknown.body.data).toContain('Không có đơn vị này');
	});

	it('are for signed-in staff only: anyone else is sent to sign in and gets no text', async () => {
		const anonymous = await fetch(`${server.url}/dashboard?/reminder`, {
			method: 'POST',
			headers: {
				Origin: server.url,
				Accept: 'text/html',
				'Content-Type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ code: 'SO-TP' }),
			redirect: 'manual'
		});
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/login\?next=/);
		expect(await anonymous.text()).not.toContain('Kính gửi');
	});
});

describe('per-unit summary', () => {
	it('shows the unit’s activities, report and timeline to leaders', async () => {
		const token = await server.issueToken('SO-NV');
		const created = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				type: 'event',
				title: 'Hội thảo cải cách hành chính sáng tạo',
				startDate: '2026-04-22',
				quantity: 40,
				format: 'seminar',
				mode: 'onsite'
			})
		});
		expect(created.status).toBe(201);
		await fetch(`${server.url}/api/v1/reports`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ summary: 'Sở Nội vụ tổ chức một hội thảo với 40 người dự.' })
		});
		const html = await (
			await fetch(`${server.url}/dashboard/units/SO-NV`, { headers: { Cookie: leaderCookie } })
		).text();
		expect(html).toContain('Sở Nội vụ tỉnh Lai Châu');
		expect(html).toContain('Hội thảo cải cách hành chính sáng tạo');
		expect(html).toContain('Sở Nội vụ tổ chức một hội thảo với 40 người dự.');
		expect(html).toContain('data-state="reportedLate"');
		expect(html).toContain('Gửi báo cáo kết quả');
		expect(html).toContain('Báo cáo hoạt động');
		expect(html).toContain('Cấp liên kết đơn vị');

		// In English: the history's actions and the system's name in English; the unit's name and
		// what it wrote as entered.
		const english = await (
			await fetch(`${server.url}/dashboard/units/SO-NV?lang=en`, {
				headers: { Cookie: leaderCookie }
			})
		).text();
		expect(english).toContain('<html lang="en"');
		expect(english).toContain('Activity reported');
		expect(english).toContain('Unit link issued');
		expect(english).toContain('Administration command line');
		expect(english).not.toContain('Dòng lệnh quản trị');
		expect(english).toContain('Hội thảo cải cách hành chính sáng tạo');

		const missing = await fetch(`${server.url}/dashboard/units/KHONG-CO`, {
			headers: { Cookie: leaderCookie }
		});
		expect(missing.status).toBe(404);
		expect(await missing.text()).toContain('Không có đơn vị này');
	});

	it('the print view carries the same report, with the cut-off line and filters', async () => {
		const html = await (
			await fetch(`${server.url}/dashboard/report?type=event`, {
				headers: { Cookie: leaderCookie }
			})
		).text();
		expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(html).toContain(
			'Kết quả hưởng ứng Ngày Sáng tạo và Đổi mới sáng tạo thế giới 21/4/2026'
		);
		expect(html).toContain('Phạm vi số liệu: hình thức Hội nghị, hội thảo, triển lãm.');
		expect(html).toContain('Số liệu tạm tính đến');
		expect(html).toContain('Hội thảo cải cách hành chính sáng tạo');
		const bad = await fetch(`${server.url}/dashboard/report?from=2026-13-01`, {
			headers: { Cookie: leaderCookie }
		});
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Ngày phải có dạng');
	});
});
