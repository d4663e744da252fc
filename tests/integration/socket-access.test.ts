import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
import { waitFor } from '../helpers/sockets';

// Issue 11, F4 and F5: only pages of this site may open a socket with the visitor's cookie, and a
// unit's socket stops receiving the unit's whole activities once its link is revoked.

let server: RunningServer;
let adminCookie: string;
let sockets: Socket[] = [];

beforeAll(async () => {
	server = await startServer({ env: { SOCKET_RECHECK_SECONDS: '1' } });
	adminCookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
});

afterEach(() => {
	for (const socket of sockets) socket.disconnect();
	sockets = [];
});

afterAll(async () => {
	await server?.cleanup();
});

function open(headers: Record<string, string>, auth: Record<string, string> = {}) {
	const socket = io(server.url, {
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: headers,
		auth
	});
	sockets.push(socket);
	return new Promise<{ socket: Socket; access?: string; error?: Error }>((resolve) => {
		socket.once('server:hello', ({ access }: { access: string }) => resolve({ socket, access }));
		socket.once('connect_error', (error) => resolve({ socket, error }));
	});
}

async function submit(token: string, title: string) {
	const response = await fetch(`${server.url}/api/v1/activities`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			type: 'movement',
			title,
			startDate: '2026-04-22',
			description: 'Mô tả chỉ đơn vị và Sở được xem'
		})
	});
	expect(response.status).toBe(201);
}

describe('socket origins (F4)', () => {
	it('refuses a socket opened by a page of another origin, even with the admin cookie', async () => {
		const other = new URL(server.url);
		other.port = String(Number(other.port) + 1);
		for (const origin of [other.origin, 'https://evil.example', 'null']) {
			const { access, error } = await open({ Cookie: adminCookie, Origin: origin });
			expect(access, origin).toBeUndefined();
			expect(error, origin).toBeDefined();
		}
	});

	it('lets this site’s pages (and clients that send no Origin) in', async () => {
		expect((await open({ Cookie: adminCookie, Origin: server.url })).access).toBe('admin');
		expect((await open({ Cookie: adminCookie })).access).toBe('admin');
		expect((await open({ Origin: server.url })).access).toBe('public');
	});
});

describe('unit sockets after revocation (F5)', () => {
	it('stop receiving the unit’s whole activities once its link is replaced', async () => {
		const oldToken = await server.issueToken('SO-YT');
		const { socket } = await open({}, { unitToken: oldToken });
		const whole: { title: string; description?: string }[] = [];
		socket.on('activity:created', (activity: { title: string; description?: string }) =>
			whole.push(activity)
		);
		await submit(oldToken, 'Trước khi thu hồi liên kết');
		await waitFor(() => whole.length === 1, 5000, 'the unit’s own activity');
		expect(whole[0].description).toBe('Mô tả chỉ đơn vị và Sở được xem');

		// A new link for the unit (from the CLI, another process) revokes the old one.
		const newToken = await server.issueToken('SO-YT');
		await new Promise((resolve) => setTimeout(resolve, 4000));
		await submit(newToken, 'Sau khi thu hồi liên kết');
		await new Promise((resolve) => setTimeout(resolve, 1000));
		expect(whole.map((a) => a.title)).toEqual(['Trước khi thu hồi liên kết']);
		// Still a public screen: connected, and it sees the public feed.
		expect(socket.connected).toBe(true);
	});
});
