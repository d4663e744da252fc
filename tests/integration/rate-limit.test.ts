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
});
