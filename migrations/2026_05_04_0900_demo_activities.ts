import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after it has shipped.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Sample activities of `cli demo` (sent with demo tokens) are marked, so they can be named on
	// every screen and export, and removed without touching real reports.
	await db.schema
		.alterTable('activities')
		.addColumn('demo', 'integer', (col) => col.notNull().defaultTo(0))
		.execute();
	// Demo runs before this migration used keys "demo:<uuid>" with demo tokens only.
	await sql`update activities set demo = 1 where idempotency_key like 'demo:%'`.execute(db);
	await db.schema
		.createIndex('activities_demo')
		.on('activities')
		.column('campaign_id')
		.where(sql.ref('demo'), '=', 1)
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('activities_demo').execute();
	await db.schema.alterTable('activities').dropColumn('demo').execute();
}
