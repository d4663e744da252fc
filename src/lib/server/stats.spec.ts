import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseActivityInput, type ActivityInput } from '../domain/activity';
import { bundledMigrations } from './db/migrations';
import { openDatabase, type DB } from './db/open';
import { seedDatabase } from './db/seed';
import { findActiveCampaign } from './repositories/campaigns';
import { insertActivity, moderateActivity } from './repositories/activities';
import { CLI_ACTOR } from './repositories/audit';
import { findUnitByCode } from './repositories/units';
import { computeStats } from './stats';

let db: DB;

beforeEach(async () => {
	db = await openDatabase(':memory:', bundledMigrations);
});
afterEach(async () => {
	await db.destroy();
});

function input(raw: Record<string, unknown>): ActivityInput {
	const result = parseActivityInput(raw);
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.value;
}

let keys = 0;
async function add(unitCode: string, raw: Record<string, unknown>) {
	const campaign = await findActiveCampaign(db);
	const unit = (await findUnitByCode(db, unitCode))!;
	const result = await insertActivity(db, {
		campaignId: campaign.id,
		unit,
		input: input({ title: 'Hoạt động hưởng ứng 21/4', startDate: '2026-04-21', ...raw }),
		idempotencyKey: `k${++keys}`,
		source: 'api'
	});
	if (result.kind !== 'created') throw new Error(result.kind);
	return result.activity;
}

describe('seed', () => {
	it('seeds one campaign and 60 units, and nothing a second time', async () => {
		expect(await seedDatabase(db)).toEqual({ campaigns: 0, units: 0 });
		const units = await db.selectFrom('units').select(['kind']).execute();
		expect(units).toHaveLength(60);
		const byKind: Record<string, number> = {};
		for (const unit of units) byKind[unit.kind] = (byKind[unit.kind] ?? 0) + 1;
		expect(byKind).toEqual({
			front: 1,
			department: 14,
			agency: 7,
			commune: 36,
			ward: 2
		});
	});
});

describe('computeStats', () => {
	it('aggregates totals, types, groups, units and days', async () => {
		await add('SO-YT', { type: 'banner', quantity: 5, participants: 10 });
		await add('SO-YT', { type: 'media', channels: ['tv'], quantity: 7, startDate: '2026-04-18' });
		await add('03388', { type: 'event', format: 'talk', mode: 'online', quantity: 150 });
		await add('MTTQ', { type: 'movement', quantity: 4, participants: 30, startDate: '2026-04-26' });
		await add('03388', { type: 'honor', quantity: 9, startDate: '2026-05-18' });

		const stats = await computeStats(db, await findActiveCampaign(db));
		expect(stats.totals).toEqual({
			activities: 5,
			participants: 10 + 150 + 30,
			units: 60,
			unitsReported: 3,
			banners: 5,
			mediaItems: 7,
			events: 1,
			attendees: 150,
			initiatives: 4,
			awardees: 9,
			outsideWindow: 1,
			demo: 0
		});
		expect(stats.byType.event).toEqual({ activities: 1, quantity: 150, participants: 150 });
		expect(stats.byGroup.front).toMatchObject({
			units: 1,
			unitsReported: 1,
			activities: 1,
			participants: 30
		});
		expect(stats.byGroup.sectors).toMatchObject({ units: 21, unitsReported: 1, activities: 2 });
		expect(stats.byGroup.localities).toMatchObject({ units: 38, unitsReported: 1, activities: 2 });
		const ward = stats.byUnit.find((u) => u.code === '03388')!;
		expect(ward).toMatchObject({ activities: 2, group: 'localities', kind: 'ward' });
		expect(ward.byType).toEqual({ banner: 0, media: 0, event: 1, movement: 0, honor: 1 });
		expect(stats.byDay.find((d) => d.date === '2026-04-21')).toEqual({
			date: '2026-04-21',
			total: 2,
			byType: { banner: 1, media: 0, event: 1, movement: 0, honor: 0 }
		});
		expect(stats.byDay.reduce((sum, d) => sum + d.total, 0)).toBe(4);
		expect(stats.latest.map((a) => a.type)).toEqual([
			'honor',
			'movement',
			'event',
			'media',
			'banner'
		]);
		expect(stats.seq).toBe(5);
	});

	it('never counts rejected activities and leaves inactive units out', async () => {
		const rejected = await add('SO-YT', { type: 'banner', quantity: 5 });
		await add('SO-TP', { type: 'banner', quantity: 2 });
		await add('03388', { type: 'banner', quantity: 1 });
		await moderateActivity(db, {
			id: rejected.id,
			expectedVersion: rejected.version,
			decision: 'rejected',
			reason: 'Không đúng nội dung hưởng ứng',
			actor: CLI_ACTOR
		});
		await db.updateTable('units').set({ active: 0 }).where('code', '=', '03388').execute();

		const stats = await computeStats(db, await findActiveCampaign(db));
		expect(stats.totals.activities).toBe(1);
		expect(stats.totals.banners).toBe(2);
		expect(stats.totals.units).toBe(59);
		expect(stats.totals.unitsReported).toBe(1);
		expect(stats.byUnit.some((u) => u.code === '03388')).toBe(false);
		expect(stats.byDay.reduce((sum, d) => sum + d.total, 0)).toBe(1);
		expect(stats.latest.map((a) => a.unit.code)).toEqual(['SO-TP']);
	});

	it('counts completeness per unit and group, with the deadline in Vietnam time', async () => {
		const campaign = await findActiveCampaign(db);
		await add('SO-YT', { type: 'banner', quantity: 1 });
		await add('SO-TP', { type: 'banner', quantity: 1 });
		await add('03388', { type: 'banner', quantity: 1 });
		const report = async (code: string, kind: 'summary' | 'no_activity', reportedAt: string) => {
			const unit = (await findUnitByCode(db, code))!;
			await db
				.insertInto('unit_reports')
				.values({
					campaign_id: campaign.id,
					unit_id: unit.id,
					kind,
					summary: kind === 'summary' ? 'Tóm tắt kết quả' : null,
					reason: kind === 'no_activity' ? 'Không có' : null,
					reported_at: reportedAt,
					updated_at: reportedAt
				})
				.execute();
		};
		await report('SO-YT', 'summary', '2026-05-09T16:59:59.000Z'); // 23:59:59 on 9/5 ICT
		await report('SO-TP', 'summary', '2026-05-09T17:00:00.000Z'); // 00:00 on 10/5 ICT
		await report('MTTQ', 'no_activity', '2026-05-01T02:00:00.000Z');
		// An inactive unit's report does not count anywhere.
		await report('03388', 'summary', '2026-05-02T02:00:00.000Z');
		await db.updateTable('units').set({ active: 0 }).where('code', '=', '03388').execute();

		const stats = await computeStats(db, await findActiveCampaign(db));
		expect(stats.completeness).toEqual({
			total: 59,
			reportedOnTime: 1,
			reportedLate: 1,
			noActivity: 1,
			activitiesOnly: 0,
			notStarted: 56
		});
		expect(stats.byUnit.find((u) => u.code === 'SO-YT')?.completeness).toBe('reportedOnTime');
		expect(stats.byUnit.find((u) => u.code === 'SO-TP')?.completeness).toBe('reportedLate');
		expect(stats.byGroup.front.completeness).toMatchObject({ total: 1, noActivity: 1 });
		expect(stats.byGroup.localities.completeness).toMatchObject({ total: 37, notStarted: 37 });
	});

	it('stores an activity once per unit and key, and refuses a reused key with other content', async () => {
		const campaign = await findActiveCampaign(db);
		const unit = (await findUnitByCode(db, 'SO-YT'))!;
		const args = {
			campaignId: campaign.id,
			unit,
			input: input({ type: 'movement', title: 'Phong trào sáng kiến', startDate: '2026-04-20' }),
			idempotencyKey: 'same',
			source: 'api' as const
		};
		expect((await insertActivity(db, args)).kind).toBe('created');
		expect((await insertActivity(db, args)).kind).toBe('replayed');
		const changed = { ...args, input: { ...args.input, title: 'Một nội dung khác' } };
		expect((await insertActivity(db, changed)).kind).toBe('key-reused');
		const count = await db
			.selectFrom('activities')
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirst();
		expect(Number(count?.n)).toBe(1);
	});
});
