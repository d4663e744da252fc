import type { Server as Http1Server } from 'node:http';
import type { Http2SecureServer } from 'node:http2';

/** Whatever HTTP server the runner created: Vite may use HTTP/2 with TLS in dev. */
export type HttpServer = Http1Server | Http2SecureServer;

/**
 * The HTTP server is created by whoever runs the app (Vite in dev/preview, scripts/start.js in
 * production). Module variables are not shared between Vite's config graph, the SSR graph and
 * the bundled build, so the hand-over goes through a global symbol. scripts/start.js uses the
 * same symbol name.
 */
const HTTP_SERVER_KEY = Symbol.for('lantoa.httpServer');

type GlobalWithServer = typeof globalThis & { [HTTP_SERVER_KEY]?: HttpServer };

export function publishHttpServer(server: HttpServer): void {
	(globalThis as GlobalWithServer)[HTTP_SERVER_KEY] = server;
}

export function publishedHttpServer(): HttpServer | undefined {
	return (globalThis as GlobalWithServer)[HTTP_SERVER_KEY];
}
