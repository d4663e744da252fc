import type { Migration, MigrationProvider } from 'kysely';

/**
 * The app's migrations, bundled by Vite so they exist in dev, in vitest and in the production
 * build alike (the build has no `migrations/` folder to read at run time).
 */
const modules = import.meta.glob<Migration>('/migrations/*.ts', { eager: true });

export const bundledMigrations: MigrationProvider = {
	async getMigrations() {
		const migrations: Record<string, Migration> = {};
		for (const [path, module] of Object.entries(modules)) {
			const name = path.split('/').pop()!.replace(/\.ts$/, '');
			migrations[name] = { up: module.up, down: module.down };
		}
		return migrations;
	}
};
