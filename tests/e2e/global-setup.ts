import { startServer } from '../helpers/server';

/** One real built server with a temporary database for the whole browser suite. */
export default async function globalSetup() {
	const server = await startServer();
	process.env.LANTOA_E2E_URL = server.url;
	process.env.LANTOA_E2E_DB = server.dbPath;
	process.env.LANTOA_E2E_TOKEN_SO_YT = await server.issueToken('SO-YT');
	process.env.LANTOA_E2E_TOKEN_WARD = await server.issueToken('03388');
	// A leader (read-only role) for the views whose content depends on the role.
	process.env.LANTOA_E2E_LEADER_PASSWORD = await server.createAccount('leader', 'lanhdao-e2e');
	return async () => {
		await server.cleanup();
	};
}
