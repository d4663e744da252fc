import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after it has shipped.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// The dates an activity may carry (null: 30 days before the window opens to the report
	// deadline); outside them a submission is refused.
	await db.schema.alterTable('campaigns').addColumn('accept_from', 'text').execute();
	await db.schema.alterTable('campaigns').addColumn('accept_to', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('campaigns').dropColumn('accept_to').execute();
	await db.schema.alterTable('campaigns').dropColumn('accept_from').execute();
}
