import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';

let server: RunningServer;
let adminCookie: string;

async function settingsAction(action: string, fields: [string, string][], cookie = adminCookie) {
	const response = await fetch(`${server.url}/admin/settings?/${action}`, {
		method: 'POST',
		headers: {
			Cookie: cookie,
			Origin: server.url,
			Accept: 'text/html',
			'Content-Type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
	return { status: response.status, html: await response.text() };
}

const presets = () =>
	server.query('select name, slides, interval, theme, unit_code from kiosk_presets order by id');

beforeAll(async () => {
	server = await startServer();
	adminCookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
});

afterAll(async () => {
	await server?.cleanup();
});

describe('kiosk presets', () => {
	it('an administrator saves a preset; /k/<name> opens the kiosk with it', async () => {
		const saved = await settingsAction('preset', [
			['name', 'Hoi-Truong'],
			['slides', 'tallies'],
			['slides', 'qr'],
			['interval', '20'],
			['theme', 'light'],
			['unit', 'SO-YT']
		]);
		expect(saved.status).toBe(200);
		expect(await presets()).toEqual([
			{ name: 'hoi-truong', slides: 'tallies,qr', interval: 20, theme: 'light', unit_code: 'SO-YT' }
		]);

		const short = await fetch(`${server.url}/k/hoi-truong`, { redirect: 'manual' });
		expect(short.status).toBe(303);
		expect(short.headers.get('location')).toBe('/kiosk?preset=hoi-truong');
		const html = await (await fetch(`${server.url}/kiosk?preset=hoi-truong`)).text();
		expect(html).toContain('theme-light');
		expect(html).toContain('data-slide="tallies"');
		expect(html).toContain('Sở Y tế tỉnh Lai Châu');
		// The URL still overrides the preset.
		const dark = await (await fetch(`${server.url}/kiosk?preset=hoi-truong&theme=dark`)).text();
		expect(dark).toContain('theme-dark');
	});

	it("a preset's language: /k/<name> shows the screen in it; ?lang= on the address comes first", async () => {
		const saved = await settingsAction('preset', [
			['name', 'doan-khach'],
			['slides', 'tallies'],
			['interval', '15'],
			['theme', 'dark'],
			['lang', 'en']
		]);
		expect(saved.status).toBe(200);
		expect(await server.query("select lang from kiosk_presets where name = 'doan-khach'")).toEqual([
			{ lang: 'en' }
		]);
		const english = await (await fetch(`${server.url}/k/doan-khach`)).text();
		expect(english).toContain('<html lang="en">');
		expect(english).toContain('participants');
		expect(english).not.toContain('lượt người tham gia');
		const vietnamese = await (await fetch(`${server.url}/kiosk?preset=doan-khach&lang=vi`)).text();
		expect(vietnamese).toContain('<html lang="vi">');
		expect(vietnamese).toContain('lượt người tham gia');
		// A preset without a language leaves the screen's own choice (Vietnamese by default).
		const plain = await (await fetch(`${server.url}/kiosk?preset=hoi-truong`)).text();
		expect(plain).toContain('<html lang="vi">');
		// A language we do not have is refused in the form and named on the screen.
		const refused = await settingsAction('preset', [
			['name', 'sai-ngon-ngu'],
			['slides', 'hero'],
			['lang', 'fr']
		]);
		expect(refused.status).toBe(400);
		expect(refused.html).toContain('Ngôn ngữ chỉ có vi (tiếng Việt) hoặc en (tiếng Anh)');
		const named = await (await fetch(`${server.url}/kiosk?lang=fr`)).text();
		expect(named).toContain('Ngôn ngữ chỉ có vi (tiếng Việt) hoặc en (tiếng Anh)');
		expect((await settingsAction('deletePreset', [['name', 'doan-khach']])).status).toBe(200);
	});

	it('refuses bad presets with Vietnamese reasons and stores nothing', async () => {
		const before = await presets();
		for (const fields of [
			[
				['name', 'Hội trường'],
				['slides', 'hero']
			],
			[['name', 'ok-name']],
			[
				['name', 'ok-name'],
				['slides', 'hero'],
				['interval', '1']
			],
			[
				['name', 'ok-name'],
				['slides', 'hero'],
				['unit', 'KHONG-CO']
			]
		] as [string, string][][]) {
			const response = await settingsAction('preset', fields);
			expect(response.status).toBe(400);
			expect(response.html).toMatch(/Tên cấu hình|Chọn ít nhất|từ 5 đến 300|Không có đơn vị/);
		}
		expect(await presets()).toEqual(before);
	});

	it('an unknown preset still shows the kiosk with defaults and says so', async () => {
		const response = await fetch(`${server.url}/kiosk?preset=khong-co`);
		expect(response.status).toBe(200);
		const html = await response.text();
		expect(html).toContain('Không có cấu hình màn hình “khong-co”');
		expect(html).toContain('data-slide="hero"');
	});

	it('leaders cannot save presets; an administrator deletes one, audited', async () => {
		const password = await server.createAccount('leader', 'lanhdao-k');
		const leader = await server.login('lanhdao-k', password);
		const refused = await settingsAction(
			'preset',
			[
				['name', 'x'],
				['slides', 'hero']
			],
			leader
		);
		expect(refused.status).toBe(403);
		expect((await settingsAction('deletePreset', [['name', 'hoi-truong']])).status).toBe(200);
		expect(await presets()).toEqual([]);
		const actions = await server.query(
			"select action from audit_log where entity_type = 'kiosk_preset' and entity_id = 'hoi-truong' order by id"
		);
		expect(actions).toEqual([{ action: 'kiosk_preset.save' }, { action: 'kiosk_preset.delete' }]);
	});
});
