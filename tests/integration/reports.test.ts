import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { connectClient, waitFor } from '../helpers/sockets';
import type { Stats } from '../../src/lib/domain/stats';

let server: RunningServer;
let token: string;

async function report(body: unknown, bearer = token) {
	const response = await fetch(`${server.url}/api/v1/reports`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(body)
	});
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
	server = await startServer();
	token = await server.issueToken('SO-YT');
});

afterAll(async () => {
	await server?.cleanup();
});

describe('POST /api/v1/reports', () => {
	it('takes a summary (201), a revision (200, same report time), and moves completeness live', async () => {
		const screen = await connectClient(server.url);
		const before = screen.stats.at(-1)!.completeness;
		const first = await report({
			summary: 'Sở Y tế đã tổ chức 4 hoạt động hưởng ứng thiết thực, hiệu quả.'
		});
		expect(first.status).toBe(201);
		expect(first.json).toMatchObject({ kind: 'summary', version: 1 });
		// Reported now, long after 10/5/2026: late.
		expect(first.json.onTime).toBe(false);
		await waitFor(() => screen.stats.at(-1)!.completeness.reportedLate === before.reportedLate + 1);
		expect(screen.stats.at(-1)!.completeness.notStarted).toBe(before.notStarted - 1);

		const revised = await report({
			summary: 'Sở Y tế đã tổ chức 5 hoạt động hưởng ứng (bổ sung 1 tọa đàm).'
		});
		expect(revised.status).toBe(200);
		expect(revised.json).toMatchObject({ version: 2, reportedAt: first.json.reportedAt });
		screen.disconnect();

		const stats = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as Stats;
		expect(stats.completeness).toMatchObject({ total: 60, reportedLate: 1 });
	});

	it('takes "no activity" with a reason', async () => {
		const other = await server.issueToken('03388');
		const response = await report(
			{ noActivity: true, reason: 'Phường đang kiện toàn bộ máy' },
			other
		);
		expect(response.status).toBe(201);
		const stats = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as Stats;
		expect(stats.completeness.noActivity).toBe(1);
		expect(stats.byUnit.find((u) => u.code === '03388')?.completeness).toBe('noActivity');
	});

	it('refuses bad reports with field errors and changes nothing', async () => {
		const count = async () =>
			(await server.query('select count(*) as n, sum(version) as v from unit_reports'))[0];
		const before = await count();
		for (const [body, field] of [
			[{ summary: 'ngắn' }, 'summary'],
			[{ noActivity: true }, 'reason'],
			[{ noActivity: false, reason: 'Lý do nào đó' }, 'noActivity'],
			[[], 'body'],
			[{ summary: 'Đủ dài để là một bản tóm tắt kết quả.', extra: 1 }, 'extra']
		] as const) {
			const response = await report(body);
			expect(response.status, JSON.stringify(body)).toBe(400);
			expect((response.json.errors as Record<string, string[]>)[field]?.length).toBeGreaterThan(0);
		}
		expect(await count()).toEqual(before);
		expect((await report({ summary: 'x'.repeat(100) }, 'A'.repeat(43))).status).toBe(401);
	});

	it('the dashboard lists units that have not reported, with their contacts, for leaders only', async () => {
		const cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
		const html = await (
			await fetch(`${server.url}/dashboard`, { headers: { Cookie: cookie } })
		).text();
		expect(html).toContain('data-missing-unit="SO-TP"');
		expect(html).not.toContain('data-missing-unit="SO-YT"');
		expect(html).toContain('Đã quá hạn báo cáo');
	});
});
