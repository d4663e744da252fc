import { startPostgres } from './postgres';

// vitest's global setup for the "postgres" project: one throwaway PostgreSQL cluster for the whole
// run (tests/helpers/postgres.ts); each test server gets a database of its own in it
// (tests/helpers/server.ts). The workers that run the tests inherit its address.
export default async function setup(): Promise<() => Promise<void>> {
	const cluster = await startPostgres();
	process.env.LANTOA_TEST_POSTGRES_URL = cluster.url;
	return () => cluster.stop();
}
