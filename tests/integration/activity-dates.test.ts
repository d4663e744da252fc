import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { parseCsv } from '../helpers/csv';
import type { Stats } from '../../src/lib/domain/stats';

// Dates outside the campaign: refused outside the accepted range (by default 30 days before the
// window to the report deadline); inside it but outside 18–26/4 taken once the unit confirms,
// and marked "ngoài đợt" wherever the activity shows.

let server: RunningServer;
let token: string;
let cookie: string;

const count = async () =>
	(await server.query<{ n: number }>('select count(*) as n from activities'))[0].n;

async function post(body: Record<string, unknown>) {
	const response = await fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ type: 'movement', title: 'Phát động phong trào sáng kiến', ...body })
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const admin = (path: string, fields: Record<string, string>) =>
	postForm(server.url, path, fields, cookie);

beforeAll(async () => {
	server = await startServer();
	token = await server.issueToken('SO-YT');
	cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
});

afterAll(async () => {
	await server?.cleanup();
});

describe('dates outside the campaign', () => {
	it('refuses dates outside the accepted range with the range in the message, storing nothing', async () => {
		for (const startDate of ['2025-04-21', '2026-03-01', '2026-06-15']) {
			const response = await post({ startDate, confirmOutsideWindow: true });
			expect(response.status, startDate).toBe(400);
			expect(response.json).toEqual({
				errors: {
					startDate: [
						'Ngày bắt đầu phải trong thời gian nhận báo cáo của đợt hưởng ứng: từ 19/03/2026 đến 10/05/2026'
					]
				}
			});
		}
		expect(await count()).toBe(0);
	});

	it('takes a date outside 18–26/4 only once the unit confirms it, and marks it everywhere', async () => {
		const unconfirmed = await post({ startDate: '2026-04-28' });
		expect(unconfirmed.status).toBe(400);
		expect((unconfirmed.json.errors as Record<string, string[]>).confirmOutsideWindow[0]).toContain(
			'ngoài đợt (18/04/2026 – 26/04/2026)'
		);
		expect(await count()).toBe(0);

		const confirmed = await post({
			startDate: '2026-04-28',
			title: 'Tọa đàm sau đợt hưởng ứng',
			confirmOutsideWindow: true
		});
		expect(confirmed.status).toBe(201);
		const inside = await post({ startDate: '2026-04-21', title: 'Phong trào trong đợt' });
		expect(inside.status).toBe(201);

		const stats = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as Stats;
		expect(stats.totals.activities).toBe(2);
		expect(stats.totals.outsideWindow).toBe(1);

		// The unit's page, the dashboard, the CSV, the Word report.
		const unitPage = await (await fetch(`${server.url}/u/${token}`)).text();
		expect(unitPage.match(/data-outside-window/g)).toHaveLength(1);
		const dashboard = await (
			await fetch(`${server.url}/dashboard`, { headers: { Cookie: cookie } })
		).text();
		expect(dashboard).toContain('data-outside-window');
		const csv = parseCsv(
			(
				await (
					await fetch(`${server.url}/dashboard/export/csv`, { headers: { Cookie: cookie } })
				).text()
			).replace(/^\uFEFF/, '')
		);
		expect(csv[0].at(-1)).toBe('Ngoài đợt');
		expect(csv.find((row) => row.includes('Tọa đàm sau đợt hưởng ứng'))!.at(-1)).toBe('Ngoài đợt');
		expect(csv.find((row) => row.includes('Phong trào trong đợt'))!.at(-1)).toBe('');
		const docx = await fetch(`${server.url}/dashboard/export/docx`, {
			headers: { Cookie: cookie }
		});
		const xml = await (
			await JSZip.loadAsync(await docx.arrayBuffer())
		)
			.file('word/document.xml')!
			.async('string');
		expect(xml).toContain(
			'Trong tổng số trên có 1 hoạt động diễn ra ngoài đợt (trước ngày 18/04/2026 hoặc sau ngày 26/04/2026)'
		);

		// Correcting its title later needs no new confirmation (the dates did not change).
		const id = confirmed.json.id as number;
		const patch = await fetch(`${server.url}/api/v1/activities/${id}`, {
			method: 'PATCH',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ version: 1, title: 'Tọa đàm sau đợt hưởng ứng (sửa tên)' })
		});
		expect(patch.status).toBe(200);
	});

	it('the form without JavaScript shows the confirmation beside the dates', async () => {
		const page = await (await fetch(`${server.url}/u/${token}`)).text();
		const key = /name="idempotencyKey" value="([^"]+)"/.exec(page)![1];
		const response = await postForm(server.url, `/u/${token}?/submit`, {
			idempotencyKey: key,
			type: 'movement',
			title: 'Cuộc thi sáng kiến đầu tháng năm',
			startDate: '2026-05-02'
		});
		expect(response.status).toBe(400);
		const html = response.html;
		expect(html).toContain('data-confirm-outside');
		expect(html).toContain('Xác nhận hoạt động ngoài đợt');
		expect(html).toMatch(/id="confirmOutsideWindow-error"[^>]*>[^<]*ngoài đợt/);
		expect(await count()).toBe(2);
	});

	it('the accepted range is a campaign setting', async () => {
		const base = {
			title: 'Hưởng ứng Ngày Sáng tạo và Đổi mới sáng tạo thế giới 21/4 năm 2026',
			issuer: 'Sở Khoa học và Công nghệ tỉnh Lai Châu',
			slogan: 'Nhiệt liệt chào mừng Ngày Sáng tạo và Đổi mới sáng tạo thế giới - 21/4/2026',
			themes: 'Đổi mới sáng tạo - Hành động đột phá, lan tỏa kết quả',
			eventDay: '2026-04-21',
			windowFrom: '2026-04-18',
			windowTo: '2026-04-26',
			reportDueBefore: '2026-05-10'
		};
		const bad = await admin('/admin/settings?/save', { ...base, acceptFrom: '2026-04-20' });
		expect(bad.status).toBe(400);
		expect(bad.html).toContain('Ngày sớm nhất nhận hoạt động không được sau ngày bắt đầu đợt');

		const saved = await admin('/admin/settings?/save', { ...base, acceptFrom: '2026-03-01' });
		expect(saved.status).toBe(200);
		expect((await post({ startDate: '2026-03-01', confirmOutsideWindow: true })).status).toBe(201);
		expect((await post({ startDate: '2026-02-28', confirmOutsideWindow: true })).status).toBe(400);
		// Empty again: the default range.
		expect((await admin('/admin/settings?/save', { ...base, acceptFrom: '' })).status).toBe(200);
		expect((await post({ startDate: '2026-03-02', confirmOutsideWindow: true })).status).toBe(400);
	});
});
