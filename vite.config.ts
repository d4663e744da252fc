import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './src/lib/i18n/options.ts';
import { publishHttpServer } from './src/lib/server/realtime/http-server.ts';

/**
 * Thin glue: the Socket.IO hub itself lives in src/lib/server/realtime and is attached by the
 * app's `init` hook. Here we only hand it Vite's HTTP server, so `npm run dev` and
 * `vite preview` get the same realtime behaviour as the production server (scripts/start.js).
 */
function realtimeGlue(): Plugin {
	return {
		name: 'lantoa-realtime-glue',
		configureServer(server) {
			// Under vitest there is no HTTP server (middleware mode); nothing to attach to.
			if (server.httpServer) publishHttpServer(server.httpServer);
		},
		configurePreviewServer(server) {
			publishHttpServer(server.httpServer);
		}
	};
}

const PARAGLIDE_RUNTIME = fileURLToPath(new URL('./src/lib/paraglide/runtime.js', import.meta.url));
const BROWSER_RUNTIME = fileURLToPath(
	new URL('./src/lib/i18n/browser-runtime.ts', import.meta.url)
);

/**
 * The browser's bundles get src/lib/i18n/browser-runtime.ts instead of Paraglide's runtime: the
 * server decides the language and the page only reads it from <html lang> (see that file for why).
 */
function browserLocaleRuntime(): Plugin {
	return {
		name: 'lantoa-browser-locale-runtime',
		enforce: 'pre',
		async resolveId(source, importer, options) {
			if (options.ssr || !importer || !source.includes('runtime')) return null;
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			return resolved?.id === PARAGLIDE_RUNTIME ? BROWSER_RUNTIME : null;
		}
	};
}

/** A test for module ids: any of these paths (`/` matching either separator). */
function modules(...paths: string[]): RegExp {
	const escaped = paths.map((path) => path.replace(/[.]/g, '\\.').replace(/\//g, '[\\\\/]'));
	return new RegExp(`(${escaped.join('|')})`);
}

/**
 * How the browser's scripts are cut into files. Left to itself the bundler makes one file for
 * each set of pages sharing some modules; with two languages' messages that was 24 scripts for a
 * unit's first visit (19 before), and on Slow 3G each wave of six costs a 400 ms round trip
 * (measured by the bench: loaded at 3.3 s). Here the modules every screen needs are one file
 * each — Svelte, SvelteKit, the live connection, the small shared helpers — and the small pieces
 * the pages with a header share (skip link, language switch, date field…) one more: 16 scripts,
 * loaded at 2.7 s. A module lands in a file whole, so a page may carry a few hundred bytes it
 * does not run (a sign-in page the date field); the kiosk carries none of the last group.
 * Measured by `npm run bench` (files, gzip size per page, the 3G first visit).
 */
const CHUNK_GROUPS = [
	// Svelte's runtime: one module re-exports all of it, so every page had it all anyway.
	{ name: 'svelte', test: modules('node_modules/svelte/', 'node_modules/clsx/'), priority: 3 },
	// SvelteKit's client, except form enhancement (the pages with forms only).
	{
		name: 'kit',
		test: (id: string) =>
			modules('node_modules/@sveltejs/kit/', 'node_modules/devalue/').test(id) &&
			!modules('app/forms', 'runtime/server').test(id),
		priority: 3
	},
	// The live connection: Socket.IO's client and what follows the numbers.
	{
		name: 'live',
		test: modules(
			'node_modules/socket.io-client/',
			'node_modules/socket.io-parser/',
			'node_modules/engine.io-client/',
			'node_modules/engine.io-parser/',
			'node_modules/@socket.io/component-emitter/',
			'src/lib/state/live-stats.svelte.ts',
			'src/lib/domain/stats-delta.ts'
		),
		priority: 3
	},
	// What nearly every page reads: the language, the campaign's lists, dates and numbers.
	{
		name: 'base',
		test: modules(
			'src/lib/i18n/browser-runtime.ts',
			'src/lib/i18n/locale-tag.ts',
			'src/lib/i18n/labels.ts',
			'src/lib/paraglide/registry.js',
			'src/lib/domain/campaign.ts',
			'src/lib/domain/dates.ts',
			'src/lib/domain/share.ts'
		),
		priority: 2
	},
	// Small pieces shared by the pages with a header (not the kiosk).
	{
		name: 'common',
		test: modules(
			'src/lib/components/common/SkipLink.svelte',
			'src/lib/components/common/LangSwitch.svelte',
			'src/lib/components/common/OutsideWindowBadge.svelte',
			'src/lib/components/common/PhotoStrip.svelte',
			'src/lib/components/common/DateField.svelte',
			'src/lib/components/common/Field.svelte',
			'src/lib/components/common/FieldError.svelte',
			'src/lib/ui/reveal.ts',
			'src/lib/state/activity-changes.ts',
			'src/lib/domain/activity-dates.ts',
			'src/lib/domain/date-input.ts',
			'src/lib/i18n/phase.ts',
			'src/lib/i18n/locale.ts'
		),
		priority: 1
	}
];

export default defineConfig({
	plugins: [
		realtimeGlue(),
		// Messages (src/lib/i18n/messages/*.json) compiled into typed functions in src/lib/paraglide.
		paraglideVitePlugin(paraglideOptions),
		browserLocaleRuntime(),
		sveltekit()
	],
	build: {
		rolldownOptions: { output: { codeSplitting: { groups: CHUNK_GROUPS } } }
	},
	test: {
		environment: 'node',
		// Time the work needs on a busy 2-core machine (several real servers and CLI processes at once).
		testTimeout: 90_000,
		hookTimeout: 120_000,
		// Integration suites each start a real built server (and the CLI, tsx, for links) and spend
		// much of their time waiting on them: two files at a time keep both cores busy without
		// oversubscribing them (measured in the README's Test it: 833 s one at a time).
		fileParallelism: true,
		maxWorkers: 2,
		projects: [
			{
				extends: true,
				test: { name: 'sqlite', include: ['src/**/*.spec.ts', 'tests/integration/**/*.test.ts'] }
			},
			{
				// The integration suite again, each test server on PostgreSQL (a throwaway cluster
				// started by the global setup), except what is about SQLite's file itself.
				extends: true,
				test: {
					name: 'postgres',
					include: ['tests/integration/**/*.test.ts'],
					exclude: [
						// a SQLite file copied, checked and restored (PostgreSQL: pg_dump)
						'tests/integration/backup.test.ts',
						// a read-only or full SQLite file, a corrupt one
						'tests/integration/database-faults.test.ts',
						// start a PostgreSQL cluster of their own
						'tests/integration/postgres-migrations.test.ts',
						'tests/integration/postgres-outage.test.ts',
						// copies a SQLite file into a cluster of its own
						'tests/integration/migrate-to.test.ts',
						// a Redis and two instances of its own
						'tests/integration/redis-outage.test.ts',
						// no server
						'tests/integration/preflight.test.ts'
					],
					env: { LANTOA_TEST_DATABASE: 'postgres' },
					globalSetup: ['tests/helpers/postgres-setup.ts']
				}
			}
		]
	}
});
