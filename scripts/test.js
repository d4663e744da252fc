#!/usr/bin/env node
// `npm test`: every check, in order — preflight, prettier and eslint, svelte-check, the build —
// then vitest and Playwright side by side, then the quick bench. The two suites mostly wait (on
// their servers, pages, sockets and animations: one Playwright worker kept 2 cores about 30 %
// busy), so together they take little longer than the longer one alone. Their lines are printed
// as they come, each with its suite's name in front; the bench runs alone, since it measures.
// Exits with the first failure's code once both suites have finished.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs one step; its output line by line, prefixed when it runs beside another. */
function run(name, command, args, prefix = '') {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(command, args, {
			cwd: root,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: process.env
		});
		for (const [from, to] of [
			[child.stdout, process.stdout],
			[child.stderr, process.stderr]
		]) {
			let rest = '';
			from.on('data', (chunk) => {
				const lines = (rest + chunk.toString()).split('\n');
				rest = lines.pop() ?? '';
				for (const line of lines) to.write(`${prefix}${line}\n`);
			});
			from.on('end', () => rest && to.write(`${prefix}${rest}\n`));
		}
		child.on('error', (error) => {
			console.error(`${prefix}${error.message}`);
			resolve({ name, code: 1, seconds: (Date.now() - started) / 1000 });
		});
		child.on('close', (code, signal) =>
			resolve({ name, code: code ?? (signal ? 1 : 0), seconds: (Date.now() - started) / 1000 })
		);
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

console.log('\n== vitest and playwright, side by side');
const suites = await Promise.all([
	run('vitest', bin('vitest'), ['run'], '[vitest] '),
	run('playwright', bin('playwright'), ['test'], '[playwright] ')
]);
times.push(...suites);
const failed = suites.find((suite) => suite.code !== 0);
if (failed) finish(failed.code);

await step('bench', bin('tsx'), [join(root, 'tests', 'bench', 'bench.ts'), '--quick']);
finish(0);
