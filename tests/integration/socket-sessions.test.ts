import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { waitFor } from '../helpers/sockets';

let server: RunningServer;
const sockets: Socket[] = [];

beforeAll(async () => {
	// Staff sockets are re-checked every second here (60 s by default).
	server = await startServer({ env: { SOCKET_RECHECK_SECONDS: '1' } });
});

afterAll(async () => {
	sockets.forEach((socket) => socket.disconnect());
	await server?.cleanup();
});

async function staffSocket(cookie: string) {
	const socket = io(server.url, {
		transports: ['websocket'],
		forceNew: true,
		extraHeaders: { Cookie: cookie }
	});
	sockets.push(socket);
	const hellos: string[] = [];
	const created: Record<string, unknown>[] = [];
	socket.on('server:hello', ({ access }: { access: string }) => hellos.push(access));
	socket.on('activity:created', (activity: Record<string, unknown>) => created.push(activity));
	const feed: Record<string, unknown>[] = [];
	socket.on('stats:delta', (delta: { latest?: { upsert: Record<string, unknown>[] } }) =>
		feed.push(...(delta.latest?.upsert ?? []))
	);
	await waitFor(() => hellos.length > 0, 10_000, 'hello');
	return { socket, hellos, created, feed };
}

describe('an open socket follows its session', () => {
	it('stops receiving staff payloads once the session ends, and never extends it', async () => {
		const password = await server.createAccount('leader', 'lanhdao-socket');
		const cookie = await server.login('lanhdao-socket', password);
		const { hellos, created, feed } = await staffSocket(cookie);
		expect(hellos).toEqual(['staff']);

		const seen = async () =>
			(
				await server.query<{ last_seen_at: string }>(
					'select last_seen_at from sessions order by id'
				)
			).map((row) => row.last_seen_at);
		// Make the session look idle for 6 minutes: re-checks must not touch it.
		await server.execute(
			'update sessions set last_seen_at = ?',
			new Date(Date.now() - 6 * 60_000).toISOString()
		);
		const idle = await seen();
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(await seen()).toEqual(idle);

		// The session ends while the dashboard stays open (expiry, sign-out elsewhere, reset).
		await server.execute('delete from sessions');
		await waitFor(() => hellos.at(-1) === 'public', 5000, 'demotion to public');

		const token = await server.issueToken('SO-YT');
		const response = await fetch(`${server.url}/api/v1/activities`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({
				type: 'movement',
				title: 'Hoạt động sau khi phiên kết thúc',
				startDate: '2026-04-22',
				description: 'Mô tả chỉ cán bộ được thấy'
			})
		});
		expect(response.status).toBe(201);
		// Demoted: the public's feed in the delta, never the whole activity.
		await waitFor(() => feed.length > 0, 5000, 'activity');
		expect(feed[0].title).toBe('Hoạt động sau khi phiên kết thúc');
		expect(feed[0]).not.toHaveProperty('description');
		expect(created).toEqual([]);
	});
});
