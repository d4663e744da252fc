import type { UnitReportInput } from '../../domain/unit-report';
import type { DB } from '../db/open';
import type { Unit, UnitReport } from '../db/schema';
import { recordChange } from './tallies';
import { appendAudit, type Actor } from './audit';
import { lockedCutoff } from './campaigns';

export async function findUnitReport(
	db: DB,
	campaignId: number,
	unitId: number
): Promise<UnitReport | undefined> {
	return db
		.selectFrom('unit_reports')
		.selectAll()
		.where('campaign_id', '=', campaignId)
		.where('unit_id', '=', unitId)
		.executeTakeFirst();
}

/**
 * Submit or revise a unit's final report. The first submission's time decides on time or late;
 * a revision keeps it (so fixing a typo after the deadline does not make a report late).
 */
export async function saveUnitReport(
	db: DB,
	args: {
		campaignId: number;
		unit: Pick<Unit, 'id' | 'code'>;
		input: UnitReportInput;
		actor: Actor;
	}
): Promise<
	{ kind: 'saved'; report: UnitReport; created: boolean } | { kind: 'locked'; cutoffAt: string }
> {
	return db.transaction().execute(async (trx) => {
		const cutoffAt = await lockedCutoff(trx);
		if (cutoffAt) return { kind: 'locked' as const, cutoffAt };
		const now = new Date().toISOString();
		const before = await findUnitReport(trx, args.campaignId, args.unit.id);
		const columns = {
			kind: args.input.kind,
			summary: args.input.kind === 'summary' ? args.input.summary : null,
			reason: args.input.kind === 'no_activity' ? args.input.reason : null,
			updated_at: now
		};
		const report = before
			? await trx
					.updateTable('unit_reports')
					.set({ ...columns, version: before.version + 1 })
					.where('id', '=', before.id)
					.returningAll()
					.executeTakeFirstOrThrow()
			: await trx
					.insertInto('unit_reports')
					.values({
						...columns,
						campaign_id: args.campaignId,
						unit_id: args.unit.id,
						reported_at: now
					})
					.returningAll()
					.executeTakeFirstOrThrow();
		await recordChange(trx, args.campaignId);
		await appendAudit(trx, {
			actor: args.actor,
			action: before ? 'report.update' : 'report.submit',
			entityType: 'unit',
			entityId: args.unit.code,
			before,
			after: report
		});
		return { kind: 'saved' as const, report, created: !before };
	});
}

export async function listUnitReports(db: DB, campaignId: number): Promise<UnitReport[]> {
	return db.selectFrom('unit_reports').selectAll().where('campaign_id', '=', campaignId).execute();
}
