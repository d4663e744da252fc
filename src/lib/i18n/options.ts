import type { CompilerOptions } from '@inlang/paraglide-js';

/**
 * How the messages (src/lib/i18n/messages/{vi,en}.json) are compiled into typed functions in
 * src/lib/paraglide: by Vite's plugin for `vite build`/`vite dev`/vitest, and by scripts/i18n.ts
 * before `svelte-check` and ESLint, which read the compiled module.
 *
 * The language shown is decided by the server for each request (src/hooks.server.ts:
 * requestLocale — ?lang=, a kiosk preset, the cookie named here, then Vietnamese) and set where
 * the runtime reads it first; outside a request (the CLI, tests) it is the base locale. The
 * browser does not decide: it reads the language its page was rendered in
 * (src/lib/i18n/browser-runtime.ts).
 */
export const paraglideOptions = {
	project: './src/lib/i18n/project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['cookie', 'baseLocale'],
	cookieName: 'lantoa-lang'
} satisfies CompilerOptions;
