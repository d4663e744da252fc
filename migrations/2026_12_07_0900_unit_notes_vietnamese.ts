import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never change what it does on a database
// it has run on.

const ENGLISH =
	'existence after the 2025 restructuring not confirmed from a public source; admins should confirm';
const VIETNAMESE =
	'Chưa xác nhận được từ nguồn công khai rằng đơn vị còn tồn tại sau đợt sắp xếp năm 2025; quản trị viên cần xác nhận.';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	// Seed data speaks Vietnamese (issue 24): eight units were seeded with an English note. Only
	// the note exactly as seeded changes; one an administrator wrote stays as it is.
	await db.updateTable('units').set({ note: VIETNAMESE }).where('note', '=', ENGLISH).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.updateTable('units').set({ note: ENGLISH }).where('note', '=', VIETNAMESE).execute();
}
