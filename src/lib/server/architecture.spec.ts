import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The structure issue 11 put in place, kept by a test rather than by memory: SQL only in the
// repositories (and the database's own setup), access decided only by the gate, and no route
// asserting an identity into existence.

const root = join(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
	const found: string[] = [];
	const walk = (path: string) => {
		for (const entry of readdirSync(path)) {
			const full = join(path, entry);
			if (statSync(full).isDirectory()) walk(full);
			else if (/\.(ts|svelte)$/.test(entry) && !/\.spec\.ts$/.test(entry)) found.push(full);
		}
	};
	walk(join(root, dir));
	return found.map((file) => relative(root, file));
}

const SQL = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto)\(|\bsql`|\bsql<[^>]*>`/;

describe('the code keeps its shape', () => {
	it('runs SQL only in repositories and the database setup', () => {
		const offenders = sources('src').filter(
			(file) =>
				!file.startsWith('src/lib/server/repositories/') &&
				!file.startsWith('src/lib/server/db/') &&
				SQL.test(readFileSync(join(root, file), 'utf8'))
		);
		expect(offenders).toEqual([]);
	});

	it('decides access in the gate only: no route looks up a token or a session itself', () => {
		const offenders = sources('src/routes').filter((file) =>
			/findUnitByToken|findPrincipal|bearerToken|locals\.principal!|locals\.unit!/.test(
				readFileSync(join(root, file), 'utf8')
			)
		);
		expect(offenders).toEqual([]);
	});
});
