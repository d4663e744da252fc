import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, type TestSocket } from '../helpers/sockets';
import { parseCsv } from '../helpers/csv';
import type { Stats } from '../../src/lib/domain/stats';

// Sample activities of `cli demo` are marked, named on every screen and export while they exist,
// and removed (by the CLI or an administrator) without touching real reports.

let server: RunningServer;
let cookie: string;
let screen: TestSocket;
let realId: number;

const rows = <T>(sql: string) => server.query<T>(sql);

const stats = async () => (await (await fetch(`${server.url}/api/v1/stats`)).json()) as Stats;
const page = async (path: string, withCookie = true) =>
	(await fetch(`${server.url}${path}`, { headers: withCookie ? { Cookie: cookie } : {} })).text();

beforeAll(async () => {
	server = await startServer();
	cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
	const token = await server.issueToken('SO-YT');
	const response = await fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			type: 'banner',
			title: 'Băng rôn thật của Sở Y tế',
			startDate: '2026-04-20',
			quantity: 3
		})
	});
	expect(response.status).toBe(201);
	realId = ((await response.json()) as { id: number }).id;
	screen = await connectClient(server.url);
});

afterAll(async () => {
	screen?.disconnect();
	await server?.cleanup();
});

describe('demo data', () => {
	it('marks what `cli demo` sends, and every screen and export says so', async () => {
		const demo = await server.cli(['demo', '--count', '6', '--rate', '50', '--url', server.url]);
		expect(demo.status).toBe(0);
		expect(
			await rows<{ demo: number; n: number }>(
				'select demo, count(*) as n from activities group by demo'
			)
		).toEqual([
			{ demo: 0, n: 1 },
			{ demo: 1, n: 6 }
		]);
		const numbers = await stats();
		expect(numbers.totals.activities).toBe(7);
		expect(numbers.totals.demo).toBe(6);

		expect(await page('/dashboard')).toContain('data-demo-note');
		expect(await page('/kiosk', false)).toContain('Dữ liệu chạy thử');
		expect(await page('/', false)).toContain('số liệu gồm 6 hoạt động mẫu');

		const csv = parseCsv((await page('/dashboard/export/csv')).replace(/^\uFEFF/, ''));
		const column = csv[0].indexOf('Dữ liệu mẫu');
		expect(column).toBeGreaterThan(0);
		expect(csv.slice(1).filter((row) => row[column] === 'Mẫu')).toHaveLength(6);
		expect(csv.slice(1).find((row) => row.includes('Băng rôn thật của Sở Y tế'))![column]).toBe('');

		const docx = await fetch(`${server.url}/dashboard/export/docx`, {
			headers: { Cookie: cookie }
		});
		const xml = await (
			await JSZip.loadAsync(await docx.arrayBuffer())
		)
			.file('word/document.xml')!
			.async('string');
		expect(xml).toContain('số liệu gồm 6 hoạt động mẫu (chạy thử bằng lệnh demo)');
	});

	it('`cli demo --clear` removes them all, audited; real reports stay; open screens update', async () => {
		const pushed = screen.stats.length;
		const cleared = await server.cli(['demo', '--clear']);
		expect(cleared.status).toBe(0);
		expect(cleared.stdout).toContain('Đã xóa 6 hoạt động mẫu; số liệu thật giữ nguyên.');
		expect(await rows<{ id: number }>('select id from activities')).toEqual([{ id: realId }]);
		const audit = await rows<{ after: string }>(
			'select "after" from audit_log where action = \'demo.clear\''
		);
		expect(audit.map((entry) => JSON.parse(entry.after))).toEqual([{ removed: 6 }]);

		// The server notices a change made by another process and pushes fresh numbers.
		await waitFor(
			() => screen.stats.length > pushed && screen.stats.at(-1)!.totals.demo === 0,
			10_000,
			'stats after the CLI cleared the demo'
		);
		expect(screen.stats.at(-1)!.totals.activities).toBe(1);
		expect(await page('/kiosk', false)).not.toContain('Dữ liệu chạy thử');
		expect(await page('/dashboard')).not.toContain('data-demo-note');

		const again = await server.cli(['demo', '--clear']);
		expect(again.stdout).toContain('Không có hoạt động mẫu nào.');
	});

	it('an administrator removes them with one button', async () => {
		expect(
			(await server.cli(['demo', '--count', '2', '--rate', '50', '--url', server.url])).status
		).toBe(0);
		expect(await page('/admin/settings')).toContain('Xóa 2 hoạt động mẫu');
		const response = await postForm(server.url, '/admin/settings?/clearDemo', {}, cookie);
		expect(response.status).toBe(200);
		expect(response.html).toContain('Đã xóa 2 hoạt động mẫu; số liệu thật giữ nguyên.');
		expect(await rows<{ id: number }>('select id from activities')).toEqual([{ id: realId }]);
		expect((await stats()).totals.demo).toBe(0);
	});

	it('`demo` waits through a server restart and goes on: every sample stored once', async () => {
		const demoRows = async () =>
			Number(
				(await rows<{ n: number }>('select count(*) as n from activities where demo = 1'))[0].n
			);
		expect(await demoRows()).toBe(0);
		const running = server.cli(['demo', '--count', '30', '--rate', '5', '--url', server.url]);
		await expect.poll(demoRows, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
		await server.stop();
		await server.start();
		const demo = await running;
		expect(demo.status, demo.stdout + demo.stderr).toBe(0);
		expect(demo.stdout).toContain('Máy chủ chưa trả lời');
		expect(demo.stdout).toContain('Xong: đã gửi 30 hoạt động mẫu.');
		expect(await demoRows()).toBe(30);
		expect((await stats()).totals.demo).toBe(30);
	}, 120_000);
});
