import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, startServer, TEST_ADMIN, type RunningServer } from '../helpers/server';
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

async function staffSocket(cookie: string, base = server.url) {
	const socket = io(base, {
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

describe('ended access reaches open dashboards at once, not at the next minute’s check', () => {
	let other: RunningServer;
	beforeAll(async () => {
		// The default re-check, once a minute: only the revocation itself can be this quick.
		other = await startServer();
	});
	afterAll(async () => {
		await other?.cleanup();
	});

	it('a leader link revoked by an administrator, and a leader’s password reset by the CLI', async () => {
		const issued = await other.cli(['leader-link', 'Phó Giám đốc Sở']);
		const link = issued.stdout.trim().split('\n').pop()!;
		const visit = await fetch(link, { redirect: 'manual' });
		const linkCookie = visit.headers.getSetCookie()[0].split(';')[0];
		const viaLink = await staffSocket(linkCookie, other.url);
		expect(viaLink.hellos).toEqual(['staff']);

		const adminCookie = await other.login(TEST_ADMIN.username, TEST_ADMIN.password);
		const [{ id }] = await other.query<{ id: number }>('select id from leader_links');
		const revoked = await postForm(
			other.url,
			'/admin/users?/revokeLeaderLink',
			{ linkId: String(id) },
			adminCookie
		);
		expect(revoked.status).toBe(200);
		// At once (the minute's check would take up to 60 s).
		await waitFor(() => viaLink.hellos.at(-1) === 'public', 5000, 'demoted after revocation');

		const password = await other.createAccount('leader', 'lanhdao-dat-lai');
		const viaPassword = await staffSocket(
			await other.login('lanhdao-dat-lai', password),
			other.url
		);
		expect(viaPassword.hellos).toEqual(['staff']);
		expect((await other.cli(['leader', 'lanhdao-dat-lai', '--reset'])).status).toBe(0);
		// Another process changed it: the server's watch of the database notices within ~3 s.
		await waitFor(() => viaPassword.hellos.at(-1) === 'public', 10_000, 'demoted after reset');
	});
});
