import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';

let server: RunningServer;
let token: string;

beforeAll(async () => {
	server = await startServer({ env: { SUBMIT_RATE_LIMIT_PER_MINUTE: '3' } });
	token = await server.issueToken('SO-YT');
});

afterAll(async () => {
	await server?.cleanup();
});

async function post(key: string) {
	const response = await fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${token}`,
			'Content-Type': 'application/json',
			'Idempotency-Key': key
		},
		body: JSON.stringify({
			type: 'banner',
			title: `Băng rôn số ${key}`,
			startDate: '2026-04-21',
			quantity: 1
		})
	});
	return {
		status: response.status,
		headers: response.headers,
		json: (await response.json()) as Record<string, unknown>
	};
}

describe('per-unit submission rate limit', () => {
	it('refuses a flood with 429 in Vietnamese, but still answers retries of stored activities', async () => {
		for (const key of ['k1', 'k2', 'k3']) expect((await post(key)).status).toBe(201);
		const limited = await post('k4');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('60');
		expect((limited.json.errors as Record<string, string[]>).rate[0]).toContain(
			'quá nhiều hoạt động'
		);
		const replay = await post('k2');
		expect(replay.status).toBe(201);
		expect(replay.headers.get('idempotent-replayed')).toBe('true');

		// The form says the same, beside the form, keeping what was typed.
		const form = await fetch(`${server.url}/u/${token}?/submit`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'text/html',
				Origin: server.url
			},
			body: new URLSearchParams({
				type: 'banner',
				title: 'Băng rôn gửi qua biểu mẫu',
				startDate: '2026-04-21',
				quantity_banner: '2'
			})
		});
		expect(form.status).toBe(429);
		const html = await form.text();
		expect(html).toContain('quá nhiều hoạt động');
		expect(html).toContain('value="Băng rôn gửi qua biểu mẫu"');

		// Another unit is not affected.
		const other = await server.issueToken('03388');
		const response = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${other}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				type: 'banner',
				title: 'Băng rôn của phường',
				startDate: '2026-04-21',
				quantity: 1
			})
		});
		expect(response.status).toBe(201);
	});

	it("a link's edits, photos, withdrawals and final report are limited per minute as its reports are", async () => {
		const unit = await server.issueToken('SO-TP');
		const call = async (method: string, path: string, body?: unknown) => {
			const response = await fetch(`${server.url}${path}`, {
				method,
				headers: { Authorization: `Bearer ${unit}`, 'Content-Type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			return {
				status: response.status,
				json: (await response.json()) as {
					id: number;
					version: number;
					errors: Record<string, string[]>;
				}
			};
		};
		const created = await call('POST', '/api/v1/activities', {
			type: 'banner',
			title: 'Băng rôn sửa nhiều lần',
			startDate: '2026-04-21',
			quantity: 1
		});
		expect(created.status).toBe(201);
		const rows = async () =>
			Number(
				(
					await server.query<{ n: number }>(
						"select count(*) as n from audit_log where actor_type = 'unit' and actor_id = 'SO-TP'"
					)
				)[0].n
			);
		let version = created.json.version;
		// Three changes a minute (the limit of this server): then 429, and nothing more is written.
		for (let i = 0; i < 3; i++) {
			const edit = await call('PATCH', `/api/v1/activities/${created.json.id}`, {
				quantity: i + 2,
				version
			});
			expect(edit.status).toBe(200);
			version = edit.json.version;
		}
		const before = await rows();
		for (let i = 0; i < 20; i++) {
			const edit = await call('PATCH', `/api/v1/activities/${created.json.id}`, {
				quantity: 9,
				version
			});
			expect(edit.status).toBe(429);
			expect(edit.json.errors.rate[0]).toContain('thay đổi quá nhiều lần');
		}
		const report = await call('POST', '/api/v1/reports', {
			summary: 'Đơn vị đã tổ chức treo băng rôn và tuyên truyền trên cổng thông tin.'
		});
		expect(report.status).toBe(429);
		expect((await call('DELETE', `/api/v1/activities/${created.json.id}`)).status).toBe(429);
		expect(await rows()).toBe(before);
	});
});
