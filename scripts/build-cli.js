// The command line as one file, build/cli.mjs, for plain Node: `npm run build` makes it after
// the app. Loading scripts/cli.ts through tsx costs about 1.5 s a call (most of it the loader
// transforming some 200 modules); the bundle about 0.5 s. The test harness calls the CLI some
// two hundred times a run. Packages stay outside the bundle (node_modules, as the server's).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
	absWorkingDir: root,
	entryPoints: ['scripts/cli.ts'],
	outfile: 'build/cli.mjs',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	logLevel: 'warning'
});
