import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/server';

const preflight = (env: Record<string, string>) =>
	spawnSync(process.execPath, [join(root, 'scripts/preflight.js')], {
		cwd: root,
		env: { ...process.env, ...env },
		encoding: 'utf8'
	});

describe('npm test preflight', () => {
	it('passes quietly when everything the tests need is installed', () => {
		const result = preflight({});
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
	});

	it('stops at once with the exact command when a program is missing and it may not install', () => {
		const result = preflight({
			PLAYWRIGHT_CHROMIUM_PATH: '/khong/co/chromium',
			PREFLIGHT_INSTALL: '0'
		});
		expect(result.status).toBe(1);
		expect(result.stdout).toContain('missing Chromium (Playwright)');
		expect(result.stderr).toContain("sudo sh -c 'apt-get update && apt-get install -y chromium'");
	});

	it('is what npm test runs first', () => {
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(pkg.scripts.test).toBe('node scripts/test.js');
		// scripts/test.js: its first step, before lint, build and the suites.
		const steps = [
			...readFileSync(join(root, 'scripts/test.js'), 'utf8').matchAll(/await step\('([a-z]+)'/g)
		].map((match) => match[1]);
		expect(steps).toEqual(['preflight', 'lint', 'check', 'build', 'vitest', 'playwright', 'bench']);
	});
});
