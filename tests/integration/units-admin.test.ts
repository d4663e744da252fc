import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import type { Stats } from '../../src/lib/domain/stats';

let server: RunningServer;
let adminCookie: string;

async function action(path: string, fields: Record<string, string>) {
	const response = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			Cookie: adminCookie,
			Origin: server.url,
			Accept: 'text/html',
			'Content-Type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
	return { status: response.status, html: await response.text() };
}

async function totals(): Promise<Stats['totals']> {
	return ((await (await fetch(`${server.url}/api/v1/stats`)).json()) as Stats).totals;
}

async function unitRow(code: string): Promise<Record<string, unknown> | undefined> {
	return (await server.query('select * from units where code = ?', code))[0];
}

async function post(token: string) {
	return (
		await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				type: 'movement',
				title: 'Phát động sáng kiến cải tiến',
				startDate: '2026-04-22'
			})
		})
	).status;
}

beforeAll(async () => {
	server = await startServer();
	adminCookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
});

afterAll(async () => {
	await server?.cleanup();
});

describe('admin: units', () => {
	it('adds a unit, which every count includes at once', async () => {
		const before = await totals();
		const bad = await action('/admin/units?/create', {
			code: 'XA-MOI',
			name: 'Xã Mới',
			kind: 'commune'
		});
		expect(bad.status).toBe(400);
		expect(bad.html).toContain('Xã, phường dùng mã 5 số');
		expect(await unitRow('XA-MOI')).toBeUndefined();

		const ok = await action('/admin/units?/create', {
			code: '03999',
			name: 'Xã Thử Nghiệm',
			kind: 'commune',
			contactName: 'Nguyễn Văn A',
			contactPhone: '0912 345 678',
			contactEmail: ''
		});
		expect(ok.status).toBe(200);
		expect(await unitRow('03999')).toMatchObject({
			name: 'Xã Thử Nghiệm',
			contact_phone: '0912 345 678'
		});
		expect((await totals()).units).toBe(before.units + 1);
		// Contacts are personal data: never in public aggregates.
		expect(JSON.stringify(await (await fetch(`${server.url}/api/v1/stats`)).json())).not.toContain(
			'0912'
		);
	});

	it('issues a link with a QR code, and revoking it closes the unit page', async () => {
		const issued = await action('/admin/units?/issueLink', { code: '03999' });
		expect(issued.status).toBe(200);
		const token = /\/u\/([A-Za-z0-9_-]{43})/.exec(issued.html)![1];
		expect(issued.html).toContain('src="data:image/png;base64,');
		expect(await post(token)).toBe(201);
		expect((await action('/admin/units?/revokeLink', { code: '03999' })).status).toBe(200);
		expect(await post(token)).toBe(401);
		expect((await fetch(`${server.url}/u/${token}`)).status).toBe(404);
	});

	it('deactivates a unit: out of the counts, and its link stops working', async () => {
		const token = await server.issueToken('03999');
		const before = await totals();
		expect(
			(await action('/admin/units?/flags', { code: '03999', change: 'deactivate' })).status
		).toBe(200);
		const after = await totals();
		expect(after.units).toBe(before.units - 1);
		expect(after.activities).toBe(before.activities - 1);
		expect(await post(token)).toBe(401);
		expect(
			(await action('/admin/units?/flags', { code: '03999', change: 'activate' })).status
		).toBe(200);
		expect((await totals()).units).toBe(before.units);
	});

	it('confirms a unit marked unverified', async () => {
		expect((await unitRow('TTRA'))?.verified).toBe(0);
		expect((await action('/admin/units?/flags', { code: 'TTRA', change: 'verify' })).status).toBe(
			200
		);
		expect((await unitRow('TTRA'))?.verified).toBe(1);
	});

	it('edits a unit’s name and contacts', async () => {
		const saved = await action('/admin/units/SO-NGV?/save', {
			name: 'Sở Ngoại vụ tỉnh Lai Châu',
			kind: 'department',
			contactName: 'Trần Thị B',
			contactPhone: 'không có',
			contactEmail: ''
		});
		expect(saved.status).toBe(400);
		expect(saved.html).toContain('Số điện thoại không hợp lệ');
		const ok = await action('/admin/units/SO-NGV?/save', {
			name: 'Sở Ngoại vụ tỉnh Lai Châu',
			kind: 'department',
			contactName: 'Trần Thị B',
			contactPhone: '0214 3876 543',
			contactEmail: 'ngoaivu@laichau.gov.vn'
		});
		expect(ok.status).toBe(200);
		expect(await unitRow('SO-NGV')).toMatchObject({
			contact_name: 'Trần Thị B',
			contact_email: 'ngoaivu@laichau.gov.vn'
		});
	});

	it('imports CSV all-or-nothing, reporting every bad row', async () => {
		const before = await totals();
		const bad = await action('/admin/units?/import', {
			csv: [
				'ma_don_vi,ten_don_vi,loai,dien_thoai',
				'03998,Xã Mới Một,commune,0912000111',
				'ABC,Xã Sai Mã,commune,',
				'03998,Xã Trùng Mã,commune,',
				'SO-X,Sở X,khac,'
			].join('\n')
		});
		expect(bad.status).toBe(400);
		expect(bad.html).toContain('data-import-row="3"');
		expect(bad.html).toContain('data-import-row="4"');
		expect(bad.html).toContain('trùng với dòng 2');
		expect(bad.html).toContain('data-import-row="5"');
		expect(await unitRow('03998')).toBeUndefined();

		const good = await action('/admin/units?/import', {
			csv: '\uFEFFma_don_vi;ten_don_vi;loai;nguoi_lien_he\n03998;Xã Mới Một;commune;Lò Văn C\nSO-YT;"Sở Y tế tỉnh Lai Châu";department;Phòng KHTC\n'
		});
		expect(good.status).toBe(200);
		expect(good.html).toContain('thêm 1 đơn vị, cập nhật 1 đơn vị');
		// The import's count is not a unit's code: no "unit 1 added" beside it.
		expect(good.html).not.toContain('Đã thêm đơn vị 1.');
		expect(await unitRow('03998')).toMatchObject({ name: 'Xã Mới Một', contact_name: 'Lò Văn C' });
		expect(await unitRow('SO-YT')).toMatchObject({ contact_name: 'Phòng KHTC' });
		expect((await totals()).units).toBe(before.units + 1);

		const wrongHeader = await action('/admin/units?/import', { csv: 'code,name\nX,Y' });
		expect(wrongHeader.status).toBe(400);
		expect(wrongHeader.html).toContain('Thiếu cột');
	});

	it('prints a sheet of fresh links with QR codes for the units without one', async () => {
		const page = await fetch(`${server.url}/admin/units/print`, {
			headers: { Cookie: adminCookie }
		});
		const withoutLink = Number(/Cấp và in cho (\d+) đơn vị/.exec(await page.text())![1]);
		expect(withoutLink).toBeGreaterThan(50);
		const sheet = await action('/admin/units/print?/issue', { scope: 'missing' });
		expect(sheet.status).toBe(200);
		expect(sheet.html.match(/<section class="card/g)?.length).toBe(withoutLink);
		expect(sheet.html.match(/<img src="data:image\/png;base64,/g)?.length).toBe(withoutLink);
		const again = await fetch(`${server.url}/admin/units/print`, {
			headers: { Cookie: adminCookie }
		});
		expect(await again.text()).toContain('Cấp và in cho 0 đơn vị');
	});

	it('audits every unit change', async () => {
		{
			const actions = (
				await server.query<{ action: string }>('select distinct action from audit_log')
			).map((r) => r.action);
			for (const a of [
				'unit.create',
				'unit.update',
				'unit.deactivate',
				'unit.activate',
				'unit.verify',
				'unit.import',
				'unit_link.revoke'
			]) {
				expect(actions).toContain(a);
			}
		}
	});
});

describe('admin: campaign settings', () => {
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

	it('refuses inconsistent dates and changes nothing', async () => {
		const bad = await action('/admin/settings?/save', {
			...base,
			windowTo: '2026-04-10',
			reportDueBefore: '2026-04-01',
			slogan: 'ngắn'
		});
		expect(bad.status).toBe(400);
		expect(bad.html).toContain('Ngày kết thúc đợt không được trước ngày bắt đầu');
		expect(bad.html).toContain('Hạn báo cáo phải sau ngày kết thúc đợt hoạt động');
		expect(bad.html).toContain('Khẩu hiệu cần ít nhất 10 ký tự');
		const stats = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as Stats;
		expect(stats.byDay).toHaveLength(9);
	});

	it('saves new settings: the window drives the day chart and the kiosk shows the slogan', async () => {
		const ok = await action('/admin/settings?/save', {
			...base,
			slogan: 'Chào mừng Ngày Khoa học và Công nghệ Việt Nam 18/5',
			windowFrom: '2026-05-12',
			windowTo: '2026-05-18',
			reportDueBefore: '2026-05-30',
			moderation: 'on'
		});
		expect(ok.status).toBe(200);
		const stats = (await (await fetch(`${server.url}/api/v1/stats`)).json()) as Stats;
		expect(stats.byDay.map((d) => d.date)).toEqual([
			'2026-05-12',
			'2026-05-13',
			'2026-05-14',
			'2026-05-15',
			'2026-05-16',
			'2026-05-17',
			'2026-05-18'
		]);
		expect(await (await fetch(`${server.url}/kiosk`)).text()).toContain(
			'Chào mừng Ngày Khoa học và Công nghệ Việt Nam 18/5'
		);
		expect((await action('/admin/settings?/save', base)).status).toBe(200);
	});
});
