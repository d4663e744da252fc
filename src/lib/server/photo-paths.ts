import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ServerConfig } from './config';
import { databasePath } from './db/open';
import { isPostgresAddress } from './db/postgres';

// Where photo files live: kept apart from photos.ts (which loads sharp) so that backups and the
// CLI can find them without the image library.

/**
 * Where the photos are kept: PHOTOS_DIR, or `photos` beside the database (a database in memory,
 * as in unit tests, keeps them in a folder of its own under the system's temporary folder; with
 * PostgreSQL, ./data/photos — instances on several machines need PHOTOS_DIR on a shared disk).
 */
export function photosDir(config: Pick<ServerConfig, 'PHOTOS_DIR' | 'DATABASE_URL'>): string {
	if (config.PHOTOS_DIR) return config.PHOTOS_DIR;
	if (isPostgresAddress(config.DATABASE_URL)) return join('data', 'photos');
	const file = databasePath(config.DATABASE_URL);
	if (file === ':memory:') return join(tmpdir(), `lantoa-photos-${process.pid}`);
	return join(dirname(file), 'photos');
}

/** Where a photo and its thumbnail live under `dir` (two levels by hash, as git does). */
export function photoPaths(dir: string, hash: string): { photo: string; thumbnail: string } {
	if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('not a photo hash');
	const folder = join(dir, hash.slice(0, 2));
	return { photo: join(folder, `${hash}.jpg`), thumbnail: join(folder, `${hash}-nho.jpg`) };
}
