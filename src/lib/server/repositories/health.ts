import { sql } from 'kysely';
import type { DB } from '../db/open';

/** A read that reaches the database's file (the campaign's change counter), or the error. */
export async function pingDatabase(db: DB): Promise<void> {
	await sql`select seq from campaigns limit 1`.execute(db);
}
