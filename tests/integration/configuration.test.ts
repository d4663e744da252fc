import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, root, startExpectingExit } from '../helpers/server';

// Issue 11, every boundary through zod: the server's settings are parsed once at start. A value
// that is set but unusable used to be replaced silently by the default (an operator who typed
// SUBMIT_RATE_LIMIT_PER_MINUTE=12O got 120 and never knew); now the start stops with one line
// naming the variable, the value and what it must be.

const dir = mkdtempSync(join(tmpdir(), 'lantoa-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const startWith = (env: Record<string, string>) =>
	startExpectingExit({ DATABASE_URL: join(dir, 'lantoa.db'), ...env });

describe('settings the server cannot use', () => {
	it.each([
		['SUBMIT_RATE_LIMIT_PER_MINUTE', '12O', 'phải là số nguyên không âm'],
		['SOCKET_RECHECK_SECONDS', '0', 'phải là số giây nguyên, ít nhất 1'],
		['DATABASE_MAX_MB', '-5', 'phải là số MB lớn hơn 0'],
		['DATABASE_SYNC', 'off', 'phải là full hoặc normal'],
		['ORIGIN', 'lantoa.example.vn', 'phải là địa chỉ đầy đủ'],
		['PORT', 'http', 'phải là số cổng'],
		['REQUEST_TIMEOUT_SECONDS', 'mot phut', 'phải là số giây nguyên, ít nhất 1']
	])(
		'%s=%s stops the start with one line naming it',
		async (name, value, says) => {
			const { code, output } = await startWith({ [name]: value });
			expect(code, output).toBe(1);
			expect(output).toContain(
				`Cấu hình không dùng được: ${name}=${JSON.stringify(value)} ${says}`
			);
			expect(output, output).not.toMatch(/^\s+at /m);
		},
		60_000
	);

	it("says so in English with LANTOA_LANG=en, the operator's language", async () => {
		// Read by the app (src/lib/server/config.ts)…
		const app = await startWith({ LANTOA_LANG: 'en', SUBMIT_RATE_LIMIT_PER_MINUTE: '12O' });
		expect(app.code, app.output).toBe(1);
		expect(app.output).toContain(
			'Unusable setting: SUBMIT_RATE_LIMIT_PER_MINUTE="12O" must be a whole number, 0 or more (0 = no limit).'
		);
		// …and by scripts/start.js before the app.
		// A start that succeeds says where it runs and what to do next in English too.
		const started = await startWith({ LANTOA_LANG: 'en' });
		expect(started.output).toContain('Lan Tỏa is running at');
		expect(started.output).toMatch(/Dashboard: +http:\/\/localhost:\d+\/dashboard/);
		const early = await startWith({ LANTOA_LANG: 'en', PORT: 'http' });
		expect(early.code, early.output).toBe(1);
		expect(early.output).toContain(
			'Unusable setting: PORT="http" must be a port number from 0 to 65535.'
		);
	}, 120_000);

	it('an empty value means "not set", and good values start the server', async () => {
		const { code, output } = await startWith({
			SUBMIT_RATE_LIMIT_PER_MINUTE: '',
			SOCKET_RECHECK_SECONDS: '30',
			DATABASE_MAX_MB: '500'
		});
		expect(output).not.toContain('Cấu hình không dùng được');
		// Stopped by the test once it listened, not by a refusal.
		expect(code, output).not.toBe(1);
	}, 120_000);
});

describe('a database address the server cannot use (issue 13)', () => {
	it.each([
		['mysql://lantoa:mat-khau@localhost/lantoa', 'đường dẫn tệp SQLite'],
		['https://lantoa.example.vn/lantoa.db', 'đường dẫn tệp SQLite']
	])(
		'DATABASE_URL=%s is refused with one line, and nothing is created',
		async (address, says) => {
			const scheme = address.slice(0, address.indexOf('//'));
			const { code, output } = await startExpectingExit({ DATABASE_URL: address });
			expect(code, output).toBe(1);
			expect(output).toContain('Cấu hình không dùng được: DATABASE_URL=');
			expect(output).toContain(says);
			expect(output, output).not.toMatch(/^\s+at /m);
			// It used to be taken for a file name: a folder "mysql:" appeared beside the app.
			expect(existsSync(join(root, scheme))).toBe(false);
			// The password in an address is never printed.
			expect(output).not.toContain('mat-khau');
		},
		60_000
	);

	it('PostgreSQL without LANTOA_SECRET is refused, naming it, the secret never printed', async () => {
		const { code, output } = await startExpectingExit({
			DATABASE_URL: 'postgres://lantoa:mat-khau@db.invalid:5432/lantoa',
			LANTOA_SECRET: ''
		});
		expect(code, output).toBe(1);
		expect(output).toContain('LANTOA_SECRET');
		expect(output).toContain('khi dùng PostgreSQL');
		expect(output).not.toContain('mat-khau');
		expect(existsSync(join(root, 'postgres:'))).toBe(false);

		const short = await startExpectingExit({
			DATABASE_URL: 'postgres://lantoa@db.invalid/lantoa',
			LANTOA_SECRET: 'ngan-qua-bi-mat'
		});
		expect(short.code, short.output).toBe(1);
		expect(short.output).toContain('LANTOA_SECRET=(ẩn) phải dài ít nhất 32 ký tự');
		expect(short.output).not.toContain('ngan-qua-bi-mat');
	}, 120_000);

	it.each([
		['a host that does not exist', 'db.invalid:5432', 'Không tìm thấy máy chủ PostgreSQL'],
		['a port nobody listens on', '127.0.0.1:PORT', 'Không kết nối được PostgreSQL']
	])(
		'a PostgreSQL server that cannot be reached (%s) stops the start with one line',
		async (_, host, says) => {
			const address = `postgres://lantoa:mat-khau@${host.replace('PORT', String(await freePort()))}/lantoa`;
			const { code, output } = await startExpectingExit({ DATABASE_URL: address });
			expect(code, output).toBe(1);
			expect(output).toContain(says);
			expect(output).toContain('lantoa:***@');
			expect(output).not.toContain('mat-khau');
			expect(output, output).not.toMatch(/^\s+at /m);
			expect(existsSync(join(root, 'postgres:'))).toBe(false);
		},
		60_000
	);
});
