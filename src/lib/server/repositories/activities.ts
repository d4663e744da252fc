import type { ActivityInput } from '../../domain/activity';
import type { PublicActivity, StoredActivity } from '../../domain/stats';
import type { DB } from '../db/open';
import type { ActivityRow, Unit } from '../db/schema';
import { sha256Hex } from '../tokens';
import { appendAudit } from './audit';

export type UnitRef = Pick<Unit, 'id' | 'code' | 'name' | 'kind'>;

export type InsertActivityResult =
	| { kind: 'created'; activity: StoredActivity; seq: number }
	| { kind: 'replayed'; activity: StoredActivity }
	| { kind: 'key-reused' };

/**
 * Store one reported activity exactly once. The unit's idempotency key makes a retry after a
 * lost response (weak mountain connections, a double tap) return the row already stored; the
 * same key with a different payload is refused rather than silently ignored.
 */
export async function insertActivity(
	db: DB,
	args: {
		campaignId: number;
		unit: UnitRef;
		input: ActivityInput;
		idempotencyKey: string;
		source: 'api' | 'form';
	}
): Promise<InsertActivityResult> {
	const { campaignId, unit, input, idempotencyKey, source } = args;
	const requestHash = sha256Hex(JSON.stringify(input));

	return db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('activities')
			.selectAll()
			.where('unit_id', '=', unit.id)
			.where('idempotency_key', '=', idempotencyKey)
			.executeTakeFirst();
		if (existing) {
			return existing.request_hash === requestHash
				? { kind: 'replayed' as const, activity: toStoredActivity(existing, unit) }
				: { kind: 'key-reused' as const };
		}

		const row = await trx
			.insertInto('activities')
			.values({
				campaign_id: campaignId,
				unit_id: unit.id,
				type: input.type,
				title: input.title,
				description: input.description,
				start_date: input.startDate,
				end_date: input.endDate,
				location: input.location,
				participants: input.participants,
				quantity: input.quantity,
				channels: JSON.stringify(input.channels),
				format: input.format,
				mode: input.mode,
				content_areas: JSON.stringify(input.contentAreas),
				links: JSON.stringify(input.links),
				idempotency_key: idempotencyKey,
				request_hash: requestHash,
				source
			})
			.returningAll()
			.executeTakeFirstOrThrow();

		const { seq } = await trx
			.updateTable('campaigns')
			.set((eb) => ({ seq: eb('seq', '+', 1) }))
			.where('id', '=', campaignId)
			.returning('seq')
			.executeTakeFirstOrThrow();

		const activity = toStoredActivity(row, unit);
		await appendAudit(trx, {
			actor: { type: 'unit', id: unit.code, label: unit.name },
			action: 'activity.create',
			entityType: 'activity',
			entityId: row.id,
			after: activity
		});
		return { kind: 'created' as const, activity, seq };
	});
}

export async function listActivitiesOfUnit(
	db: DB,
	campaignId: number,
	unit: UnitRef
): Promise<StoredActivity[]> {
	const rows = await db
		.selectFrom('activities')
		.selectAll()
		.where('campaign_id', '=', campaignId)
		.where('unit_id', '=', unit.id)
		.orderBy('id', 'desc')
		.execute();
	return rows.map((row) => toStoredActivity(row, unit));
}

export function toPublicActivity(row: ActivityRow, unit: UnitRef): PublicActivity {
	return {
		id: row.id,
		unit: { code: unit.code, name: unit.name, kind: unit.kind },
		type: row.type,
		title: row.title,
		startDate: row.start_date,
		endDate: row.end_date,
		location: row.location,
		participants: row.participants,
		quantity: row.quantity,
		channels: JSON.parse(row.channels) as string[],
		format: row.format,
		mode: row.mode,
		contentAreas: JSON.parse(row.content_areas) as string[],
		status: row.status,
		createdAt: row.created_at
	};
}

export function toStoredActivity(row: ActivityRow, unit: UnitRef): StoredActivity {
	return {
		...toPublicActivity(row, unit),
		description: row.description,
		links: JSON.parse(row.links) as string[],
		version: row.version,
		updatedAt: row.updated_at
	};
}

/** The public part of a stored activity, for socket broadcasts. */
export function publicPart(activity: StoredActivity): PublicActivity {
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { description, links, version, updatedAt, ...rest } = activity;
	return rest;
}
