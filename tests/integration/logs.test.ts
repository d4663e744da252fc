import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpectingExit, startServer, type RunningServer } from '../helpers/server';

// Issue 13, operations: with LOG_FORMAT=json every line the server writes is one JSON object
// (pino) naming the instance, and each HTTP request has a line with its request id — the proxy's
// X-Request-Id when it sends a sane one, else a new one — which the answer carries too. Unit
// links are secrets: never in a log line.

let server: RunningServer;
let token: string;

beforeAll(async () => {
	server = await startServer({ env: { LOG_FORMAT: 'json', BACKUP_INTERVAL_HOURS: '0' } });
	token = await server.issueToken('SO-XD');
});

afterAll(async () => {
	await server?.cleanup();
});

interface Line {
	level: string;
	time: string;
	msg: string;
	host: string;
	port: number;
	reqId?: string;
	method?: string;
	path?: string;
	status?: number;
	ms?: number;
}

const lines = (): Line[] =>
	server
		.output()
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as Line);

describe('LOG_FORMAT=json', () => {
	it('writes every line as JSON, one per request with its id', async () => {
		const given = await fetch(`${server.url}/api/v1/stats`, {
			headers: { 'X-Request-Id': 'can-bo-so-khcn-42' }
		});
		expect(given.headers.get('x-request-id')).toBe('can-bo-so-khcn-42');
		const made = await fetch(`${server.url}/u/${token}`, {
			headers: { 'X-Request-Id': 'x'.repeat(65) + '\n' }
		});
		const id = made.headers.get('x-request-id')!;
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
		const missing = await fetch(`${server.url}/khong-co-trang-nay`);
		expect(missing.status).toBe(404);
		await new Promise((resolve) => setTimeout(resolve, 200));

		const all = lines();
		expect(all.find((line) => line.msg.startsWith('Lan Tỏa đang chạy'))).toMatchObject({
			level: 'info',
			port: server.port
		});
		for (const line of all) {
			expect(Date.parse(line.time)).not.toBeNaN();
			expect(line.host).toBeTruthy();
		}
		const requests = all.filter((line) => line.msg === 'request');
		expect(requests.find((line) => line.reqId === 'can-bo-so-khcn-42')).toMatchObject({
			method: 'GET',
			path: '/api/v1/stats',
			status: 200
		});
		expect(requests.find((line) => line.reqId === id)).toMatchObject({
			path: '/u/…',
			status: 200
		});
		expect(requests.find((line) => line.path === '/khong-co-trang-nay')?.status).toBe(404);
		expect(requests.every((line) => typeof line.ms === 'number' && line.ms >= 0)).toBe(true);
		expect(server.output()).not.toContain(token);
	});

	it('a LOG_FORMAT it does not know stops the start with one line', async () => {
		const { code, output } = await startExpectingExit({ LOG_FORMAT: 'xml' });
		expect(code).toBe(1);
		expect(output).toContain('LOG_FORMAT="xml" phải là text hoặc json');
	});
});
