import { sql, type Kysely } from 'kysely';
import { serialKey } from './lib/dialect';

// Frozen in time: never import application code here, never change what it does on a database
// it has run on (./lib/dialect.ts gives PostgreSQL its own words for the same thing).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// A unit's final word on the campaign: its result report, or "no activity organised".
	await db.schema
		.createTable('unit_reports')
		.addColumn('id', 'integer', serialKey(db))
		.addColumn('campaign_id', 'integer', (col) => col.notNull().references('campaigns.id'))
		.addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
		.addColumn('kind', 'text', (col) => col.notNull().check(sql`kind in ('summary','no_activity')`))
		.addColumn('summary', 'text')
		.addColumn('reason', 'text')
		// First submission decides on time / late; revisions keep it.
		.addColumn('reported_at', 'text', (col) => col.notNull())
		.addColumn('updated_at', 'text', (col) => col.notNull())
		.addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
		.addUniqueConstraint('unit_reports_one_per_unit', ['campaign_id', 'unit_id'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('unit_reports').execute();
}
