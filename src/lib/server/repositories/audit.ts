import { sql, type Kysely } from 'kysely';
import type { ActorType, AuditEntry, Database } from '../db/schema';

/** Who did something: an administrator or leader, a unit through its link, or the system. */
export interface Actor {
	type: ActorType;
	id: string | null;
	label: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, label: 'Hệ thống' };
export const CLI_ACTOR: Actor = { type: 'system', id: 'cli', label: 'Dòng lệnh quản trị' };

export type AuditAction =
	| 'activity.create'
	| 'activity.update'
	| 'activity.photos'
	| 'activity.withdraw'
	| 'activity.approve'
	| 'activity.reject'
	| 'activity.reopen'
	| 'activity.exemplary'
	| 'activity.unexemplary'
	| 'campaign.update'
	| 'campaign.lock'
	| 'campaign.unlock'
	| 'demo.clear'
	| 'export.download'
	| 'reminder.compose'
	| 'kiosk_preset.save'
	| 'kiosk_preset.delete'
	| 'unit.create'
	| 'unit.update'
	| 'unit.activate'
	| 'unit.deactivate'
	| 'unit.verify'
	| 'unit.import'
	| 'report.submit'
	| 'report.update'
	| 'unit_link.issue'
	| 'unit_link.revoke'
	| 'leader_link.issue'
	| 'leader_link.revoke'
	| 'leader_link.use'
	| 'user.create'
	| 'user.password_reset'
	| 'login.success'
	| 'login.failure'
	| 'login.blocked'
	| 'logout';

/**
 * Append one entry. Pass the transaction of the write it describes, so the entry exists if and
 * only if the change does. The table refuses UPDATE and DELETE (triggers in the migration).
 */
export async function appendAudit(
	db: Kysely<Database>,
	entry: {
		actor: Actor;
		action: AuditAction;
		entityType?: string;
		entityId?: string | number;
		before?: unknown;
		after?: unknown;
	}
): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			actor_type: entry.actor.type,
			actor_id: entry.actor.id,
			actor_label: entry.actor.label,
			action: entry.action,
			entity_type: entry.entityType ?? null,
			entity_id: entry.entityId === undefined ? null : String(entry.entityId),
			before: entry.before === undefined ? null : JSON.stringify(entry.before),
			after: entry.after === undefined ? null : JSON.stringify(entry.after)
		})
		.execute();
}

export interface AuditFilter {
	action?: string;
	actorType?: ActorType;
	/** free text in the actor's label or the entity id */
	q?: string;
	/** ISO instants */
	from?: string;
	to?: string;
	limit?: number;
	beforeId?: number;
}

export async function listAudit(
	db: Kysely<Database>,
	filter: AuditFilter = {}
): Promise<AuditEntry[]> {
	let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
	if (filter.action) query = query.where('action', '=', filter.action);
	if (filter.actorType) query = query.where('actor_type', '=', filter.actorType);
	if (filter.q) {
		const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		query = query.where((eb) =>
			eb.or([
				eb('actor_label', 'like', eb.val(like)),
				eb('entity_id', 'like', eb.val(like)),
				eb('action', 'like', eb.val(like))
			])
		);
	}
	if (filter.from) query = query.where('at', '>=', filter.from);
	if (filter.to) query = query.where('at', '<', filter.to);
	if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
	return query.limit(Math.min(filter.limit ?? 100, 500)).execute();
}

/** A unit's history: what was done to the unit and to its activities, newest first. */
export async function unitTimeline(
	db: Kysely<Database>,
	unit: { id: number; code: string },
	limit = 200
) {
	return db
		.selectFrom('audit_log')
		.select(['id', 'at', 'actor_type', 'actor_id', 'actor_label', 'action', 'after'])
		.where((eb) =>
			eb.or([
				eb.and([eb('entity_type', '=', 'unit'), eb('entity_id', '=', unit.code)]),
				eb.and([
					eb('entity_type', '=', 'activity'),
					eb(
						'entity_id',
						'in',
						eb
							.selectFrom('activities')
							.select(sql<string>`cast(id as text)`.as('id'))
							.where('unit_id', '=', unit.id)
					)
				])
			])
		)
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

export async function listAuditActions(db: Kysely<Database>): Promise<string[]> {
	const rows = await db
		.selectFrom('audit_log')
		.select('action')
		.distinct()
		.orderBy('action')
		.execute();
	return rows.map((row) => row.action);
}
