import { m } from '$lib/paraglide/messages';
import type { ActivityInput } from '../../domain/activity';
import type { ActivityPhoto, PublicActivity, StoredActivity } from '../../domain/stats';
import type { DB } from '../db/open';
import type { ActivityRow, ActivityUpdate, Unit } from '../db/schema';
import {
	CONTENT_AREAS,
	isOneOf,
	MEDIA_CHANNELS,
	type ActivityType,
	type UnitKind
} from '../../domain/campaign';
import { likePattern } from '../../domain/search';
import { sql } from 'kysely';
import {
	addToTally,
	applyTallyChange,
	recordChange,
	tallyEntryOf,
	type TallyEntry
} from './tallies';
import { sha256Hex } from '../tokens';
import { appendAudit, type Actor, type AuditAction } from './audit';
import { lockedCutoff } from './campaigns';
import { isLocked } from '../../domain/cutoff';
import { groupedTransaction } from '../db/grouped';

export type UnitRef = Pick<Unit, 'id' | 'code' | 'name' | 'kind'>;

export type InsertActivityResult =
	| { kind: 'created'; activity: StoredActivity; seq: number }
	| { kind: 'replayed'; activity: StoredActivity }
	| { kind: 'key-reused' }
	| { kind: 'locked'; cutoffAt: string }
	| { kind: 'rate-limited' };

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
		/** sent with a demo token */
		demo?: boolean;
		/** photo evidence already stored under the photos folder, in the order chosen */
		photos?: (ActivityPhoto & { bytes: number })[];
		/**
		 * At most `perMinute` new activities of this unit since `since`, counted inside the
		 * transaction: submissions arriving together (on one instance or several) cannot all pass
		 * a count taken before any of them was stored.
		 */
		limit?: { perMinute: number; since: string };
	}
): Promise<InsertActivityResult> {
	const { campaignId, unit, input, idempotencyKey, source } = args;
	const requestHash = sha256Hex(JSON.stringify(input));

	try {
		// Submissions arriving together share one commit (db/grouped.ts); each is still all or
		// nothing, and answered only once committed.
		return await groupedTransaction(db, async (trx) => {
			// One statement on the usual path: the unique (unit, key) pair turns a retry into a
			// conflict, answered from the row already stored.
			const row = await trx
				.insertInto('activities')
				.values({
					...inputColumns(input),
					campaign_id: campaignId,
					unit_id: unit.id,
					idempotency_key: idempotencyKey,
					request_hash: requestHash,
					source,
					demo: args.demo ? 1 : 0
				})
				.onConflict((conflict) => conflict.columns(['unit_id', 'idempotency_key']).doNothing())
				.returningAll()
				.executeTakeFirst();
			if (!row) {
				// After the cut-off too, a retry of a stored activity is answered.
				const existing = await trx
					.selectFrom('activities')
					.selectAll()
					.where('unit_id', '=', unit.id)
					.where('idempotency_key', '=', idempotencyKey)
					.executeTakeFirstOrThrow();
				if (existing.request_hash !== requestHash) return { kind: 'key-reused' as const };
				// The photos are those of the first attempt that arrived (a retry sends the same).
				const photos = (await photosOf(trx, [existing.id])).get(existing.id) ?? [];
				return { kind: 'replayed' as const, activity: toStoredActivity(existing, unit, photos) };
			}
			const { seq, cutoffAt } = await recordChange(trx, campaignId);
			// Locked: nothing new is stored (the insert above rolls back with this transaction).
			if (cutoffAt && isLocked(cutoffAt)) throw new LockedAt(cutoffAt);
			// Over the unit's limit, this one included: it rolls back too.
			if (args.limit && args.limit.perMinute > 0) {
				const recent = await countActivitiesSince(trx, unit.id, args.limit.since);
				if (recent > args.limit.perMinute) throw new OverLimit();
			}
			await applyTallyChange(trx, null, tallyEntryOf(row));
			// (A report without photos, nearly every one, costs no statement here.)
			const photos = args.photos?.length ? await writePhotos(trx, row.id, args.photos) : [];

			const activity = toStoredActivity(row, unit, photos);
			await appendAudit(trx, {
				actor: { type: 'unit', id: unit.code, label: unit.name },
				action: 'activity.create',
				entityType: 'activity',
				entityId: row.id,
				after: activity
			});
			return { kind: 'created' as const, activity, seq };
		});
	} catch (error) {
		if (error instanceof LockedAt) return { kind: 'locked', cutoffAt: error.cutoffAt };
		if (error instanceof OverLimit) return { kind: 'rate-limited' };
		throw error;
	}
}

/** Thrown inside a transaction to roll it back when the unit is over its submission limit. */
class OverLimit extends Error {
	constructor() {
		super('over the submission limit');
	}
}

/** Thrown inside a transaction to roll it back when the data turned out to be locked. */
class LockedAt extends Error {
	constructor(readonly cutoffAt: string) {
		super('locked');
	}
}

/** How many activities a unit reported since an instant (the per-minute submission limit). */
export async function countActivitiesSince(db: DB, unitId: number, since: string): Promise<number> {
	const row = await db
		.selectFrom('activities')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('unit_id', '=', unitId)
		.where('created_at', '>', since)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function findByIdempotencyKey(
	db: DB,
	unit: UnitRef,
	idempotencyKey: string
): Promise<StoredActivity | undefined> {
	const row = await db
		.selectFrom('activities')
		.selectAll()
		.where('unit_id', '=', unit.id)
		.where('idempotency_key', '=', idempotencyKey)
		.executeTakeFirst();
	if (!row) return undefined;
	return toStoredActivity(row, unit, (await photosOf(db, [row.id])).get(row.id) ?? []);
}

/**
 * A unit's activities in the campaign, newest first: those it still stands by (its own page), or
 * with `includeWithdrawn` every one, withdrawn and rejected too (the leaders' page of the unit).
 */
export async function listActivitiesOfUnit(
	db: DB,
	campaignId: number,
	unit: UnitRef,
	options: { includeWithdrawn?: boolean } = {}
): Promise<StoredActivity[]> {
	let query = db
		.selectFrom('activities')
		.selectAll()
		.where('campaign_id', '=', campaignId)
		.where('unit_id', '=', unit.id);
	if (!options.includeWithdrawn) query = query.where('withdrawn_at', 'is', null);
	const rows = await query.orderBy('id', 'desc').execute();
	const photos = await photosOf(
		db,
		rows.map((row) => row.id)
	);
	return rows.map((row) => toStoredActivity(row, unit, photos.get(row.id) ?? []));
}

/** The same photo chosen twice is shown once. */
function uniquePhotos<T extends ActivityPhoto>(photos: T[]): T[] {
	const seen = new Set<string>();
	return photos.filter((photo) => !seen.has(photo.hash) && seen.add(photo.hash));
}

/**
 * Make these the activity's photos, in this order (the same photo once). A photo it already had
 * keeps the size stored with it; a new one comes with its own. Returns them as the domain shows.
 */
async function writePhotos(
	trx: DB,
	activityId: number,
	photos: (ActivityPhoto & { bytes?: number })[]
): Promise<ActivityPhoto[]> {
	const stored = await trx
		.deleteFrom('activity_photos')
		.where('activity_id', '=', activityId)
		.returning(['hash', 'bytes'])
		.execute();
	const sizes = new Map(stored.map((row) => [row.hash, row.bytes]));
	const kept = uniquePhotos(photos);
	if (kept.length) {
		await trx
			.insertInto('activity_photos')
			.values(
				kept.map((photo, position) => ({
					activity_id: activityId,
					position,
					hash: photo.hash,
					width: photo.width,
					height: photo.height,
					bytes: photo.bytes ?? sizes.get(photo.hash) ?? 0
				}))
			)
			.execute();
	}
	return kept.map(photoRef);
}

const photoRef = (photo: ActivityPhoto): ActivityPhoto => ({
	hash: photo.hash,
	width: photo.width,
	height: photo.height
});

/** The photos of these activities, each activity's in its order (one query per 500 ids). */
export async function photosOf(db: DB, ids: number[]): Promise<Map<number, ActivityPhoto[]>> {
	const byActivity = new Map<number, ActivityPhoto[]>();
	for (let start = 0; start < ids.length; start += 500) {
		const rows = await db
			.selectFrom('activity_photos')
			.select(['activity_id', 'hash', 'width', 'height'])
			.where('activity_id', 'in', ids.slice(start, start + 500))
			.orderBy('activity_id')
			.orderBy('position')
			.execute();
		for (const row of rows) {
			const list = byActivity.get(row.activity_id) ?? [];
			list.push(photoRef(row));
			byActivity.set(row.activity_id, list);
		}
	}
	return byActivity;
}

/**
 * A JSON array column as the domain's list: only the values `allowed` (every string without it).
 * The columns are written from validated input only; this is where their text becomes the type.
 */
function jsonList(text: string): string[];
function jsonList<const T extends string>(text: string, allowed: readonly T[]): T[];
function jsonList(text: string, allowed?: readonly string[]): string[] {
	const value: unknown = JSON.parse(text);
	if (!Array.isArray(value)) return [];
	return value.filter(
		(item): item is string => typeof item === 'string' && (!allowed || isOneOf(allowed, item))
	);
}

/** Which of these photos (by hash) some activity shows. */
export async function photoHashesInUse(db: DB, hashes: string[]): Promise<Set<string>> {
	if (hashes.length === 0) return new Set();
	const rows = await db
		.selectFrom('activity_photos')
		.select('hash')
		.distinct()
		.where('hash', 'in', hashes)
		.execute();
	return new Set(rows.map((row) => row.hash));
}

export function toPublicActivity(
	row: ActivityRow,
	unit: UnitRef,
	photos: ActivityPhoto[]
): PublicActivity {
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
		channels: jsonList(row.channels, MEDIA_CHANNELS),
		format: row.format,
		mode: row.mode,
		contentAreas: jsonList(row.content_areas, CONTENT_AREAS),
		status: row.status,
		createdAt: row.created_at,
		...(photos.length ? { cover: photos[0].hash } : {})
	};
}

export function toStoredActivity(
	row: ActivityRow,
	unit: UnitRef,
	photos: ActivityPhoto[]
): StoredActivity {
	return {
		...toPublicActivity(row, unit, photos),
		description: row.description,
		links: jsonList(row.links),
		version: row.version,
		updatedAt: row.updated_at,
		rejectReason: row.reject_reason,
		withdrawn: row.withdrawn_at !== null,
		exemplary: row.exemplary === 1,
		exemplaryNote: row.exemplary_note,
		demo: row.demo === 1,
		photos
	};
}

/** The public part of a stored activity, for socket broadcasts. */
export function publicPart(activity: StoredActivity): PublicActivity {
	return {
		id: activity.id,
		unit: activity.unit,
		type: activity.type,
		title: activity.title,
		startDate: activity.startDate,
		endDate: activity.endDate,
		location: activity.location,
		participants: activity.participants,
		quantity: activity.quantity,
		channels: activity.channels,
		format: activity.format,
		mode: activity.mode,
		contentAreas: activity.contentAreas,
		status: activity.status,
		createdAt: activity.createdAt,
		...(activity.cover ? { cover: activity.cover } : {})
	};
}

/** A stored activity in the API's input shape (what a PATCH merges into). */
export function toInputShape(activity: StoredActivity): Record<string, unknown> {
	const shape: Record<string, unknown> = {
		type: activity.type,
		title: activity.title,
		startDate: activity.startDate,
		endDate: activity.endDate,
		location: activity.location,
		participants: activity.type === 'event' ? null : activity.participants,
		quantity: activity.quantity,
		channels: activity.channels,
		format: activity.format,
		mode: activity.mode,
		contentAreas: activity.contentAreas,
		description: activity.description,
		links: activity.links
	};
	for (const [key, value] of Object.entries(shape)) {
		if (value === null || (Array.isArray(value) && value.length === 0)) delete shape[key];
	}
	return shape;
}

/** Activities joined with their unit's code, name and kind: the base of every listing. */
export function selectActivitiesWithUnit(db: DB) {
	return db
		.selectFrom('activities')
		.innerJoin('units', 'units.id', 'activities.unit_id')
		.selectAll('activities')
		.select(['units.code as unit_code', 'units.name as unit_name', 'units.kind as unit_kind']);
}

type ActivityWithUnit = ActivityRow & { unit_code: string; unit_name: string; unit_kind: UnitKind };

function storedFromJoined(row: ActivityWithUnit, photos: ActivityPhoto[]): StoredActivity {
	return toStoredActivity(
		row,
		{ id: row.unit_id, code: row.unit_code, name: row.unit_name, kind: row.unit_kind },
		photos
	);
}

export async function findActivity(
	db: DB,
	id: number,
	options: { unitId?: number; includeWithdrawn?: boolean } = {}
): Promise<StoredActivity | undefined> {
	if (!Number.isSafeInteger(id) || id <= 0) return undefined;
	let query = selectActivitiesWithUnit(db).where('activities.id', '=', id);
	if (!options.includeWithdrawn) query = query.where('activities.withdrawn_at', 'is', null);
	if (options.unitId !== undefined) query = query.where('activities.unit_id', '=', options.unitId);
	const row = await query.executeTakeFirst();
	if (!row) return undefined;
	return storedFromJoined(row, (await photosOf(db, [row.id])).get(row.id) ?? []);
}

export type ChangeResult =
	/** `seq`: the campaign's change counter after it */
	| { kind: 'changed'; activity: StoredActivity; seq: number }
	| { kind: 'not-found' }
	| { kind: 'conflict'; current: StoredActivity }
	| { kind: 'refused'; reason: string }
	| { kind: 'locked'; cutoffAt: string };

/**
 * Optimistic concurrency for every change: the caller says which version it saw; if someone else
 * changed the activity since, nothing is written and the current values come back.
 */
async function changeActivity(
	db: DB,
	args: {
		id: number;
		unitId?: number;
		expectedVersion: number;
		actor: Actor;
		action: AuditAction;
		change: (current: StoredActivity) => ActivityUpdate | { refused: string };
		/**
		 * the activity's photos after the change, when it changes them (new ones already stored as
		 * files, with their size; those it keeps need none)
		 */
		photos?: (
			current: StoredActivity
		) => (ActivityPhoto & { bytes?: number })[] | { refused: string };
	}
): Promise<ChangeResult> {
	return db.transaction().execute(async (trx) => {
		const current = await findActivity(trx, args.id, { unitId: args.unitId });
		if (!current) return { kind: 'not-found' as const };
		// Units change nothing after the cut-off; the Department still can.
		if (args.unitId !== undefined) {
			const cutoffAt = await lockedCutoff(trx);
			if (cutoffAt) return { kind: 'locked' as const, cutoffAt };
		}
		if (current.version !== args.expectedVersion) return { kind: 'conflict' as const, current };
		const update = args.change(current);
		if ('refused' in update) return { kind: 'refused' as const, reason: update.refused };
		const wanted = args.photos?.(current);
		if (wanted && 'refused' in wanted) return { kind: 'refused' as const, reason: wanted.refused };
		const photos = wanted ? await writePhotos(trx, current.id, wanted) : current.photos;
		const afterRow = await trx
			.updateTable('activities')
			.set({ ...update, version: current.version + 1, updated_at: new Date().toISOString() })
			.where('id', '=', current.id)
			.returningAll()
			.executeTakeFirstOrThrow();
		// An update never moves an activity to another unit or campaign: the stored row's are its
		// own before and after.
		const after = toStoredActivity(afterRow, { id: afterRow.unit_id, ...current.unit }, photos);
		await applyTallyChange(
			trx,
			{ ...tallyEntryOf(afterRow), ...tallyFieldsOf(current) },
			tallyEntryOf(afterRow)
		);
		const { seq } = await recordChange(trx, afterRow.campaign_id);
		await appendAudit(trx, {
			actor: args.actor,
			action: args.action,
			entityType: 'activity',
			entityId: current.id,
			before: current,
			after
		});
		return { kind: 'changed' as const, activity: after, seq };
	});
}

/** The counted fields of a stored activity (its campaign and unit come from its row). */
function tallyFieldsOf(activity: StoredActivity): Omit<TallyEntry, 'campaignId' | 'unitId'> {
	return {
		type: activity.type,
		startDate: activity.startDate,
		quantity: activity.quantity,
		participants: activity.participants,
		demo: activity.demo,
		status: activity.status,
		withdrawn: activity.withdrawn
	};
}

/** The columns an activity's input fills, shared by insert and edits. */
function inputColumns(input: ActivityInput) {
	return {
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
		links: JSON.stringify(input.links)
	};
}

/** A unit edits its own activity: whatever its status, it goes back to the moderation queue. */
export function editActivityByUnit(
	db: DB,
	args: { id: number; unitId: number; expectedVersion: number; input: ActivityInput; actor: Actor }
): Promise<ChangeResult> {
	return changeActivity(db, {
		...args,
		action: 'activity.update',
		change: () => ({
			...inputColumns(args.input),
			status: 'pending',
			reject_reason: null,
			moderated_at: null,
			moderated_by: null,
			exemplary: 0,
			exemplary_note: null
		})
	});
}

/**
 * A unit adds photos to its activity or takes one away. Like any edit of its own, the activity
 * goes back to the moderation queue (what the public may see has changed).
 */
export function changeActivityPhotos(
	db: DB,
	args: {
		id: number;
		unitId: number;
		expectedVersion: number;
		actor: Actor;
		add?: (ActivityPhoto & { bytes: number })[];
		remove?: string;
		/** at most this many photos after the change */
		limit: number;
	}
): Promise<ChangeResult> {
	return changeActivity(db, {
		...args,
		action: 'activity.photos',
		change: () => ({
			status: 'pending',
			reject_reason: null,
			moderated_at: null,
			moderated_by: null
		}),
		photos: (current) => {
			const kept = current.photos.filter((photo) => photo.hash !== args.remove);
			const next = uniquePhotos([...kept, ...(args.add ?? [])]);
			if (args.remove && kept.length === current.photos.length) {
				return { refused: m.refuse_photo_gone() };
			}
			if (next.length > args.limit) {
				return {
					refused: m.refuse_photo_limit({ limit: args.limit, count: current.photos.length })
				};
			}
			return next;
		}
	});
}

/** An administrator corrects an activity; its moderation status stays as it was. */
export function editActivityByAdmin(
	db: DB,
	args: { id: number; expectedVersion: number; input: ActivityInput; actor: Actor }
): Promise<ChangeResult> {
	return changeActivity(db, {
		...args,
		action: 'activity.update',
		change: () => inputColumns(args.input)
	});
}

/** A unit withdraws an activity it reported, unless the Department already approved it. */
export function withdrawActivity(
	db: DB,
	args: { id: number; unitId: number; expectedVersion: number; actor: Actor }
): Promise<ChangeResult> {
	return changeActivity(db, {
		...args,
		action: 'activity.withdraw',
		change: (current) =>
			current.status === 'approved'
				? { refused: m.refuse_withdraw_approved() }
				: { withdrawn_at: new Date().toISOString() }
	});
}

export function moderateActivity(
	db: DB,
	args: {
		id: number;
		expectedVersion: number;
		decision: 'approved' | 'rejected' | 'pending';
		reason?: string;
		actor: Actor;
	}
): Promise<ChangeResult> {
	return changeActivity(db, {
		...args,
		action:
			args.decision === 'approved'
				? 'activity.approve'
				: args.decision === 'rejected'
					? 'activity.reject'
					: 'activity.reopen',
		change: () => ({
			status: args.decision,
			reject_reason: args.decision === 'rejected' ? (args.reason ?? null) : null,
			moderated_at: new Date().toISOString(),
			moderated_by: args.actor.label,
			// Only an approved activity can stay exemplary.
			...(args.decision === 'approved' ? {} : { exemplary: 0, exemplary_note: null })
		})
	});
}

export function markExemplary(
	db: DB,
	args: {
		id: number;
		expectedVersion: number;
		exemplary: boolean;
		note: string | null;
		actor: Actor;
	}
): Promise<ChangeResult> {
	return changeActivity(db, {
		...args,
		action: args.exemplary ? 'activity.exemplary' : 'activity.unexemplary',
		change: (current) =>
			args.exemplary && current.status !== 'approved'
				? { refused: m.refuse_exemplary_unapproved() }
				: { exemplary: args.exemplary ? 1 : 0, exemplary_note: args.exemplary ? args.note : null }
	});
}

export type ActivityStatusFilter = 'pending' | 'approved' | 'rejected' | 'exemplary' | 'all';

/** Activities for the moderation queue and lists, newest first; withdrawn ones never. */
export interface ActivityListFilter {
	status: ActivityStatusFilter;
	unitCode?: string;
	type?: ActivityType;
	/** words in the title, the unit's name or the place, with or without diacritics */
	search?: string;
}

/** The moderation queue: one page of activities matching the filter, and how many match. */
export async function listActivities(
	db: DB,
	campaignId: number,
	options: ActivityListFilter & { limit: number }
): Promise<{ activities: StoredActivity[]; total: number }> {
	let query = selectActivitiesWithUnit(db)
		.where('activities.campaign_id', '=', campaignId)
		.where('activities.withdrawn_at', 'is', null);
	if (options.status === 'exemplary') query = query.where('activities.exemplary', '=', 1);
	else if (options.status !== 'all') query = query.where('activities.status', '=', options.status);
	if (options.unitCode) query = query.where('units.code', '=', options.unitCode);
	if (options.type) query = query.where('activities.type', '=', options.type);
	const search = options.search?.trim();
	if (search) {
		query = query.where(
			sql<string>`fold_text(activities.title || ' ' || units.name || ' ' || coalesce(activities.location, ''))`,
			'like',
			sql<string>`${likePattern(search)} escape '\\'`
		);
	}
	const [rows, count] = await Promise.all([
		query
			.orderBy('activities.id', options.status === 'pending' ? 'asc' : 'desc')
			.limit(options.limit)
			.execute(),
		query
			.clearSelect()
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	]);
	const photos = await photosOf(
		db,
		rows.map((row) => row.id)
	);
	return {
		activities: rows.map((row) => storedFromJoined(row, photos.get(row.id) ?? [])),
		total: Number(count.n)
	};
}

export async function countActivitiesByStatus(
	db: DB,
	campaignId: number
): Promise<Record<'pending' | 'approved' | 'rejected' | 'exemplary', number>> {
	const rows = await db
		.selectFrom('activities')
		.select((eb) => [
			'status',
			eb.fn.countAll<number>().as('n'),
			eb.fn.sum<number>('exemplary').as('exemplary')
		])
		.where('campaign_id', '=', campaignId)
		.where('withdrawn_at', 'is', null)
		.groupBy('status')
		.execute();
	const counts = { pending: 0, approved: 0, rejected: 0, exemplary: 0 };
	for (const row of rows) {
		counts[row.status] = Number(row.n);
		counts.exemplary += Number(row.exemplary ?? 0);
	}
	return counts;
}

/**
 * Remove every sample activity of `cli demo` from a campaign, in one transaction with one audit
 * entry; real reports are untouched (only rows sent with a demo token are marked).
 */
export async function deleteDemoActivities(
	db: DB,
	campaignId: number,
	actor: Actor
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		// What the demo rows counted leaves the tallies with them, one grouped subtraction per cell.
		const cells = await trx
			.selectFrom('activities')
			.select((eb) => [
				'unit_id',
				'type',
				'start_date',
				eb.fn.countAll<number>().as('activities'),
				eb.fn.coalesce(eb.fn.sum<number>('quantity'), eb.lit(0)).as('quantity'),
				eb.fn.coalesce(eb.fn.sum<number>('participants'), eb.lit(0)).as('participants')
			])
			.where('campaign_id', '=', campaignId)
			.where('demo', '=', 1)
			.where('status', '!=', 'rejected')
			.where('withdrawn_at', 'is', null)
			.groupBy(['unit_id', 'type', 'start_date'])
			.execute();
		for (const cell of cells) {
			const activities = Number(cell.activities);
			await addToTally(
				trx,
				{ campaignId, unitId: cell.unit_id, type: cell.type, startDate: cell.start_date },
				{
					activities: -activities,
					quantity: -Number(cell.quantity),
					participants: -Number(cell.participants),
					demo: -activities
				}
			);
		}
		const removed = await trx
			.deleteFrom('activities')
			.where('campaign_id', '=', campaignId)
			.where('demo', '=', 1)
			.executeTakeFirst();
		const count = Number(removed.numDeletedRows);
		if (count === 0) return 0;
		await recordChange(trx, campaignId);
		await appendAudit(trx, {
			actor,
			action: 'demo.clear',
			entityType: 'campaign',
			entityId: String(campaignId),
			after: { removed: count }
		});
		return count;
	});
}

export async function countDemoActivities(db: DB, campaignId: number): Promise<number> {
	const row = await db
		.selectFrom('activities')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('campaign_id', '=', campaignId)
		.where('demo', '=', 1)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * One photo of one activity, with what decides who may see it: the activity's unit, whether it is
 * withdrawn, and whether the public sees it (approved — or, with moderation off, not rejected —,
 * not withdrawn, from an active unit: the rule of the public latest list).
 */
export async function findActivityPhoto(
	db: DB,
	activityId: number,
	hash: string
): Promise<{ unitId: number; position: number; withdrawn: boolean; public: boolean } | undefined> {
	const row = await db
		.selectFrom('activity_photos')
		.innerJoin('activities', 'activities.id', 'activity_photos.activity_id')
		.innerJoin('units', 'units.id', 'activities.unit_id')
		.innerJoin('campaigns', 'campaigns.id', 'activities.campaign_id')
		.select([
			'activities.unit_id',
			'activity_photos.position',
			'activities.withdrawn_at',
			'activities.status',
			'units.active',
			'campaigns.moderation'
		])
		.where('activity_photos.activity_id', '=', activityId)
		.where('activity_photos.hash', '=', hash)
		.executeTakeFirst();
	if (!row) return undefined;
	const withdrawn = row.withdrawn_at !== null;
	const shown = row.moderation === 1 ? row.status === 'approved' : row.status !== 'rejected';
	return {
		unitId: row.unit_id,
		position: row.position,
		withdrawn,
		public: shown && !withdrawn && row.active === 1
	};
}
