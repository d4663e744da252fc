import { sql, type Kysely } from 'kysely';
import { isPostgres, nowText, serialKey } from './lib/dialect';

// Frozen in time: never import application code here, never change what it does on a database
// it has run on (./lib/dialect.ts gives PostgreSQL its own words for the same thing).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const now = nowText(db);
	await db.schema
		.createTable('users')
		.addColumn('id', 'integer', serialKey(db))
		.addColumn('username', 'text', (col) => col.notNull().unique())
		.addColumn('display_name', 'text')
		.addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('admin','leader')`))
		// argon2id, PHC string
		.addColumn('password_hash', 'text', (col) => col.notNull())
		.addColumn('active', 'integer', (col) => col.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
		.addColumn('password_changed_at', 'text', (col) => col.notNull().defaultTo(now))
		.execute();

	await db.schema
		.createTable('leader_links')
		.addColumn('id', 'integer', serialKey(db))
		.addColumn('label', 'text', (col) => col.notNull())
		.addColumn('token_hash', 'text', (col) => col.notNull().unique())
		.addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
		.addColumn('revoked_at', 'text')
		.execute();

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'integer', serialKey(db))
		// SHA-256 of the cookie value; the cookie itself is never stored.
		.addColumn('token_hash', 'text', (col) => col.notNull().unique())
		.addColumn('user_id', 'integer', (col) => col.references('users.id').onDelete('cascade'))
		.addColumn('leader_link_id', 'integer', (col) =>
			col.references('leader_links.id').onDelete('cascade')
		)
		.addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
		.addColumn('last_seen_at', 'text', (col) => col.notNull().defaultTo(now))
		.addColumn('expires_at', 'text', (col) => col.notNull())
		.addCheckConstraint(
			'sessions_one_principal',
			sql`(user_id is null) <> (leader_link_id is null)`
		)
		.execute();
	await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

	// Failed sign-ins, for rate limiting per IP and per username across restarts and processes.
	await db.schema
		.createTable('login_failures')
		.addColumn('id', 'integer', serialKey(db))
		.addColumn('key', 'text', (col) => col.notNull())
		.addColumn('at', 'text', (col) => col.notNull().defaultTo(now))
		.execute();
	await db.schema
		.createIndex('login_failures_key_at')
		.on('login_failures')
		.columns(['key', 'at'])
		.execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'integer', serialKey(db))
		.addColumn('at', 'text', (col) => col.notNull().defaultTo(now))
		.addColumn('actor_type', 'text', (col) =>
			col.notNull().check(sql`actor_type in ('admin','leader','unit','system','anonymous')`)
		)
		.addColumn('actor_id', 'text')
		.addColumn('actor_label', 'text', (col) => col.notNull())
		.addColumn('action', 'text', (col) => col.notNull())
		.addColumn('entity_type', 'text')
		.addColumn('entity_id', 'text')
		.addColumn('before', 'text')
		.addColumn('after', 'text')
		.execute();
	await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
	await db.schema.createIndex('audit_log_action').on('audit_log').column('action').execute();

	// Append-only, enforced by the database itself: no code path can rewrite history.
	if (isPostgres(db)) {
		await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
			begin raise exception 'audit_log is append-only'; end $$`.execute(db);
		await sql`create trigger audit_log_no_update before update on audit_log
			for each row execute function audit_log_append_only()`.execute(db);
		await sql`create trigger audit_log_no_delete before delete on audit_log
			for each row execute function audit_log_append_only()`.execute(db);
		return;
	}
	await sql`create trigger audit_log_no_update before update on audit_log
		begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
	await sql`create trigger audit_log_no_delete before delete on audit_log
		begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('audit_log').execute();
	await db.schema.dropTable('login_failures').execute();
	await db.schema.dropTable('sessions').execute();
	await db.schema.dropTable('leader_links').execute();
	await db.schema.dropTable('users').execute();
}
