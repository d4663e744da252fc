import { startServer, TEST_ADMIN } from '../helpers/server';
import { seedActivities } from './exports';
const server = await startServer({ env: { NODE_OPTIONS: '--expose-gc' } });
try {
	const cookie = await server.login(TEST_ADMIN.username, TEST_ADMIN.password);
	seedActivities(server.dbPath, 60000);
	const r = await fetch(`${server.url}/dashboard/export/xlsx`, { headers: { Cookie: cookie } });
	await r.arrayBuffer();
	console.log(
		server
			.output()
			.split('\n')
			.filter((l) => l.includes('DEBUG'))
			.filter((_, i) => i % 3 === 0)
			.join('\n')
	);
} finally {
	await server.cleanup();
}
