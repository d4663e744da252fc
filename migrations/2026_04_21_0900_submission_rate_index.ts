import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after it has shipped.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// The per-unit submission rate limit counts a unit's recent activities on every submission.
	await db.schema
		.createIndex('activities_unit_created')
		.on('activities')
		.columns(['unit_id', 'created_at'])
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('activities_unit_created').execute();
}
