import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after it has shipped.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Named kiosk settings an administrator saves, so a technician types only /k/<name>.
	await db.schema
		.createTable('kiosk_presets')
		.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
		.addColumn('name', 'text', (col) => col.notNull().unique())
		.addColumn('slides', 'text', (col) => col.notNull())
		.addColumn('interval', 'integer', (col) => col.notNull())
		.addColumn('theme', 'text', (col) => col.notNull().check(sql`theme in ('dark','light')`))
		.addColumn('unit_code', 'text')
		.addColumn('created_at', 'text', (col) =>
			col.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
		)
		.addColumn('updated_at', 'text', (col) =>
			col.notNull().defaultTo(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
		)
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('kiosk_presets').execute();
}
