/**
 * The shared server of this Playwright worker: global-setup.ts starts one per worker, so two
 * files running at once never share data, and the files of one worker share theirs one after
 * another, as before. Its address, its SQLite file, two units' tokens and a leader's password.
 * (Playwright numbers a worker's slot in TEST_PARALLEL_INDEX, 0 up to workers - 1.)
 */
export function shared(
	name: 'URL' | 'DB' | 'TOKEN_SO_YT' | 'TOKEN_WARD' | 'LEADER_PASSWORD'
): string {
	const slot = process.env.TEST_PARALLEL_INDEX ?? '0';
	const value = process.env[`LANTOA_E2E_${name}_${slot}`];
	if (!value)
		throw new Error(`no shared server for worker slot ${slot} (LANTOA_E2E_${name}_${slot})`);
	return value;
}
