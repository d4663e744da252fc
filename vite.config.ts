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

export default defineConfig({
	plugins: [
		realtimeGlue(),
		// Messages (src/lib/i18n/messages/*.json) compiled into typed functions in src/lib/paraglide.
		paraglideVitePlugin(paraglideOptions),
		browserLocaleRuntime(),
		sveltekit()
	],
	test: {
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 120_000,
		// Integration suites each start a real built server; run files one after another so the
		// 2-core CI machine is not oversubscribed.
		fileParallelism: false,
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
