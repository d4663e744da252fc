import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, testDatabase, type RunningServer } from '../helpers/server';

// Issue 11, F1, F2, F7 and F8, and issue 24: the sign-in limit holds under concurrency, is kept per
// username and address (nobody locks another person out, from two addresses or twenty), a reset
// clears it, a refusal is written down once, and `next` can only lead to a page of this site.

let server: RunningServer;

beforeAll(async () => {
	// Behind a proxy the client's address comes from X-Forwarded-For (as the README says to set).
	server = await startServer({ env: { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' } });
});

afterAll(async () => {
	await server?.cleanup();
});

async function signIn(
	username: string,
	password: string,
	options: { from?: string; next?: string } = {}
) {
	// `next` as it appears in the address (percent-encoded); the form posts it decoded, as a
	// browser does with the hidden field the sign-in page filled from the address.
	const response = await fetch(
		`${server.url}/login${options.next === undefined ? '' : `?next=${options.next}`}`,
		{
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'text/html',
				Origin: server.url,
				'X-Forwarded-For': options.from ?? '203.0.113.1'
			},
			body: new URLSearchParams({
				username,
				password,
				next: options.next === undefined ? '' : decodeURIComponent(options.next)
			}),
			redirect: 'manual'
		}
	);
	return {
		status: response.status,
		location: response.headers.get('location'),
		retryAfter: response.headers.get('retry-after'),
		text: await response.text()
	};
}

async function audited(action: string, label: string): Promise<number> {
	const [{ n }] = await server.query<{ n: number }>(
		'select count(*) as n from audit_log where action = ? and actor_label = ?',
		action,
		label
	);
	return n;
}

describe('sign-in limits', () => {
	it('F1: 200 guesses at once are counted before any is verified; the right one among them is refused', async () => {
		const password = await server.createAccount('leader', 'song-song');
		const guesses = Array.from({ length: 200 }, (_, i) =>
			i === 150 ? password : `sai-mat-khau-${i}`
		);
		const answers = await Promise.all(
			guesses.map((guess) => signIn('song-song', guess, { from: '198.51.100.7' }))
		);
		// At most five were verified (and failed); every other one was refused unverified.
		expect(answers.filter((a) => a.status === 303)).toEqual([]);
		expect(answers.filter((a) => a.status === 400).length).toBeLessThanOrEqual(5);
		expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(195);
		expect(await audited('login.failure', 'song-song')).toBeLessThanOrEqual(5);
		expect(await audited('login.success', 'song-song')).toBe(0);
	});

	it('F8: five wrong passwords from one address do not lock the account for anyone else', async () => {
		const password = await server.createAccount('leader', 'bi-nham');
		for (let i = 0; i < 5; i++) {
			expect((await signIn('bi-nham', `doan-sai-${i}`, { from: '198.51.100.20' })).status).toBe(
				400
			);
		}
		// The guessing address is stopped, even with the right password…
		const blocked = await signIn('bi-nham', password, { from: '198.51.100.20' });
		expect(blocked.status).toBe(429);
		expect(blocked.text).toContain('Đăng nhập không thành công quá nhiều lần');
		// …the owner, elsewhere, signs in.
		expect((await signIn('bi-nham', password, { from: '192.0.2.44' })).status).toBe(303);
	});

	it('F8: an office behind one address is not blocked by its colleagues’ mistakes', async () => {
		for (let i = 0; i < 25; i++) {
			expect(
				(await signIn(`dong-nghiep-${i}`, 'quen-mat-khau-roi', { from: '198.51.100.30' })).status
			).toBe(400);
		}
		expect(
			(await signIn(TEST_ADMIN.username, TEST_ADMIN.password, { from: '198.51.100.30' })).status
		).toBe(303);
	});

	it('F8 (issue 24): a stranger with two addresses cannot keep the owner out, from anywhere', async () => {
		const password = await server.createAccount('admin', 'chu-so-huu');
		// Five wrong passwords from each of two addresses: both are stopped for this name…
		for (const from of ['203.0.113.50', '203.0.113.51']) {
			for (let i = 0; i < 5; i++) {
				expect((await signIn('chu-so-huu', `sai-${i}`, { from })).status).toBe(400);
			}
			expect((await signIn('chu-so-huu', 'sai-nua', { from })).status).toBe(429);
		}
		// …and a burst of guesses from twenty more addresses: each is one failure, none gets in.
		const burst = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				signIn('chu-so-huu', `sai-dot-${i}`, { from: `203.0.113.${100 + i}` })
			)
		);
		expect(burst.map((a) => a.status)).toEqual(Array(20).fill(400));
		// The owner, from an address of their own, with the right password: in at once.
		expect((await signIn('chu-so-huu', password, { from: '192.0.2.99' })).status).toBe(303);
	});

	it('a password reset clears the block: the owner signs in from the very address that was stopped', async () => {
		await server.createAccount('admin', 'dat-lai');
		const from = '203.0.113.77';
		for (let i = 0; i < 5; i++) {
			expect((await signIn('dat-lai', `sai-${i}`, { from })).status).toBe(400);
		}
		expect((await signIn('dat-lai', 'sai-nua', { from })).status).toBe(429);
		const reset = await server.cli(['admin', 'dat-lai', '--reset']);
		expect(reset.status, reset.stderr).toBe(0);
		// The new password is the last line printed.
		const password = reset.stdout.trim().split('\n').pop()!;
		expect((await signIn('dat-lai', password, { from })).status).toBe(303);
	});

	it('10,000 refused sign-ins add a bounded number of rows (the audit log is append-only)', async () => {
		const from = '203.0.113.200';
		for (let i = 0; i < 5; i++) {
			expect((await signIn(TEST_ADMIN.username, `sai-${i}`, { from })).status).toBe(400);
		}
		const count = async (table: string) =>
			Number((await server.query<{ n: number }>(`select count(*) as n from ${table}`))[0].n);
		const [auditBefore, failuresBefore] = [await count('audit_log'), await count('login_failures')];
		// 10,000 refused attempts, 25 at a time, as from a script (2,000 on PostgreSQL, where the
		// same rule runs through the same code: the count that matters is the rows, not the time).
		const attempts = testDatabase === 'postgres' ? 2_000 : 10_000;
		const statuses = new Map<number, number>();
		let next = 0;
		await Promise.all(
			Array.from({ length: 25 }, async () => {
				while (next < attempts) {
					next += 1;
					const { status } = await signIn(TEST_ADMIN.username, 'doan-bua', { from });
					statuses.set(status, (statuses.get(status) ?? 0) + 1);
				}
			})
		);
		expect(Object.fromEntries(statuses)).toEqual({ 429: attempts });
		// One row says the refusals began; the failures table holds one mark of it.
		expect((await count('audit_log')) - auditBefore).toBe(1);
		expect((await count('login_failures')) - failuresBefore).toBe(1);
		expect(await audited('login.blocked', TEST_ADMIN.username)).toBe(1);
	}, 180_000);
});

describe('where a sign-in leads (next)', () => {
	const hostile = [
		'/%09/evil.example',
		'/%0A/evil.example',
		'/%0D/evil.example',
		'/%5C/evil.example',
		'/%5Cevil.example',
		'%2F%2Fevil.example',
		'//evil.example',
		'/\\evil.example',
		'https://evil.example/',
		'http:evil.example',
		'javascript:alert(1)',
		'/%E2%80%AE//evil.example',
		'/%EF%BC%8F%EF%BC%8Fevil.example',
		'/%C3%A1%0A',
		'/.//evil.example',
		'/%2E//evil.example'
	];

	it('F2/F7: leads only to a path of this site, and never answers 500', async () => {
		let n = 0;
		for (const next of hostile) {
			// The sign-in page itself (GET) and the sign-in (POST) both resolve `next`.
			const page = await fetch(`${server.url}/login?next=${next}`, { redirect: 'manual' });
			expect(page.status, next).toBe(200);
			const answer = await signIn(TEST_ADMIN.username, TEST_ADMIN.password, {
				next,
				from: `192.0.2.${10 + n++}`
			});
			expect(answer.status, next).toBe(303);
			const target = new URL(answer.location!, server.url);
			expect(target.origin, next).toBe(new URL(server.url).origin);
			expect(answer.location!.startsWith('/'), next).toBe(true);
			expect(answer.location!.startsWith('//'), next).toBe(false);
			expect(/[\t\n\r\\]/.test(answer.location!), next).toBe(false);
		}
	});

	it('keeps a real page of this site, with its query', async () => {
		const answer = await signIn(TEST_ADMIN.username, TEST_ADMIN.password, {
			next: encodeURIComponent('/admin/moderation?status=pending'),
			from: '192.0.2.200'
		});
		expect(answer.location).toBe('/admin/moderation?status=pending');
	});
});
