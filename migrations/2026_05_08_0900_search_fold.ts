import { sql, type Kysely } from 'kysely';
import { isPostgres } from './lib/dialect';

// Frozen in time: never import application code here, never change what it does on a database
// it has run on (./lib/dialect.ts gives PostgreSQL its own words for the same thing).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Search folds text on both sides — lower case, Vietnamese diacritics removed, đ → d, spaces
	// collapsed — so "hoi thao" finds "Hội thảo". SQLite gets the function from the app when the
	// database is opened; PostgreSQL keeps it in the database. The same steps as the app's
	// foldText: decompose (NFD), drop the combining marks U+0300–U+036F, đ/Đ → d, lower case,
	// whitespace runs → one space, trimmed. Every Vietnamese letter decomposes to an ASCII letter
	// and marks, so lower() needs no particular locale.
	if (!isPostgres(db)) return;
	// (Backslashes doubled: the SQL receives \u0300 and \s for PostgreSQL's regular expressions.)
	await sql`
		create or replace function fold_text(value text) returns text
		language sql immutable strict parallel safe
		as $$
			select btrim(regexp_replace(
				lower(translate(regexp_replace(normalize(value, NFD), '[\\u0300-\\u036f]', '', 'g'), 'đĐ', 'dd')),
				'\\s+', ' ', 'g'))
		$$
	`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) await sql`drop function if exists fold_text(text)`.execute(db);
}
