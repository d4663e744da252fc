import type { FullConfig } from '@playwright/test';
import { startServer } from '../helpers/server';

/**
 * One real built server with a temporary database for each Playwright worker (shared.ts picks
 * the worker's own): the files run two at a time, each worker's one after another.
 */
export default async function globalSetup(config: FullConfig) {
	const servers = await Promise.all(
		Array.from({ length: Math.max(1, config.workers) }, async (_, slot) => {
			const server = await startServer();
			const env = (name: string, value: string) =>
				(process.env[`LANTOA_E2E_${name}_${slot}`] = value);
			env('URL', server.url);
			env('DB', server.dbPath);
			env('TOKEN_SO_YT', await server.issueToken('SO-YT'));
			env('TOKEN_WARD', await server.issueToken('03388'));
			// A leader (read-only role) for the views whose content depends on the role.
			env('LEADER_PASSWORD', await server.createAccount('leader', 'lanhdao-e2e'));
			return server;
		})
	);
	return async () => {
		await Promise.all(servers.map((server) => server.cleanup()));
	};
}
