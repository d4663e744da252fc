import {
	CompiledQuery,
	Kysely,
	PostgresAdapter,
	PostgresDialect,
	PostgresDriver,
	type DatabaseConnection,
	type Driver,
	type TransactionSettings
} from 'kysely';
import type { Pool, PoolConfig } from 'pg';
import type { Database } from './schema';
import { log as logger } from '../log';

// PostgreSQL, for several instances of the app on one database (issue 13). The repositories are
// the same as on SQLite; what differs is said here, once:
//
// - pg gives bigint (count(*), sum() of integers) and numeric back as strings, to keep precision
//   beyond 2^53. Every such value here is a count of rows or people, far below that, so both are
//   read as numbers for this pool only (not through pg's global parsers).
// - SQLite has one writer: every transaction of the app takes the write lock at its start
//   (`begin immediate`, open.ts), and the code relies on it — a limit counted then written, a
//   version read then bumped, a unit's link revoked then issued. Here every read-write
//   transaction takes one transaction-scoped advisory lock at its start, so the same code keeps
//   the same guarantees across instances. It costs no concurrency that exists today: each write
//   bumps the campaign's change counter (one row), which serialises writers anyway. Reads never
//   take it; a read-only transaction (readSnapshot) sees one consistent snapshot instead.
// - An idle connection that breaks (PostgreSQL restarted, a network cut) makes pg's pool emit
//   'error'; without a listener that kills the process. It is logged, and the next query opens a
//   new connection.

/** The advisory lock every read-write transaction holds ("LanToa" in ASCII). */
export const WRITE_LOCK_KEY = 0x4c616e546f61;

const INT8_OID = 20;
const NUMERIC_OID = 1700;

class SerialWriterDriver extends PostgresDriver {
	override async beginTransaction(
		connection: DatabaseConnection,
		settings: TransactionSettings
	): Promise<void> {
		await super.beginTransaction(connection, settings);
		if (settings.accessMode === 'read only') return;
		await connection.executeQuery(
			CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`)
		);
	}
}

class SerialWriterDialect extends PostgresDialect {
	readonly #pool: Pool;
	constructor(pool: Pool) {
		super({ pool });
		this.#pool = pool;
	}
	override createDriver(): Driver {
		return new SerialWriterDriver({ pool: this.#pool });
	}
}

/** Whether a handle is on PostgreSQL, for the few queries whose SQL differs. */
export function isPostgres(db: Kysely<Database>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Several reads that must agree with each other (the live numbers: tallies by unit, by day, the
 * change counter). On PostgreSQL, one read-only snapshot (repeatable read) — another instance
 * may commit between two reads. SQLite's driver runs the reads back to back on its one
 * connection, with no write between them.
 */
export function readSnapshot<T>(
	db: Kysely<Database>,
	read: (db: Kysely<Database>) => Promise<T>
): Promise<T> {
	if (!isPostgres(db) || db.isTransaction) return read(db);
	return db
		.transaction()
		.setIsolationLevel('repeatable read')
		.setAccessMode('read only')
		.execute(read);
}

/** An address as it may be printed: a password in it (`//user:secret@host`) is masked. */
export function withoutPassword(value: string): string {
	return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}

export function isPostgresAddress(url: string | undefined): boolean {
	return /^postgres(ql)?:\/\//i.test(url?.trim() ?? '');
}

/** A Kysely handle over a pg pool for `url`; nothing is connected until the first query. */
export async function connectPostgres(
	url: string,
	options: { poolSize?: number; log?: (message: string) => void } = {}
): Promise<Kysely<Database>> {
	const { default: pg } = await import('pg');
	const asNumber = (value: string) => Number(value);
	const config: PoolConfig = {
		connectionString: url,
		max: options.poolSize ?? 10,
		// A server that does not answer: fail the request instead of waiting for ever.
		connectionTimeoutMillis: 5000,
		application_name: 'lantoa',
		types: {
			getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
				oid === INT8_OID || oid === NUMERIC_OID
					? asNumber
					: pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser
		}
	};
	const pool = new pg.Pool(config);
	const log = options.log ?? ((message: string) => logger().error(message));
	pool.on('error', (error) => {
		log(`PostgreSQL: mất một kết nối đang chờ (${error.message}); kết nối lại ở truy vấn sau.`);
	});
	return new Kysely<Database>({ dialect: new SerialWriterDialect(pool) });
}
