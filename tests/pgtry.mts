import { startPostgres } from './helpers/postgres';
import { writeFileSync } from 'node:fs';
const pg = await startPostgres();
writeFileSync('/tmp/m/pgurl', pg.url);
console.log(pg.url);
process.on('SIGTERM', async () => {
	await pg.stop();
	process.exit(0);
});
setInterval(() => {}, 1000);
