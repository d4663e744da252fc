import type { Kysely } from 'kysely';
import { nowText } from './lib/dialect';

// Frozen in time: never import application code here, never change what it does on a database
// it has run on (./lib/dialect.ts gives PostgreSQL its own words for the same thing).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Photo evidence of an activity (issue 12): the files live under the photos folder by the
	// SHA-256 of their re-encoded bytes; this table says which activity shows which, in order.
	await db.schema
		.createTable('activity_photos')
		.addColumn('activity_id', 'integer', (col) =>
			col.notNull().references('activities.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (col) => col.notNull())
		.addColumn('hash', 'text', (col) => col.notNull())
		.addColumn('width', 'integer', (col) => col.notNull())
		.addColumn('height', 'integer', (col) => col.notNull())
		.addColumn('bytes', 'integer', (col) => col.notNull())
		.addColumn('created_at', 'text', (col) => col.notNull().defaultTo(nowText(db)))
		.addPrimaryKeyConstraint('activity_photos_pk', ['activity_id', 'hash'])
		.execute();
	// Which activities show a photo: a photo file is kept while any activity references it.
	await db.schema
		.createIndex('activity_photos_hash')
		.on('activity_photos')
		.column('hash')
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('activity_photos').execute();
}
