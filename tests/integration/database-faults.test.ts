import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, root, startServer } from '../helpers/server';

// Issue 11, F10: a database the server cannot write is said in one clear line, and the server
// stops with a non-zero status — no stack trace.

const dirs: string[] = [];

afterAll(() => {
	for (const dir of dirs) {
		chmodSync(dir, 0o755);
		rmSync(dir, { recursive: true, force: true });
	}
});

describe('a database the server cannot write (F10)', () => {
	it('stops with one clear line and a non-zero status', async () => {
		// A real database, made by a real start.
		const dir = mkdtempSync(join(tmpdir(), 'lantoa-readonly-'));
		dirs.push(dir);
		const first = await startServer({ dbDir: dir, env: { LANTOA_SECRET: 'k'.repeat(40) } });
		await first.stop();
		const dbPath = join(dir, 'lantoa.db');
		chmodSync(dbPath, 0o444);
		chmodSync(dir, 0o555);

		const port = await freePort();
		// Root may write anything: run the server as nobody so the permissions count.
		const asRoot = process.getuid?.() === 0;
		const child = spawn(process.execPath, [join(root, 'scripts/start.js')], {
			cwd: root,
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				DATABASE_URL: dbPath,
				LANTOA_SECRET: 'k'.repeat(40),
				NODE_ENV: 'production'
			},
			...(asRoot ? { uid: 65534, gid: 65534 } : {}),
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
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
		expect(code, output).not.toBe(null);
		expect(code, output).not.toBe(0);
		expect(output).toContain('Không ghi được vào cơ sở dữ liệu');
		expect(output).toContain(dbPath);
		// One line, no stack trace.
		expect(output, output).not.toMatch(/^\s+at /m);
		expect(output).not.toContain('SqliteError:');
	}, 90_000);
});
