import Database from 'better-sqlite3';
import pg from 'pg';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Which database the test servers use: SQLite by default; PostgreSQL when LANTOA_TEST_DATABASE is
 * `postgres` (vitest's "postgres" project sets it, and its global setup starts a throwaway
 * cluster whose address is LANTOA_TEST_POSTGRES_URL).
 */
export const testDatabase: 'sqlite' | 'postgres' =
	process.env.LANTOA_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

/** The key unit links are derived from, for test servers on PostgreSQL (no lantoa.secret file). */
export const TEST_SECRET = 'khoa-lien-ket-thu-nghiem-0123456789abcdef';

export interface RunningServer {
	url: string;
	port: number;
	/** The SQLite file (on PostgreSQL: the folder's lantoa.db that is never created). */
	dbPath: string;
	/** DATABASE_URL as the server got it: the SQLite file or the PostgreSQL database's address. */
	databaseUrl: string;
	/** Rows of a query on the server's own database (`?` placeholders, on either database). */
	query: <T = Record<string, unknown>>(sql: string, ...params: unknown[]) => Promise<T[]>;
	/** A statement that writes, on the server's own database (`?` placeholders). */
	execute: (sql: string, ...params: unknown[]) => Promise<void>;
	/** The server process's id (for memory measurements). */
	pid: () => number | undefined;
	/** Resolves with the exit status once the server process ends (null: killed by a signal). */
	exited: () => Promise<number | null>;
	/** Output the server printed so far, for diagnosing a failure. */
	output: () => string;
	stop: () => Promise<void>;
	/** Start again on the same port and database. */
	start: () => Promise<void>;
	/** The real CLI against this server's database; `extraEnv` adds variables (LANTOA_LANG…). */
	cli: (
		args: string[],
		extraEnv?: Record<string, string>
	) => Promise<{ status: number | null; stdout: string; stderr: string }>;
	/** A fresh submission token for a unit, through the real CLI. */
	issueToken: (unitCode: string) => Promise<string>;
	/** Sign in through the real form; resolves to the session cookie (`name=value`). */
	login: (username: string, password: string) => Promise<string>;
	/** A new account through the real CLI; resolves to its generated password. */
	createAccount: (role: 'admin' | 'leader', username: string) => Promise<string>;
	cleanup: () => Promise<void>;
}

/** The first administrator every test server gets, from ADMIN_PASSWORD on first start. */
/** The line the server prints once it listens, in either of the operator's languages. */
const RUNNING = /Lan Tỏa (đang chạy|is running)/;

/**
 * The command line as the tests run it: the build's bundle (scripts/build-cli.js, made with the
 * app the server runs — a stale build is rebuilt by the server's start, before any CLI call),
 * or the sources through tsx where there is no build yet. The bundle starts in about a third of
 * the time.
 */
function cliCommand(): string[] {
	const bundle = join(root, 'build/cli.mjs');
	const handler = join(root, 'build/handler.js');
	const fresh =
		existsSync(bundle) &&
		existsSync(handler) &&
		statSync(bundle).mtimeMs >= statSync(handler).mtimeMs;
	return fresh
		? [bundle]
		: [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/cli.ts')];
}

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
	// On PostgreSQL a database per folder: servers given the same dbDir share it, as they would
	// share the SQLite file.
	const databaseUrl =
		testDatabase === 'postgres'
			? await postgresDatabaseFor(dir)
			: (options.env?.DATABASE_URL ?? dbPath);
	const port = await freePort();
	const url = `http://localhost:${port}`;
	const env = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: url,
		DATABASE_URL: databaseUrl,
		ADMIN_PASSWORD: TEST_ADMIN.password,
		...(testDatabase === 'postgres'
			? { LANTOA_SECRET: TEST_SECRET, PHOTOS_DIR: join(dir, 'photos') }
			: {}),
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
			// This process's own output: after a restart, the previous one's "running" line in `log`
			// must not count (the restart test once fetched before the new server listened).
			let own = '';
			const onData = (chunk: Buffer) => {
				log += chunk.toString();
				own += chunk.toString();
				if (RUNNING.test(own)) {
					clearTimeout(timer);
					resolve();
				}
			};
			proc.stdout.on('data', onData);
			proc.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
			proc.once('exit', (code) => {
				clearTimeout(timer);
				if (!RUNNING.test(own)) reject(new Error(`server exited ${code}:\n${log}`));
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
	const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
		new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
			const proc = spawn(process.execPath, [...cliCommand(), ...args], {
				cwd: root,
				env: { ...env, ...extraEnv },
				stdio: ['ignore', 'pipe', 'pipe']
			});
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
		databaseUrl: env.DATABASE_URL,
		query: (sql, ...params) => queryDatabase(env.DATABASE_URL, sql, params),
		async execute(sql, ...params) {
			await queryDatabase(env.DATABASE_URL, sql, params, { write: true });
		},
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
			if (!options.dbDir) {
				rmSync(dir, { recursive: true, force: true });
				if (testDatabase === 'postgres') await dropPostgresDatabase(databaseUrl);
			}
		}
	};
}

function postgresCluster(): string {
	const url = process.env.LANTOA_TEST_POSTGRES_URL;
	if (!url) {
		throw new Error(
			"LANTOA_TEST_DATABASE=postgres needs LANTOA_TEST_POSTGRES_URL (vitest's postgres project starts a cluster)"
		);
	}
	return url;
}

async function postgresAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: postgresCluster() });
	await client.connect();
	try {
		return await run(client);
	} finally {
		await client.end();
	}
}

/** The PostgreSQL database of a test folder (created when it does not exist yet). */
async function postgresDatabaseFor(dir: string): Promise<string> {
	const name = `t_${createHash('sha256').update(dir).digest('hex').slice(0, 20)}`;
	await postgresAdmin(async (client) => {
		try {
			await client.query(`create database ${name}`);
		} catch (error) {
			// 42P04: another server of the same folder created it first.
			if ((error as { code?: string }).code !== '42P04') throw error;
		}
	});
	const url = new URL(postgresCluster());
	url.pathname = `/${name}`;
	return url.toString();
}

async function dropPostgresDatabase(databaseUrl: string): Promise<void> {
	const name = new URL(databaseUrl).pathname.slice(1);
	await postgresAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
}

/**
 * The database checked whole after a hard stop: SQLite's integrity check on its file ('ok'), or
 * 'ok' on PostgreSQL, whose own recovery is not what these tests are about.
 */
export function integrity(server: RunningServer): string {
	if (testDatabase === 'postgres' || /^postgres(ql)?:\/\//.test(server.databaseUrl)) return 'ok';
	const db = new Database(server.dbPath, { readonly: true });
	try {
		return String(db.pragma('integrity_check', { simple: true }));
	} finally {
		db.close();
	}
}

/** `?` placeholders as PostgreSQL's $1, $2… (none of the tests' SQL has a ? inside a string). */
function numberedPlaceholders(sql: string): string {
	let n = 0;
	return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * A query on a test server's database, through the database's own client: better-sqlite3 on
 * the file (read-only unless it writes), or a pg connection whose bigint and numeric results
 * are numbers, as the app reads them.
 */
export async function queryDatabase<T>(
	databaseUrl: string,
	sql: string,
	params: unknown[],
	options: { write?: boolean } = {}
): Promise<T[]> {
	if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
		const db = new Database(databaseUrl, { readonly: !options.write });
		try {
			const statement = db.prepare(sql);
			if (!statement.reader) {
				statement.run(...params);
				return [];
			}
			return statement.all(...params) as T[];
		} finally {
			db.close();
		}
	}
	const client = new pg.Client({
		connectionString: databaseUrl,
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
				oid === 20 || oid === 1700
					? (value: string) => Number(value)
					: pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
		}
	});
	await client.connect();
	try {
		return (await client.query(numberedPlaceholders(sql), params)).rows as T[];
	} finally {
		await client.end();
	}
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
		if (RUNNING.test(output)) child.kill('SIGTERM');
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
