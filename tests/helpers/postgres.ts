import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server';

// A throwaway PostgreSQL cluster for the tests: `initdb` into a temporary folder, started on a
// free loopback port with its socket in that folder, stopped and deleted afterwards — so
// `npm test` needs no PostgreSQL service running. PostgreSQL refuses to run as root: when the
// tests run as root (CI), the cluster runs as the `postgres` user that Debian's package creates.

export interface RunningPostgres {
	/** `postgres://lantoa@127.0.0.1:<port>/lantoa` */
	url: string;
	port: number;
	/** a new, empty database in this cluster; resolves to its address */
	createDatabase: (name: string) => Promise<string>;
	/** Stop the server (fast shutdown: connections cut) and start it again, data kept. */
	pause: () => void;
	resume: () => void;
	stop: () => Promise<void>;
}

/** Where Debian keeps the server's programs (not on PATH): the newest version installed. */
export function postgresBin(): string | undefined {
	const base = '/usr/lib/postgresql';
	if (existsSync(base)) {
		const versions = readdirSync(base)
			.filter((name) => existsSync(join(base, name, 'bin', 'initdb')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length) return join(base, versions[0], 'bin');
	}
	const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
	return found.status === 0 ? join(found.stdout.trim(), '..') : undefined;
}

function runAs(user: { uid: number; gid: number } | undefined, program: string, args: string[]) {
	const result = spawnSync(program, args, {
		encoding: 'utf8',
		...(user ? { uid: user.uid, gid: user.gid } : {}),
		env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' }
	});
	if (result.status !== 0) {
		throw new Error(`${program} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
	}
	return result.stdout;
}

/** The account the cluster runs as: ourselves, or `postgres` when we are root. */
function clusterUser(): { uid: number; gid: number } | undefined {
	if (userInfo().uid !== 0) return undefined;
	const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
	const uid = id('-u');
	const gid = id('-g');
	if (uid.status !== 0) {
		throw new Error(
			'PostgreSQL cannot run as root and there is no "postgres" user: apt-get install postgresql'
		);
	}
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startPostgres(): Promise<RunningPostgres> {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL is not installed: apt-get install postgresql');
	const user = clusterUser();
	const dir = mkdtempSync(join(tmpdir(), 'lantoa-pg-'));
	chmodSync(dir, 0o700);
	if (user) chownSync(dir, user.uid, user.gid);
	const data = join(dir, 'data');
	runAs(user, join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'lantoa',
		'--auth=trust',
		'--encoding=UTF8',
		'--locale=C.UTF-8',
		'--no-sync'
	]);
	const port = await freePort();
	const start = () =>
		runAs(user, join(bin, 'pg_ctl'), [
			'-D',
			data,
			'-l',
			join(dir, 'server.log'),
			'-w',
			'-o',
			`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
			'start'
		]);
	start();
	const psql = (database: string, command: string) =>
		runAs(user, join(bin, 'psql'), [
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-U',
			'lantoa',
			'-d',
			database,
			'-v',
			'ON_ERROR_STOP=1',
			'-c',
			command
		]);
	psql('postgres', 'create database lantoa');
	let stopped = false;
	return {
		url: `postgres://lantoa@127.0.0.1:${port}/lantoa`,
		port,
		async createDatabase(name) {
			if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
			psql('postgres', `create database ${name}`);
			return `postgres://lantoa@127.0.0.1:${port}/${name}`;
		},
		pause() {
			runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
		},
		resume() {
			start();
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			try {
				runAs(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} catch {
				// already stopped (paused)
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
