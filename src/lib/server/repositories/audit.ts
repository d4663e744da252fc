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

/** An entry with what it is about named as a reader knows it (a title, a name), when it still exists. */
export type NamedAuditEntry = AuditEntry & { entity_name: string | null };

/**
 * Names for the objects a page of entries is about — the activity's title, the unit's and the
 * account's name, the campaign's title — read once per kind (an entry said "Hoạt động 13").
 */
async function withEntityNames(
	db: Kysely<Database>,
	entries: AuditEntry[]
): Promise<NamedAuditEntry[]> {
	const idsOf = (type: string) => [
		...new Set(entries.flatMap((e) => (e.entity_type === type && e.entity_id ? [e.entity_id] : [])))
	];
	const numbers = (ids: string[]) => ids.filter((id) => /^[1-9]\d{0,15}$/.test(id)).map(Number);
	const names = new Map<string, string>();
	const keep = (type: string, rows: { key: string | number; name: string | null }[]) => {
		for (const row of rows) if (row.name) names.set(`${type}:${row.key}`, row.name);
	};
	const activities = numbers(idsOf('activity'));
	if (activities.length)
		keep(
			'activity',
			await db
				.selectFrom('activities')
				.select(['id as key', 'title as name'])
				.where('id', 'in', activities)
				.execute()
		);
	const units = idsOf('unit');
	if (units.length)
		keep(
			'unit',
			await db
				.selectFrom('units')
				.select(['code as key', 'name'])
				.where('code', 'in', units)
				.execute()
		);
	const users = numbers(idsOf('user'));
	if (users.length)
		keep(
			'user',
			await db
				.selectFrom('users')
				.select(['id as key', 'username as name'])
				.where('id', 'in', users)
				.execute()
		);
	const leaderLinks = numbers(idsOf('leader_link'));
	if (leaderLinks.length)
		keep(
			'leader_link',
			await db
				.selectFrom('leader_links')
				.select(['id as key', 'label as name'])
				.where('id', 'in', leaderLinks)
				.execute()
		);
	const campaigns = idsOf('campaign');
	if (campaigns.length)
		keep(
			'campaign',
			await db
				.selectFrom('campaigns')
				.select(['slug as key', 'title as name'])
				.where('slug', 'in', campaigns)
				.execute()
		);
	// A kiosk setup is known by its name, which is its id.
	keep(
		'kiosk_preset',
		idsOf('kiosk_preset').map((name) => ({ key: name, name }))
	);
	return entries.map((entry) => ({
		...entry,
		entity_name: names.get(`${entry.entity_type}:${entry.entity_id}`) ?? null
	}));
}

export async function listAudit(
	db: Kysely<Database>,
	filter: AuditFilter = {}
): Promise<NamedAuditEntry[]> {
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
	return withEntityNames(db, await query.limit(Math.min(filter.limit ?? 100, 500)).execute());
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

/** What a unit's link changed since `since` (edits, photos, withdrawals, its final report). */
export async function countUnitWritesSince(
	db: Kysely<Database>,
	unitCode: string,
	since: string
): Promise<number> {
	const row = await db
		.selectFrom('audit_log')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('at', '>', since)
		.where('actor_type', '=', 'unit')
		.where('actor_id', '=', unitCode)
		.where('action', 'in', [
			'activity.update',
			'activity.photos',
			'activity.withdraw',
			'report.submit',
			'report.update'
		])
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
