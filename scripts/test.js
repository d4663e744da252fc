#!/usr/bin/env node
// `npm test`: every check, in order — preflight, prettier and eslint, svelte-check, the build,
// vitest, Playwright, the quick bench — stopping at the first that fails, with the time each took
// at the end. (Vitest and Playwright side by side were tried on 2 cores: 4 servers, 2 browsers and
// 2 vitest workers at once made a graceful shutdown take 29 s instead of under 10, and a kiosk's
// 6-second band come and go before the page could measure it — the machine, not the product.)
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs one step, its output straight to ours; how long it took and how it ended. */
function run(name, command, args) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
		const done = (code) => resolve({ name, code, seconds: (Date.now() - started) / 1000 });
		child.on('error', (error) => {
			console.error(error.message);
			done(1);
		});
		child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
	});
}

const times = [];
async function step(name, command, args) {
	console.log(`\n== ${name}`);
	const result = await run(name, command, args);
	times.push(result);
	if (result.code !== 0) finish(result.code);
}

function finish(code) {
	console.log(
		`\n== ${code === 0 ? 'all passed' : 'failed'}: ` +
			times.map((t) => `${t.name} ${Math.round(t.seconds)} s`).join(', ')
	);
	process.exit(code);
}

await step('preflight', process.execPath, [join(root, 'scripts', 'preflight.js')]);
await step('lint', npm, ['run', 'lint']);
await step('check', npm, ['run', 'check']);
await step('build', npm, ['run', 'build']);

await step('vitest', bin('vitest'), ['run']);
await step('playwright', bin('playwright'), ['test']);
await step('bench', bin('tsx'), [join(root, 'tests', 'bench', 'bench.ts'), '--quick']);
finish(0);
