import { readdir } from 'node:fs/promises';
import type { Migration, MigrationProvider } from 'kysely';

/**
 * The command line's migrations: the `migrations/` folder's files, each imported by a path
 * relative to this file. Under tsx that is a plain dynamic import; in the CLI's bundle
 * (scripts/build-cli.js) esbuild sees the pattern and bundles every file it matches, so plain
 * Node runs it without a TypeScript loader (Kysely's FileMigrationProvider imports by absolute
 * path, which a bundle cannot follow). The server has its own list, through Vite
 * (migrations.ts).
 */
export function folderMigrations(folder: string): MigrationProvider {
	return {
		async getMigrations() {
			const files = (await readdir(folder))
				.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
				.sort();
			const migrations: Record<string, Migration> = {};
			for (const file of files) {
				const module: Migration = await import(`../../../../migrations/${file}`);
				migrations[file.replace(/\.ts$/, '')] = { up: module.up, down: module.down };
			}
			return migrations;
		}
	};
}
