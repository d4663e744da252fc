import { sql, type Kysely } from 'kysely';
import { nowText, serialKey } from './lib/dialect';

// Frozen in time: never import application code here, never change what it does on a database
// it has run on (./lib/dialect.ts gives PostgreSQL its own words for the same thing).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Named kiosk settings an administrator saves, so a technician types only /k/<name>.
	await db.schema
		.createTable('kiosk_presets')
		.addColumn('id', 'integer', serialKey(db))
		.addColumn('name', 'text', (col) => col.notNull().unique())
		.addColumn('slides', 'text', (col) => col.notNull())
		.addColumn('interval', 'integer', (col) => col.notNull())
		.addColumn('theme', 'text', (col) => col.notNull().check(sql`theme in ('dark','light')`))
		.addColumn('unit_code', 'text')
		.addColumn('created_at', 'text', (col) => col.notNull().defaultTo(nowText(db)))
		.addColumn('updated_at', 'text', (col) => col.notNull().defaultTo(nowText(db)))
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('kiosk_presets').execute();
}
