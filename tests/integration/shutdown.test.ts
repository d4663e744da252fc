import { connect } from 'node:net';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { integrity, startServer, type RunningServer } from '../helpers/server';

// Issue 12, graceful shutdown: SIGTERM during a burst — no new connections, the live screens'
// sockets closed, every request already received answered (and stored), the database closed,
// the process gone within 10 s with status 0.

let server: RunningServer | undefined;
afterAll(async () => {
	await server?.cleanup();
});

const activity = (title: string) =>
	JSON.stringify({ type: 'banner', title, startDate: '2026-04-21', quantity: 1 });

describe('SIGTERM', () => {
	it('answers every request already received, closes sockets and the database, exits within 10 s', async () => {
		server = await startServer();
		const token = await server.issueToken('SO-YT');
		const running = server;

		// A live screen, which would otherwise keep the server open.
		const screen = io(running.url, { transports: ['websocket'], reconnection: false });
		await new Promise<void>((resolve) => screen.once('connect', () => resolve()));
		const screenClosed = new Promise<void>((resolve) => screen.once('disconnect', () => resolve()));

		// A request in progress when the signal arrives: its headers and half its body are sent.
		const body = activity('Treo băng rôn — gửi dở khi máy chủ dừng');
		const slow = connect(running.port, '127.0.0.1');
		let slowAnswer = '';
		slow.on('data', (chunk) => (slowAnswer += chunk.toString()));
		const slowEnded = new Promise<void>((resolve) => slow.once('close', () => resolve()));
		await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
		slow.write(
			`POST /api/v1/activities HTTP/1.1\r\nHost: localhost:${running.port}\r\n` +
				`Authorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
				`Content-Length: ${Buffer.byteLength(body)}\r\nIdempotency-Key: dung-do\r\n\r\n` +
				body.slice(0, 20)
		);

		// A burst, then the signal while it is in flight (once the first few are answered).
		let answered = 0;
		let firstFew: () => void = () => {};
		const someAnswered = new Promise<void>((resolve) => (firstFew = resolve));
		const burst = Array.from({ length: 60 }, (_, i) =>
			fetch(`${running.url}/api/v1/activities`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${token}`,
					'Content-Type': 'application/json',
					'Idempotency-Key': `dot-${i}`
				},
				body: activity(`Hoạt động trong đợt gửi dồn số ${i}`)
			}).then(
				async (response) => {
					if (++answered === 5) firstFew();
					if (response.status === 503) {
						expect(response.headers.get('retry-after')).toBe('5');
						expect(((await response.json()) as { errors: object }).errors).toHaveProperty('server');
					}
					return { status: response.status, error: '' };
				},
				(error: Error) => ({ status: 0, error: String(error.cause ?? error) })
			)
		);
		await someAnswered;
		const signalledAt = Date.now();
		process.kill(running.pid()!, 'SIGTERM');
		const exit = running.exited();

		// The rest of the half-sent request arrives after the signal: it is still answered.
		await new Promise((resolve) => setTimeout(resolve, 400));
		slow.write(body.slice(20));
		await slowEnded;
		expect(slowAnswer).toMatch(/^HTTP\/1\.1 201 /);

		const results = await Promise.all(burst);
		const code = await exit;
		const seconds = (Date.now() - signalledAt) / 1000;
		await screenClosed;

		expect(code, running.output()).toBe(0);
		expect(seconds).toBeLessThan(10);
		expect(running.output()).toContain('Nhận SIGTERM');
		expect(running.output()).toMatch(/Đã dừng sau [\d.]+ giây/);
		// Every request was answered: 201 when it came before the signal, 503 with Retry-After
		// after it (send again in a few seconds). Never a connection reset or an error page.
		for (const result of results) expect([201, 503], result.error).toContain(result.status);
		expect(results.some((result) => result.status === 201)).toBe(true);
		const accepted = results.filter((result) => result.status === 201).length;

		// Stored exactly as answered, and the database was closed cleanly (its WAL checkpointed).
		const [stored] = await running.query<{ n: number }>(
			"select count(*) as n from activities where title like 'Hoạt động trong đợt%'"
		);
		expect(stored.n).toBe(accepted);
		expect(
			(
				await running.query<{ n: number }>(
					"select count(*) as n from activities where title like 'Treo băng rôn — gửi dở%'"
				)
			)[0].n
		).toBe(1);
		expect(integrity(running)).toBe('ok');
		screen.close();
	}, 120_000);
});
