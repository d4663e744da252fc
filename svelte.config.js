import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// One id per build. svelte.config.js is loaded more than once during a build (server and client
// environments); keeping the id in the environment makes every load agree.
process.env.LANTOA_BUILD_ID ||= `${Date.now().toString(36)}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true,
		// Svelte announces its version to the page (window.__svelte.v) from a file of its own: one
		// more request on a unit's first visit over 3G and 0.1 KB on the kiosk's 60 KB, for nothing
		// we use.
		discloseVersion: false
	},
	kit: {
		adapter: adapter({ out: 'build' }),
		// Scripts only from our own origin (SvelteKit's inline bootstrap gets a nonce); user text is
		// always rendered as text. Inline styles stay allowed: Svelte's style: directives and
		// chart.js set style attributes. frame-ancestors is set per route in hooks.server.ts.
		// A unit on a weak network opens its page once: the page's small stylesheets come inside
		// its HTML rather than as separate requests (the browser's six connections each wait a
		// round trip per file; on 3G that cost more than the bytes). See the bench's first visit.
		inlineStyleThreshold: 4096,
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				// blob: for the previews of photos chosen on the unit's page (made on the phone itself)
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		// The cross-site form check runs in our hook (src/lib/server/auth/gate.ts): the same rule,
		// with refusals in each route's own shape. Turning SvelteKit's copy off is how to do that.
		csrf: { trustedOrigins: ['*'] },
		// Registered by the unit page only (src/routes/u/[token]/+page.svelte): the kiosk and the
		// dashboard neither need it nor carry its bootstrap.
		serviceWorker: { register: false },
		version: {
			// The kiosk compares this to reload itself after a deploy (see the realtime hub).
			name: process.env.LANTOA_BUILD_ID
		}
	}
};

export default config;
