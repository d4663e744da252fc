import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
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

export default defineConfig({
	plugins: [realtimeGlue(), sveltekit()],
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 120_000,
		// Integration suites each start a real built server; run files one after another so the
		// 2-core CI machine is not oversubscribed.
		fileParallelism: false
	}
});
