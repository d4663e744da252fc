import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never change what it does on a database
// it has run on (./lib/dialect.ts gives PostgreSQL its own words for the same thing).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// A kiosk preset's language (issue 14): null follows the screen's own choice (Vietnamese by
	// default), 'en' shows the event screen in English for a visiting delegation.
	await db.schema
		.alterTable('kiosk_presets')
		.addColumn('lang', 'text', (col) => col.check(sql`lang in ('vi','en')`))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('kiosk_presets').dropColumn('lang').execute();
}
