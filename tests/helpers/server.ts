import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
	url: string;
	port: number;
	dbPath: string;
	/** The server process's id (for memory measurements). */
	pid: () => number | undefined;
	/** Resolves with the exit status once the server process ends (null: killed by a signal). */
	exited: () => Promise<number | null>;
	/** Output the server printed so far, for diagnosing a failure. */
	output: () => string;
	stop: () => Promise<void>;
	/** Start again on the same port and database. */
	start: () => Promise<void>;
	cli: (args: string[]) => Promise<{ status: number | null; stdout: string; stderr: string }>;
	/** A fresh submission token for a unit, through the real CLI. */
	issueToken: (unitCode: string) => Promise<string>;
	/** Sign in through the real form; resolves to the session cookie (`name=value`). */
	login: (username: string, password: string) => Promise<string>;
	/** A new account through the real CLI; resolves to its generated password. */
	createAccount: (role: 'admin' | 'leader', username: string) => Promise<string>;
	cleanup: () => Promise<void>;
}

/** The first administrator every test server gets, from ADMIN_PASSWORD on first start. */
export const TEST_ADMIN = { username: 'admin', password: 'mat-khau-thu-nghiem-2026' };

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

/**
 * The real production server (scripts/start.js over the built app) on an ephemeral port with a
 * temporary database. `npm test` builds first; start.js rebuilds if sources are newer.
 */
export async function startServer(
	options: { dbDir?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}
): Promise<RunningServer> {
	const dir = options.dbDir ?? mkdtempSync(join(tmpdir(), 'lantoa-test-'));
	const dbPath = join(dir, 'lantoa.db');
	const port = await freePort();
	const url = `http://localhost:${port}`;
	const env = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		DATABASE_URL: dbPath,
		ADMIN_PASSWORD: TEST_ADMIN.password,
		...options.env
	};
	let child: ChildProcess | undefined;
	let log = '';

	const start = () =>
		new Promise<void>((resolve, reject) => {
			const args = [...(options.nodeArgs ?? []), join(root, 'scripts/start.js')];
			const proc = spawn(process.execPath, args, {
				cwd: root,
				env,
				stdio: ['ignore', 'pipe', 'pipe']
			});
			child = proc;
			const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 120_000);
			const onData = (chunk: Buffer) => {
				log += chunk.toString();
				if (log.includes('Lan Tỏa đang chạy')) {
					clearTimeout(timer);
					resolve();
				}
			};
			proc.stdout.on('data', onData);
			proc.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
			proc.once('exit', (code) => {
				clearTimeout(timer);
				if (!log.includes('Lan Tỏa đang chạy')) reject(new Error(`server exited ${code}:\n${log}`));
			});
		});

	const stop = () =>
		new Promise<void>((resolve) => {
			const proc = child;
			if (!proc || proc.exitCode !== null) return resolve();
			proc.once('exit', () => resolve());
			proc.kill('SIGTERM');
			setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
		});

	// Asynchronous on purpose: a blocked event loop would leave the test's HTTP keep-alive
	// sockets unaware that the server closed them.
	const cli = (args: string[]) =>
		new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
			const proc = spawn(
				process.execPath,
				[join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/cli.ts'), ...args],
				{ cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }
			);
			let stdout = '';
			let stderr = '';
			proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
			proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			proc.once('error', reject);
			proc.once('close', (status) => resolve({ status, stdout, stderr }));
		});

	await start();

	return {
		url,
		port,
		dbPath,
		pid: () => child?.pid,
		exited: () =>
			new Promise<number | null>((resolve) => {
				const proc = child;
				if (!proc || proc.exitCode !== null || proc.signalCode !== null) {
					return resolve(proc?.exitCode ?? null);
				}
				proc.once('exit', (code) => resolve(code));
			}),
		output: () => log,
		stop,
		start,
		cli,
		async issueToken(unitCode) {
			const result = await cli(['link', unitCode]);
			if (result.status !== 0) throw new Error(`cli link failed: ${result.stderr}`);
			const last = result.stdout.trim().split('\n').pop() ?? '';
			const match = /\/u\/([A-Za-z0-9_-]+)$/.exec(last);
			if (!match) throw new Error(`no link in cli output: ${result.stdout}`);
			return match[1];
		},
		async login(username, password) {
			const response = await fetch(`${url}/login`, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'text/html',
					Origin: url
				},
				body: new URLSearchParams({ username, password, next: '/dashboard' }),
				redirect: 'manual'
			});
			const cookie = response.headers.getSetCookie().find((c) => c.startsWith('lantoa_session='));
			if (response.status !== 303 || !cookie) {
				throw new Error(`login failed: ${response.status} ${await response.text()}`);
			}
			return cookie.split(';')[0];
		},
		async createAccount(role, username) {
			const result = await cli([role, username]);
			if (result.status !== 0) throw new Error(`cli ${role} failed: ${result.stderr}`);
			return result.stdout.trim().split('\n').pop()!;
		},
		async cleanup() {
			await stop();
			if (!options.dbDir) rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A form post as a browser without JavaScript makes it (SvelteKit then answers with HTML). */
export async function postForm(
	base: string,
	path: string,
	fields: Record<string, string>,
	cookie?: string
): Promise<{ status: number; html: string }> {
	const response = await fetch(`${base}${path}`, {
		method: 'POST',
		headers: {
			...(cookie ? { Cookie: cookie } : {}),
			Origin: base,
			Accept: 'text/html',
			'Content-Type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
	return { status: response.status, html: await response.text() };
}

/**
 * Run `npm start`'s script once and wait for it to end — for starts that must be refused. A
 * server that starts anyway is stopped as soon as it listens (its status is then not 1).
 * Resolves with the exit status (null: killed after 30 s) and everything it printed.
 */
export async function startExpectingExit(
	env: Record<string, string>,
	options: { asNobody?: boolean } = {}
): Promise<{ code: number | null; output: string }> {
	const port = await freePort();
	const child = spawn(process.execPath, [join(root, 'scripts/start.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			LANTOA_SECRET: 'k'.repeat(40),
			NODE_ENV: 'production',
			...env
		},
		...(options.asNobody ? { uid: 65534, gid: 65534 } : {}),
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => {
		output += chunk.toString();
		if (output.includes('Lan Tỏa đang chạy')) child.kill('SIGTERM');
	});
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			resolve(null);
		}, 30_000);
		child.once('exit', (status) => {
			clearTimeout(timer);
			resolve(status);
		});
	});
	return { code, output };
}
