import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after it has shipped.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// A unit link is now derived from this random nonce with a server key kept outside the
	// database, so the server can show it again (for reminders) while a leaked database still
	// holds no working link. Links issued before this have no nonce and cannot be shown again.
	await db.schema.alterTable('unit_tokens').addColumn('nonce', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('unit_tokens').dropColumn('nonce').execute();
}
