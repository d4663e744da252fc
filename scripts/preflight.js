#!/usr/bin/env node
// `npm test` runs this first. The tests drive real programs that npm cannot install: Debian's
// Chromium (Playwright may not download browsers here), LibreOffice Writer and poppler (the Word
// report is rendered to PDF and its lines read back), PostgreSQL (a throwaway cluster) and Redis
// (a throwaway server). When one is missing we install it with
// apt-get if we can (root on Debian), otherwise we stop at once with the exact command to run —
// never a wall of failing tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

/** What the tests need: a program to look for, and the Debian packages that provide it. */
const NEEDS = [
	{
		what: 'Chromium (Playwright)',
		present: () => existsSync(process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium'),
		packages: ['chromium']
	},
	{
		what: 'LibreOffice Writer (Word report rendered to PDF)',
		present: () => onPath('soffice'),
		packages: ['libreoffice-writer-nogui']
	},
	{
		what: 'pdftotext (reads the rendered report)',
		present: () => onPath('pdftotext'),
		packages: ['poppler-utils']
	},
	{
		// A throwaway cluster per test run (tests/helpers/postgres.ts): initdb, pg_ctl, psql.
		what: 'PostgreSQL (the integration suite runs on it too)',
		present: () => postgresInstalled(),
		packages: ['postgresql']
	},
	{
		// A throwaway redis-server on a free port (tests/helpers/redis.ts): several instances.
		what: 'Redis (several instances share their screens through it)',
		present: () => onPath('redis-server'),
		packages: ['redis-server']
	},
	{
		// Liberation Serif has Times New Roman's metrics, so LibreOffice breaks lines as Word does.
		what: 'Liberation fonts (Times New Roman metrics)',
		present: () => fontInstalled('Liberation Serif'),
		packages: ['fonts-liberation']
	}
];

function onPath(program) {
	return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

/** Debian keeps the server's programs under /usr/lib/postgresql/<version>/bin, not on PATH. */
function postgresInstalled() {
	const base = '/usr/lib/postgresql';
	if (existsSync(base) && readdirSync(base).some((v) => existsSync(`${base}/${v}/bin/initdb`))) {
		return true;
	}
	return onPath('initdb');
}

function fontInstalled(family) {
	const result = spawnSync('fc-list', [family], { encoding: 'utf8' });
	return result.status === 0 && result.stdout.includes(family);
}

const missing = NEEDS.filter((need) => !need.present());
if (missing.length === 0) process.exit(0);

const packages = [...new Set(missing.flatMap((need) => need.packages))];
const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
console.log(`preflight: missing ${missing.map((need) => need.what).join(', ')}`);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
// PREFLIGHT_INSTALL=0: never run apt-get, only say what to install.
const mayInstall = process.env.PREFLIGHT_INSTALL !== '0';
if (!isRoot || !mayInstall || !onPath('apt-get')) {
	console.error(
		`preflight: the tests need these Debian packages. Install them, then run npm test again:\n\n` +
			`  sudo sh -c '${command}'\n`
	);
	process.exit(1);
}

console.log(`preflight: installing ${packages.join(' ')} (apt-get, as root)`);
try {
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '-qq', ...packages], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env
	});
} catch {
	console.error(
		`preflight: apt-get failed. Run it by hand, then npm test again:\n\n  ${command}\n`
	);
	process.exit(1);
}
const still = NEEDS.filter((need) => !need.present());
if (still.length > 0) {
	console.error(`preflight: still missing after install: ${still.map((n) => n.what).join(', ')}`);
	process.exit(1);
}
console.log('preflight: ready');
