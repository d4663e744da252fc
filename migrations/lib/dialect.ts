import {
	PostgresAdapter,
	sql,
	type ColumnDefinitionBuilder,
	type Kysely,
	type RawBuilder
} from 'kysely';

// What differs between SQLite and PostgreSQL in the migrations, and only that (issue 13): each
// migration runs the same on either; on SQLite every statement is exactly what it was before
// PostgreSQL existed. A folder of its own, so neither migration loader takes it for a migration.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export function isPostgres(db: AnyDb): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Now, as the ISO-8601 UTC text with milliseconds that every timestamp column holds. */
export function nowText(db: AnyDb): RawBuilder<string> {
	return isPostgres(db)
		? sql`(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
		: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
}

/** An integer primary key the database numbers itself. */
export function serialKey(db: AnyDb) {
	return (col: ColumnDefinitionBuilder) =>
		isPostgres(db)
			? col.primaryKey().generatedByDefaultAsIdentity()
			: col.primaryKey().autoIncrement();
}
