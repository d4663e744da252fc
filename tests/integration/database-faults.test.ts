import Database from 'better-sqlite3';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postForm, startExpectingExit, startServer, TEST_ADMIN } from '../helpers/server';

// Issue 11, F9 and F10: a full disk answers 503 in the API's shape, keeps what the unit typed and
// logs the real cause; a database the server cannot write is said in one clear line, and the
// server stops with a non-zero status — no stack trace.

const dirs: string[] = [];

afterAll(() => {
	for (const dir of dirs) {
		chmodSync(dir, 0o755);
		rmSync(dir, { recursive: true, force: true });
	}
});

describe('a database the server cannot write (F10)', () => {
	it('stops with one clear line and a non-zero status', async () => {
		// A real database, made by a real start.
		const dir = mkdtempSync(join(tmpdir(), 'lantoa-readonly-'));
		dirs.push(dir);
		const first = await startServer({ dbDir: dir, env: { LANTOA_SECRET: 'k'.repeat(40) } });
		await first.stop();
		const dbPath = join(dir, 'lantoa.db');
		chmodSync(dbPath, 0o444);
		chmodSync(dir, 0o555);

		// Root may write anything: run the server as nobody so the permissions count.
		const { code, output } = await startExpectingExit(
			{ DATABASE_URL: dbPath },
			{ asNobody: process.getuid?.() === 0 }
		);
		expect(code, output).not.toBe(null);
		expect(code, output).not.toBe(0);
		expect(output).toContain('Không ghi được vào cơ sở dữ liệu');
		expect(output).toContain(dbPath);
		// One line, no stack trace.
		expect(output, output).not.toMatch(/^\s+at /m);
		expect(output).not.toContain('SqliteError:');
	}, 90_000);
});

/**
 * A server whose database may grow by a few pages (DATABASE_MAX_MB), then fails every write as a
 * full disk does; with a unit's token and one activity of that unit made before.
 */
async function nearlyFullServer() {
	const dir = mkdtempSync(join(tmpdir(), 'lantoa-full-'));
	dirs.push(dir);
	const first = await startServer({ dbDir: dir });
	const token = await first.issueToken('SO-YT');
	const created = await fetch(`${first.url}/api/v1/activities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			type: 'banner',
			title: 'Treo băng rôn chào mừng Ngày Sáng tạo 21/4',
			startDate: '2026-04-21',
			quantity: 2
		})
	});
	const activityId = ((await created.json()) as { id: number }).id;
	await first.stop();
	const db = new Database(join(dir, 'lantoa.db'));
	db.pragma('wal_checkpoint(TRUNCATE)');
	const pages = Number(db.pragma('page_count', { simple: true }));
	const pageSize = Number(db.pragma('page_size', { simple: true }));
	db.close();
	const server = await startServer({
		dbDir: dir,
		env: {
			DATABASE_MAX_MB: String(((pages + 3) * pageSize) / 1024 / 1024),
			// edits until the disk is full are many changes a minute: not what is tested here
			SUBMIT_RATE_LIMIT_PER_MINUTE: '0'
		}
	});
	const count = () => {
		const handle = new Database(server.dbPath, { readonly: true });
		try {
			return (handle.prepare('select count(*) as n from activities').get() as { n: number }).n;
		} finally {
			handle.close();
		}
	};
	const version = () => {
		const handle = new Database(server.dbPath, { readonly: true });
		try {
			return (
				handle.prepare('select version from activities where id = ?').get(activityId) as {
					version: number;
				}
			).version;
		} finally {
			handle.close();
		}
	};
	/** Submit until the storage refuses; the refusal. */
	const fill = async () => {
		for (let i = 0; i < 200; i++) {
			const response = await fetch(`${server.url}/api/v1/activities`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({
					type: 'media',
					title: `Đăng tin hưởng ứng Ngày Sáng tạo 21/4 số ${i} ${'x'.repeat(150)}`,
					startDate: '2026-04-21',
					channels: ['social'],
					quantity: 1,
					description: 'Mô tả dài để đầy trang. '.repeat(60)
				})
			});
			if (response.status !== 201) return response;
		}
		throw new Error('the database never filled up');
	};
	return { server, token, activityId, count, version, fill };
}

/** Repeat a write until it is refused (a small write may still fit a page); the refusal. */
async function untilRefused<T extends { status: number }>(
	write: (attempt: number) => Promise<T>,
	ok: number
): Promise<T> {
	for (let attempt = 0; attempt < 60; attempt++) {
		const result = await write(attempt);
		if (result.status !== ok) return result;
	}
	throw new Error('every write was accepted');
}

describe('a full disk (F9)', () => {
	it('answers 503 with a Vietnamese message, keeps the typed form, logs SQLITE_FULL, stores nothing', async () => {
		const { server, token, count, fill } = await nearlyFullServer();
		try {
			const refused = await fill();
			expect(refused.status).toBe(503);
			expect(refused.headers.get('retry-after')).toBe('60');
			const body = (await refused.json()) as { errors: Record<string, string[]> };
			expect(body.errors.storage[0]).toContain('không lưu được dữ liệu');
			const before = count();

			// The unit's form without JavaScript: 503, and the page still holds what was typed.
			const page = await postForm(server.url, `/u/${token}?/submit`, {
				type: 'banner',
				title: 'Treo băng rôn trước cổng trụ sở — chưa lưu được',
				startDate: '2026-04-21',
				quantity_banner: '2',
				description: 'Mô tả đơn vị đã gõ. '.repeat(60),
				idempotencyKey: 'form:dia-day'
			});
			expect(page.status).toBe(503);
			expect(page.html).toContain('Treo băng rôn trước cổng trụ sở — chưa lưu được');
			expect(page.html).toContain('không lưu được dữ liệu');
			expect(count()).toBe(before);
			// The cause is in the log; the server still answers.
			expect(server.output()).toContain('SQLITE_FULL');
			expect((await fetch(`${server.url}/api/v1/stats`)).status).toBe(200);

			// Signing in needs a write too: the same 503 and Retry-After, never a bare 500 (issue 24).
			const signIn = await untilRefused(
				() =>
					postForm(server.url, '/login', {
						username: TEST_ADMIN.username,
						password: TEST_ADMIN.password
					}),
				303
			);
			expect(signIn.status).toBe(503);
			expect(signIn.html).toContain('không lưu được dữ liệu');
			// And the instance says it is not ready, with the reason.
			const ready = await fetch(`${server.url}/readyz`);
			expect(ready.status).toBe(503);
			const readiness = (await ready.json()) as { status: string; checks: { storage: string } };
			expect(readiness.status).toBe('not-ready');
			expect(readiness.checks.storage).toMatch(/^lỗi: SQLITE_FULL/);
			expect(server.output()).not.toMatch(/Lỗi khi xử lý/);
		} finally {
			await server.stop();
		}
	}, 120_000);

	it('edits, withdrawals and moderation are refused the same way, never with a 500 (issue 11)', async () => {
		const { server, token, activityId, version, fill } = await nearlyFullServer();
		try {
			const cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
			expect((await fill()).status).toBe(503);

			// The API's edit: 503 in its shape, with Retry-After.
			const patch = await untilRefused(
				(attempt) =>
					fetch(`${server.url}/api/v1/activities/${activityId}`, {
						method: 'PATCH',
						headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
						body: JSON.stringify({
							version: version(),
							description: `Bổ sung lần ${attempt}: ${'nội dung mô tả thêm. '.repeat(80)}`
						})
					}),
				200
			);
			expect(patch.status).toBe(503);
			expect(patch.headers.get('retry-after')).toBe('60');
			expect(
				((await patch.json()) as { errors: Record<string, string[]> }).errors.storage[0]
			).toContain('không lưu được dữ liệu');

			// The unit's edit form without JavaScript: 503, what was typed still on the page.
			const typed = 'Treo băng rôn — nội dung đã sửa nhưng chưa lưu được';
			const form = await untilRefused(
				(attempt) =>
					postForm(server.url, `/u/${token}/activities/${activityId}?/save`, {
						version: String(version()),
						type: 'banner',
						title: `${typed} ${attempt}`,
						startDate: '2026-04-21',
						quantity_banner: '2',
						description: 'Mô tả đơn vị đã gõ khi sửa. '.repeat(60)
					}),
				200
			);
			expect(form.status).toBe(503);
			expect(form.html).toContain(typed);
			expect(form.html).toContain('không lưu được dữ liệu');

			// An administrator's decision.
			const decision = await untilRefused(
				(attempt) =>
					postForm(
						server.url,
						`/admin/moderation?/${attempt % 2 === 0 ? 'approve' : 'reopen'}`,
						{ id: String(activityId), version: String(version()) },
						cookie
					),
				200
			);
			expect(decision.status).toBe(503);
			expect(decision.html).toContain('không lưu được dữ liệu');
			// Withdrawing (a small write: it may still fit).
			const withdraw = await postForm(
				server.url,
				`/u/${token}/activities/${activityId}?/withdraw`,
				{ version: String(version()), confirm: 'yes' }
			);
			expect([303, 503]).toContain(withdraw.status);
			if (withdraw.status === 503) expect(withdraw.html).toContain('không lưu được dữ liệu');

			expect(server.output()).not.toMatch(/Lỗi khi xử lý/);
		} finally {
			await server.stop();
		}
	}, 120_000);
});
