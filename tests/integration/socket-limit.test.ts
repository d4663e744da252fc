import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { connectClient, waitFor, type TestSocket } from '../helpers/sockets';
import { clientAddress } from '../../src/lib/server/realtime/address-limit';

// Issue 24, item 15: one address cannot open sockets without end (each holds memory on the
// server for every screen). The cap counts open connections per client address — the address
// the sign-in limit sees too (ADDRESS_HEADER and XFF_DEPTH behind a proxy).

let server: RunningServer;
const open: TestSocket[] = [];

beforeAll(async () => {
	server = await startServer({
		env: { SOCKETS_PER_ADDRESS: '4', ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' }
	});
});
afterAll(async () => {
	for (const socket of open) socket.close();
	await server?.cleanup();
});

/** A socket that is refused: the error the client is given, or null if it connected. */
function attempt(headers: Record<string, string>): Promise<string | null> {
	return new Promise((resolve) => {
		const socket = io(server.url, {
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			extraHeaders: headers
		});
		socket.once('connect', () => {
			socket.close();
			resolve(null);
		});
		socket.once('connect_error', (error) => {
			socket.close();
			resolve(error.message);
		});
	});
}

describe('connections per address', () => {
	it('refuses the one over the cap, admits another address, and admits again once one closes', async () => {
		const one = { 'X-Forwarded-For': '203.0.113.7' };
		for (let i = 0; i < 4; i++) open.push(await connectClient(server.url, { headers: one }));
		expect(await attempt(one)).not.toBeNull();
		// Another machine (another address behind the same proxy) is not affected.
		expect(await attempt({ 'X-Forwarded-For': '198.51.100.20' })).toBeNull();
		expect(server.output()).toContain('203.0.113.7');
		expect(server.output()).toContain('SOCKETS_PER_ADDRESS');

		// A screen closes: its place is free again (once the server has seen it go).
		open.pop()!.close();
		await waitFor(async () => (await attempt(one)) === null, 10_000, 'a place freed');
		// …and only one: the fourth place is taken by the next screen, the fifth refused again.
		open.push(await connectClient(server.url, { headers: one }));
		expect(await attempt(one)).not.toBeNull();
		// Every screen kept inside the cap is still live.
		expect(open.every((socket) => socket.connected)).toBe(true);
	});

	it("reads the address as adapter-node does (ADDRESS_HEADER, XFF_DEPTH), else the peer's", () => {
		const request = (headers: Record<string, string>) =>
			({
				headers,
				socket: { remoteAddress: '10.0.0.2' }
			}) as unknown as Parameters<typeof clientAddress>[0];
		const env = { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' };
		expect(clientAddress(request({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2' }), env)).toBe('2.2.2.2');
		expect(
			clientAddress(request({ 'x-forwarded-for': '1.1.1.1, 2.2.2.2' }), { ...env, XFF_DEPTH: '2' })
		).toBe('1.1.1.1');
		expect(clientAddress(request({}), env)).toBe('10.0.0.2');
		expect(clientAddress(request({ 'x-forwarded-for': '1.1.1.1' }), {})).toBe('10.0.0.2');
		expect(
			clientAddress(request({ 'x-real-ip': '3.3.3.3' }), { ADDRESS_HEADER: 'X-Real-IP' })
		).toBe('3.3.3.3');
	});
});
