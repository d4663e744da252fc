import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';

// Issue 13, operations: /healthz says the process answers; /readyz says whether this instance
// should be sent requests (its database answers), and turns 503 the moment it starts stopping,
// so a load balancer in front of several instances takes it out before it closes.

let server: RunningServer;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await server?.cleanup();
});

describe('health endpoints', () => {
	it('/healthz: alive, never cached', async () => {
		const response = await fetch(`${server.url}/healthz`);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toMatchObject({ status: 'ok' });
	});

	it('/readyz: ready when the database answers', async () => {
		const response = await fetch(`${server.url}/readyz`);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toEqual({
			status: 'ready',
			checks: { database: 'ok', storage: 'ok' }
		});
	});

	it('/readyz: 503 as soon as the server is stopping, while it finishes what it took', async () => {
		// A request still arriving keeps the server from closing while we ask.
		const token = await server.issueToken('SO-YT');
		const { port } = new URL(server.url);
		const inFlight = connect(Number(port), '127.0.0.1');
		await new Promise<void>((resolve) => inFlight.once('connect', () => resolve()));
		inFlight.write(
			`POST /api/v1/activities HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n` +
				'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":'
		);
		inFlight.on('error', () => {});
		await new Promise((resolve) => setTimeout(resolve, 200));
		process.kill(server.pid()!, 'SIGTERM');
		await new Promise((resolve) => setTimeout(resolve, 200));

		const response = await fetch(`${server.url}/readyz`);
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('5');
		expect(await response.json()).toEqual({ status: 'stopping' });
		inFlight.destroy();
		expect(await server.exited()).toBe(0);
	}, 90_000);
});
