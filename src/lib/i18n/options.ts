import type { CompilerOptions } from '@inlang/paraglide-js';

/**
 * How the messages (src/lib/i18n/messages/{vi,en}.json) are compiled into typed functions in
 * src/lib/paraglide: by Vite's plugin for `vite build`/`vite dev`/vitest, and by scripts/i18n.ts
 * before `svelte-check` and ESLint, which read the compiled module.
 *
 * The language shown: ?lang= on the URL (which also sets the cookie), then the cookie, then
 * Vietnamese. Never the browser's Accept-Language: an official's English browser still gets
 * Vietnamese. 'custom-page' (?lang=) is defined in src/hooks.server.ts. The browser does not
 * decide: it reads the language its page was rendered in (src/lib/i18n/browser-runtime.ts).
 */
export const paraglideOptions = {
	project: './src/lib/i18n/project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['custom-page', 'cookie', 'baseLocale'],
	cookieName: 'lantoa-lang'
} satisfies CompilerOptions;
