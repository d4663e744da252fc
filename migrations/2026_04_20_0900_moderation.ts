import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after it has shipped.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// A unit may withdraw an activity it reported; the row stays (its idempotency key must keep
	// answering) but it no longer counts anywhere.
	await db.schema.alterTable('activities').addColumn('withdrawn_at', 'text').execute();
	await db.schema.alterTable('activities').addColumn('moderated_at', 'text').execute();
	await db.schema.alterTable('activities').addColumn('moderated_by', 'text').execute();
	// Exemplary models (điển hình) the letter asks to commend and replicate.
	await db.schema
		.alterTable('activities')
		.addColumn('exemplary', 'integer', (col) => col.notNull().defaultTo(0))
		.execute();
	await db.schema.alterTable('activities').addColumn('exemplary_note', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	for (const column of [
		'exemplary_note',
		'exemplary',
		'moderated_by',
		'moderated_at',
		'withdrawn_at'
	]) {
		await db.schema.alterTable('activities').dropColumn(column).execute();
	}
}
