import { Kysely, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import unitSeed from '../seed/laichau-units.json';
import { up as notesInVietnamese } from '../../../../migrations/2026_12_07_0900_unit_notes_vietnamese';

/** A letter only Vietnamese writes (with a diacritic or đ). */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

describe('the seed data', () => {
	it('speaks Vietnamese: every unit note shown to administrators is Vietnamese', () => {
		const notes = unitSeed.units.flatMap((unit) => ('note' in unit ? [String(unit.note)] : []));
		expect(notes.length).toBeGreaterThan(0);
		for (const note of notes) expect(note).toMatch(VIETNAMESE);
	});

	it('a database seeded before gets the same note in Vietnamese; a note written by hand stays', async () => {
		const db = new Kysely<{ units: { code: string; note: string | null } }>({
			dialect: new SqliteDialect({ database: new SQLite(':memory:') })
		});
		await db.schema
			.createTable('units')
			.addColumn('code', 'text')
			.addColumn('note', 'text')
			.execute();
		await db
			.insertInto('units')
			.values([
				{
					code: 'TTRA',
					note: 'existence after the 2025 restructuring not confirmed from a public source; admins should confirm'
				},
				{ code: 'SO-YT', note: 'Đã xác nhận qua điện thoại' }
			])
			.execute();
		await notesInVietnamese(db);
		const rows = await db.selectFrom('units').selectAll().orderBy('code').execute();
		expect(rows[0]).toEqual({ code: 'SO-YT', note: 'Đã xác nhận qua điện thoại' });
		expect(rows[1].note).toMatch(/^Chưa xác nhận được từ nguồn công khai/);
		await db.destroy();
	});
});
