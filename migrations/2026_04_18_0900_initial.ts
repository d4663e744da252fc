import { sql, type Kysely } from 'kysely';
import { nowText, serialKey } from './lib/dialect';

// Frozen in time: never import application code here, never change what it does on a database
// it has run on (./lib/dialect.ts gives PostgreSQL its own words for the same thing).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('campaigns')
		.addColumn('id', 'integer', serialKey(db))
		.addColumn('slug', 'text', (col) => col.notNull().unique())
		.addColumn('title', 'text', (col) => col.notNull())
		.addColumn('issuer', 'text', (col) => col.notNull())
		.addColumn('letter_ref', 'text')
		.addColumn('based_on', 'text')
		.addColumn('signer', 'text')
		.addColumn('timezone', 'text', (col) => col.notNull().defaultTo('Asia/Ho_Chi_Minh'))
		.addColumn('event_day', 'text', (col) => col.notNull())
		.addColumn('window_from', 'text', (col) => col.notNull())
		.addColumn('window_to', 'text', (col) => col.notNull())
		.addColumn('report_due_before', 'text', (col) => col.notNull())
		.addColumn('slogan', 'text', (col) => col.notNull())
		.addColumn('themes', 'text', (col) => col.notNull().defaultTo('[]'))
		.addColumn('linked_days', 'text', (col) => col.notNull().defaultTo('[]'))
		.addColumn('moderation', 'integer', (col) => col.notNull().defaultTo(0))
		.addColumn('cutoff_at', 'text')
		.addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
		// Bumped in the same transaction as every change, so clients can tell a snapshot's age.
		.addColumn('seq', 'integer', (col) => col.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (col) => col.notNull().defaultTo(nowText(db)))
		.execute();

	await db.schema
		.createTable('units')
		.addColumn('id', 'integer', serialKey(db))
		.addColumn('code', 'text', (col) => col.notNull().unique())
		.addColumn('name', 'text', (col) => col.notNull())
		.addColumn('short_name', 'text')
		.addColumn('kind', 'text', (col) =>
			col.notNull().check(sql`kind in ('front','department','agency','commune','ward')`)
		)
		.addColumn('verified', 'integer', (col) => col.notNull().defaultTo(1))
		.addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
		.addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
		.addColumn('contact_name', 'text')
		.addColumn('contact_phone', 'text')
		.addColumn('contact_email', 'text')
		.addColumn('note', 'text')
		.addColumn('created_at', 'text', (col) => col.notNull().defaultTo(nowText(db)))
		.execute();

	await db.schema
		.createTable('unit_tokens')
		.addColumn('id', 'integer', serialKey(db))
		.addColumn('unit_id', 'integer', (col) =>
			col.notNull().references('units.id').onDelete('cascade')
		)
		// Only the SHA-256 of the secret is stored; the link itself is shown once.
		.addColumn('token_hash', 'text', (col) => col.notNull().unique())
		.addColumn('purpose', 'text', (col) =>
			col
				.notNull()
				.defaultTo('link')
				.check(sql`purpose in ('link','demo')`)
		)
		.addColumn('created_at', 'text', (col) => col.notNull().defaultTo(nowText(db)))
		.addColumn('revoked_at', 'text')
		.execute();
	await db.schema.createIndex('unit_tokens_unit').on('unit_tokens').column('unit_id').execute();

	await db.schema
		.createTable('activities')
		.addColumn('id', 'integer', serialKey(db))
		.addColumn('campaign_id', 'integer', (col) => col.notNull().references('campaigns.id'))
		.addColumn('unit_id', 'integer', (col) => col.notNull().references('units.id'))
		.addColumn('type', 'text', (col) =>
			col.notNull().check(sql`type in ('banner','media','event','movement','honor')`)
		)
		.addColumn('title', 'text', (col) => col.notNull())
		.addColumn('description', 'text')
		.addColumn('start_date', 'text', (col) => col.notNull())
		.addColumn('end_date', 'text')
		.addColumn('location', 'text')
		.addColumn('participants', 'integer')
		.addColumn('quantity', 'integer')
		.addColumn('channels', 'text', (col) => col.notNull().defaultTo('[]'))
		.addColumn('format', 'text')
		.addColumn('mode', 'text')
		.addColumn('content_areas', 'text', (col) => col.notNull().defaultTo('[]'))
		.addColumn('links', 'text', (col) => col.notNull().defaultTo('[]'))
		.addColumn('status', 'text', (col) =>
			col
				.notNull()
				.defaultTo('pending')
				.check(sql`status in ('pending','approved','rejected')`)
		)
		.addColumn('reject_reason', 'text')
		.addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
		.addColumn('idempotency_key', 'text', (col) => col.notNull())
		// SHA-256 of the normalised payload: the same key with a different body is refused.
		.addColumn('request_hash', 'text', (col) => col.notNull())
		.addColumn('source', 'text', (col) => col.notNull().defaultTo('api'))
		.addColumn('created_at', 'text', (col) => col.notNull().defaultTo(nowText(db)))
		.addColumn('updated_at', 'text', (col) => col.notNull().defaultTo(nowText(db)))
		.addUniqueConstraint('activities_unit_idempotency', ['unit_id', 'idempotency_key'])
		.execute();
	await db.schema
		.createIndex('activities_campaign_status')
		.on('activities')
		.columns(['campaign_id', 'status'])
		.execute();
	await db.schema.createIndex('activities_unit').on('activities').columns(['unit_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('activities').execute();
	await db.schema.dropTable('unit_tokens').execute();
	await db.schema.dropTable('units').execute();
	await db.schema.dropTable('campaigns').execute();
}
