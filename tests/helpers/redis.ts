import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server';

// A throwaway redis-server for the tests: a free loopback port, no persistence, a folder of its
// own, stopped afterwards — so `npm test` needs no Redis service running (Debian's
// redis-server package, installed by the preflight, gives the program).

export interface RunningRedis {
	/** `redis://127.0.0.1:<port>` */
	url: string;
	port: number;
	/** Stop the server (its clients see the connection drop) and start it again on the same port. */
	pause: () => Promise<void>;
	resume: () => Promise<void>;
	stop: () => Promise<void>;
}

export function redisServerPath(): string | undefined {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	return found.status === 0 ? found.stdout.trim() : undefined;
}

export async function startRedis(): Promise<RunningRedis> {
	const program = redisServerPath();
	if (!program) throw new Error('redis-server is not installed: apt-get install redis-server');
	const dir = mkdtempSync(join(tmpdir(), 'lantoa-redis-'));
	const port = await freePort();
	let child: ChildProcess | undefined;

	const start = () =>
		new Promise<void>((resolve, reject) => {
			const proc = spawn(
				program,
				[
					'--port',
					String(port),
					'--bind',
					'127.0.0.1',
					'--save',
					'',
					'--appendonly',
					'no',
					'--dir',
					dir,
					'--protected-mode',
					'yes'
				],
				{ stdio: ['ignore', 'pipe', 'pipe'] }
			);
			child = proc;
			let log = '';
			const timer = setTimeout(
				() => reject(new Error(`redis-server did not start:\n${log}`)),
				10_000
			);
			proc.stdout!.on('data', (chunk: Buffer) => {
				log += chunk.toString();
				if (log.includes('Ready to accept connections')) {
					clearTimeout(timer);
					resolve();
				}
			});
			proc.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
			proc.once('exit', (code) => {
				clearTimeout(timer);
				if (!log.includes('Ready to accept connections')) {
					reject(new Error(`redis-server exited ${code}:\n${log}`));
				}
			});
		});

	const halt = () =>
		new Promise<void>((resolve) => {
			const proc = child;
			if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
			proc.once('exit', () => resolve());
			proc.kill('SIGKILL');
		});

	await start();
	return {
		url: `redis://127.0.0.1:${port}`,
		port,
		pause: halt,
		resume: start,
		async stop() {
			await halt();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
