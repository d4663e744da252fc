/**
 * Compiles the messages as `vite build` does, for the tools that read src/lib/paraglide without
 * Vite (svelte-check, ESLint): `npm run i18n`. With --if-missing (before `npm run cli`) it compiles
 * only when nothing was compiled yet: files rewritten under src/ would make the server's start
 * script rebuild.
 */
import { existsSync } from 'node:fs';
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../src/lib/i18n/options.ts';

const ifMissing = process.argv.includes('--if-missing');
if (!ifMissing || !existsSync(`${paraglideOptions.outdir}/runtime.js`)) {
	await compile(paraglideOptions);
}
