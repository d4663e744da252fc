import campaignSeed from '../../domain/campaign-2026.json';
import unitSeed from '../seed/laichau-units.json';
import type { UnitKind } from '../../domain/campaign';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * First start: the campaign of the letter and its 60 units. Inserts skip rows that already
 * exist (by slug / code), so a second start, or a start after an admin edited a unit, changes
 * nothing.
 */
export async function seedDatabase(
	db: Kysely<Database>
): Promise<{ campaigns: number; units: number }> {
	return db.transaction().execute(async (trx) => {
		const campaign = await trx
			.insertInto('campaigns')
			.values({
				slug: campaignSeed.slug,
				title: campaignSeed.title,
				issuer: campaignSeed.issuer,
				letter_ref: campaignSeed.letterRef,
				based_on: campaignSeed.basedOn,
				signer: campaignSeed.signer,
				timezone: campaignSeed.timezone,
				event_day: campaignSeed.eventDay,
				window_from: campaignSeed.activityWindow.from,
				window_to: campaignSeed.activityWindow.to,
				report_due_before: campaignSeed.reportDueBefore,
				slogan: campaignSeed.slogan,
				themes: JSON.stringify(campaignSeed.themes),
				linked_days: JSON.stringify(campaignSeed.linkedDays)
			})
			.onConflict((oc) => oc.column('slug').doNothing())
			.executeTakeFirst();

		let units = 0;
		for (const [index, unit] of unitSeed.units.entries()) {
			const result = await trx
				.insertInto('units')
				.values({
					code: unit.code,
					name: unit.name,
					short_name: 'shortName' in unit ? (unit.shortName as string) : null,
					kind: unit.kind as UnitKind,
					verified: unit.verified ? 1 : 0,
					sort_order: index + 1,
					note: 'note' in unit ? (unit.note as string) : null
				})
				.onConflict((oc) => oc.column('code').doNothing())
				.executeTakeFirst();
			units += Number(result.numInsertedOrUpdatedRows ?? 0);
		}
		return { campaigns: Number(campaign.numInsertedOrUpdatedRows ?? 0), units };
	});
}
