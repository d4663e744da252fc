import { parseActivityInput, type FieldErrors } from '$lib/domain/activity';
import type { StoredActivity } from '$lib/domain/stats';
import { appContext, db, noteStorageFailure } from './context';
import type { Unit, UnitReport } from './db/schema';
import { isOnTime } from '$lib/domain/completeness';
import { lockedMessage } from '$lib/domain/cutoff';
import { parseUnitReport } from '$lib/domain/unit-report';
import { saveUnitReport } from './repositories/reports';
import { campaignDates, findActiveCampaign, lockedCutoff } from './repositories/campaigns';
import { checkActivityDates } from '../domain/activity-dates';
import {
	changeActivityPhotos,
	editActivityByAdmin,
	countActivitiesSince,
	findByIdempotencyKey,
	editActivityByUnit,
	findActivity,
	insertActivity,
	markExemplary,
	moderateActivity,
	photoHashesInUse,
	toInputShape,
	withdrawActivity,
	type ChangeResult
} from './repositories/activities';
import { countUnitWritesSince, type Actor } from './repositories/audit';
import { announce } from './changes';
import { parseExemplaryNote, parseRejectReason } from '$lib/domain/moderation';
import { isStorageFailure } from './db/open';
import {
	PHOTOS_PER_ACTIVITY,
	photosDir,
	preparePhotos,
	removePhotoFiles,
	savePhoto,
	type PreparedPhoto,
	type StoredPhoto,
	type UploadedFile
} from './photos';
import { log } from './log';
import { m } from '../paraglide/messages';

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Nothing was stored: the disk is full or failing (logged with its cause). */
export const storageUnavailable = (): FieldErrors => ({ storage: [m.storage_unavailable()] });

/** Run a write; a storage failure becomes an outcome (logged with its real cause), not a 500. */
async function storing<T>(
	what: string,
	write: () => Promise<T>
): Promise<T | { kind: 'unavailable' }> {
	try {
		return await write();
	} catch (error) {
		if (!isStorageFailure(error)) throw error;
		const { code, message } = error as { code: string; message: string };
		log().error(`Không lưu được ${what}: ${code} — ${message}`, { code });
		noteStorageFailure(code);
		return { kind: 'unavailable' };
	}
}

export type SubmitResult =
	| { kind: 'created'; activity: StoredActivity }
	| { kind: 'unavailable'; errors: FieldErrors }
	| { kind: 'replayed'; activity: StoredActivity }
	| { kind: 'invalid'; errors: FieldErrors }
	| { kind: 'rate-limited'; errors: FieldErrors }
	| { kind: 'locked'; errors: FieldErrors };

function lockedErrors(cutoffAt: string): FieldErrors {
	return { cutoff: [lockedMessage(cutoffAt)] };
}

/**
 * Whether a unit reached its writes of the last minute (SUBMIT_RATE_LIMIT_PER_MINUTE; 0 turns the
 * limit off, as the benchmark does), counted by `count` from the minute's start. A person never
 * comes close; a runaway script does.
 */
async function overLimitThisMinute(count: (since: string) => Promise<number>): Promise<boolean> {
	const limit = appContext().config.SUBMIT_RATE_LIMIT_PER_MINUTE;
	if (limit === 0) return false;
	return (await count(new Date(Date.now() - 60_000).toISOString())) >= limit;
}

/** New activities a unit reported in the last minute. */
const overSubmitLimit = (unitId: number) =>
	overLimitThisMinute((since) => countActivitiesSince(db(), unitId, since));

/** The limit as the insert checks it again inside its transaction (the count above is a quick way out). */
function submitLimit(): { perMinute: number; since: string } | undefined {
	const perMinute = appContext().config.SUBMIT_RATE_LIMIT_PER_MINUTE;
	return perMinute === 0
		? undefined
		: { perMinute, since: new Date(Date.now() - 60_000).toISOString() };
}

const rateLimited = (): FieldErrors => ({ rate: [m.rate_limited()] });
const tooManyChanges = (): FieldErrors => ({ rate: [m.rate_limited_changes()] });

/**
 * A link's changes (edits, photos, withdrawals, its final report) are limited per minute as its
 * new reports are: without it one link wrote 600 audited revisions (3.5 MB) in 8 seconds.
 */
const overChangeLimit = (unit: Pick<Unit, 'code'>) =>
	overLimitThisMinute((since) => countUnitWritesSince(db(), unit.code, since));

/**
 * The files first (by hash: a photo stored twice is one file), then the change whose rows show
 * them, in its transaction — never a row pointing at a missing file. A change refused inside its
 * transaction (a race with the checks made before) takes back the files no row refers to.
 */
async function withPhotoFiles<R>(
	prepared: PreparedPhoto[],
	change: (stored: StoredPhoto[]) => Promise<R>,
	kept: (result: R) => boolean
): Promise<R> {
	if (prepared.length === 0) return change([]);
	const dir = photosDir(appContext().config);
	const stored = await Promise.all(prepared.map((photo) => savePhoto(dir, photo)));
	const takeBack = async () => {
		const hashes = stored.map((photo) => photo.hash);
		await removePhotoFiles(dir, hashes, await photoHashesInUse(db(), hashes));
	};
	let result: R;
	try {
		result = await change(stored);
	} catch (error) {
		await takeBack().catch(() => {});
		throw error;
	}
	if (!kept(result)) await takeBack();
	return result;
}

/**
 * The one path from a unit's submission to the database and every screen, shared by the unit
 * form and the JSON API: validate → store once → broadcast.
 */
export async function submitActivity(args: {
	/** with `demoToken` when sent by `cli demo`: the activity is marked as a sample */
	unit: Unit & { demoToken?: boolean };
	raw: unknown;
	idempotencyKey: string;
	source: 'api' | 'form';
	/** photo evidence from the unit's form (at most 5), checked before anything is stored */
	photos?: UploadedFile[];
}): Promise<SubmitResult> {
	if (!IDEMPOTENCY_KEY_PATTERN.test(args.idempotencyKey)) {
		return {
			kind: 'invalid',
			errors: {
				idempotencyKey: [m.key_invalid()]
			}
		};
	}
	const parsed = parseActivityInput(args.raw);
	const uploads = args.photos ?? [];
	// A retry of a report already stored is answered without decoding its photos again.
	const photos =
		uploads.length && !(await findByIdempotencyKey(db(), args.unit, args.idempotencyKey))
			? await preparePhotos(uploads)
			: { ok: true as const, photos: [] };
	if (!parsed.ok || !photos.ok) {
		return {
			kind: 'invalid',
			errors: {
				...(parsed.ok ? {} : parsed.errors),
				...(photos.ok ? {} : { photos: photos.errors })
			}
		};
	}

	const campaign = await findActiveCampaign(db());
	// (A retry of an activity already stored is answered whatever the rules say now.)
	const dateErrors = checkActivityDates(parsed.value, campaignDates(campaign));
	if (dateErrors && !(await findByIdempotencyKey(db(), args.unit, args.idempotencyKey))) {
		return { kind: 'invalid', errors: dateErrors };
	}
	// Over the limit, a retry of something already stored is still answered; the key lookup runs
	// only then, so the usual path costs one count.
	if (
		(await overSubmitLimit(args.unit.id)) &&
		!(await findByIdempotencyKey(db(), args.unit, args.idempotencyKey))
	) {
		return { kind: 'rate-limited', errors: rateLimited() };
	}
	// After the cut-off nothing is written, not even the photos' files (the insert checks again).
	if (photos.photos.length > 0) {
		const cutoffAt = await lockedCutoff(db());
		if (cutoffAt) return { kind: 'locked', errors: lockedErrors(cutoffAt) };
	}
	const result = await storing('hoạt động', () =>
		withPhotoFiles(
			photos.photos,
			(stored) =>
				insertActivity(db(), {
					photos: stored,
					campaignId: campaign.id,
					unit: args.unit,
					input: parsed.value,
					idempotencyKey: args.idempotencyKey,
					source: args.source,
					limit: submitLimit(),
					demo: args.unit.demoToken === true
				}),
			(done) => done.kind === 'created'
		)
	);
	if (result.kind === 'unavailable') return { kind: 'unavailable', errors: storageUnavailable() };
	if (result.kind === 'key-reused') {
		return {
			kind: 'invalid',
			errors: {
				idempotencyKey: [m.key_reused()]
			}
		};
	}
	if (result.kind === 'locked') return { kind: 'locked', errors: lockedErrors(result.cutoffAt) };
	if (result.kind === 'rate-limited') return { kind: 'rate-limited', errors: rateLimited() };
	if (result.kind === 'created') {
		announce({ kind: 'activity:created', activity: result.activity, seq: result.seq });
	}
	return result;
}

export type ChangeOutcome =
	| { kind: 'changed'; activity: StoredActivity }
	| { kind: 'not-found' }
	| { kind: 'conflict'; current: StoredActivity }
	| { kind: 'invalid'; errors: FieldErrors }
	| { kind: 'refused'; reason: string }
	| { kind: 'locked'; errors: FieldErrors }
	| { kind: 'unavailable'; errors: FieldErrors }
	| { kind: 'rate-limited'; errors: FieldErrors };

/** Someone else changed the activity since it was read (optimistic concurrency). */
export const conflictMessage = (): string => m.conflict();

/** After any committed change: tell every screen. */
function announced(result: ChangeResult | { kind: 'unavailable' }): ChangeOutcome {
	if (result.kind === 'unavailable') return { kind: 'unavailable', errors: storageUnavailable() };
	if (result.kind === 'locked') return { kind: 'locked', errors: lockedErrors(result.cutoffAt) };
	if (result.kind === 'changed') {
		announce({ kind: 'activity:updated', activity: result.activity, seq: result.seq });
	}
	return result;
}

function readVersion(raw: unknown): number | undefined {
	return typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0 ? raw : undefined;
}

/**
 * Edit an activity: the changed fields are merged into the stored ones (null clears a field) and
 * the result must pass the same schema as a new submission. A unit's edit sends the activity back
 * to the moderation queue; an administrator's edit keeps its status.
 */
export async function editActivity(args: {
	id: number;
	unit?: Unit;
	actor: Actor;
	raw: unknown;
}): Promise<ChangeOutcome> {
	if (typeof args.raw !== 'object' || args.raw === null || Array.isArray(args.raw)) {
		return { kind: 'invalid', errors: { body: [m.v_json_object()] } };
	}
	const { version: rawVersion, ...changes } = args.raw as Record<string, unknown>;
	const version = readVersion(rawVersion);
	if (version === undefined) {
		return {
			kind: 'invalid',
			errors: { version: [m.version_missing()] }
		};
	}
	const current = await findActivity(db(), args.id, { unitId: args.unit?.id });
	if (!current) return { kind: 'not-found' };
	if (args.unit && (await overChangeLimit(args.unit))) {
		return { kind: 'rate-limited', errors: tooManyChanges() };
	}
	const merged: Record<string, unknown> = { ...toInputShape(current), ...changes };
	for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
	// Changing the type drops the old type's own fields unless they were sent again.
	if (changes.type !== undefined && changes.type !== current.type) {
		for (const field of ['quantity', 'channels', 'format', 'mode'] as const) {
			if (!(field in changes)) delete merged[field];
		}
	}
	const parsed = parseActivityInput(merged);
	if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
	// The campaign's date rules apply to dates being changed (an activity stored before a rule
	// changed can still have its title corrected).
	if (
		parsed.value.startDate !== current.startDate ||
		(parsed.value.endDate ?? null) !== current.endDate
	) {
		const dateErrors = checkActivityDates(
			parsed.value,
			campaignDates(await findActiveCampaign(db()))
		);
		if (dateErrors) return { kind: 'invalid', errors: dateErrors };
	}

	const result = await storing('thay đổi hoạt động', () =>
		args.unit
			? editActivityByUnit(db(), {
					id: args.id,
					unitId: args.unit.id,
					expectedVersion: version,
					input: parsed.value,
					actor: args.actor
				})
			: editActivityByAdmin(db(), {
					id: args.id,
					expectedVersion: version,
					input: parsed.value,
					actor: args.actor
				})
	);
	return announced(result);
}

export async function withdrawOwnActivity(args: {
	id: number;
	unit: Unit;
	version?: number;
}): Promise<ChangeOutcome> {
	const current = await findActivity(db(), args.id, { unitId: args.unit.id });
	if (!current) return { kind: 'not-found' };
	if (await overChangeLimit(args.unit)) return { kind: 'rate-limited', errors: tooManyChanges() };
	const result = await storing('việc rút hoạt động', () =>
		withdrawActivity(db(), {
			id: args.id,
			unitId: args.unit.id,
			expectedVersion: args.version ?? current.version,
			actor: unitActor(args.unit)
		})
	);
	return announced(result);
}

export async function decideActivity(args: {
	id: number;
	version: number;
	decision: 'approved' | 'rejected' | 'pending';
	reason?: string;
	actor: Actor;
}): Promise<ChangeOutcome> {
	let reason = '';
	if (args.decision === 'rejected') {
		const parsed = parseRejectReason(args.reason ?? '');
		if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
		reason = parsed.value;
	}
	const current = await findActivity(db(), args.id);
	if (!current) return { kind: 'not-found' };
	const result = await storing('quyết định kiểm duyệt', () =>
		moderateActivity(db(), {
			id: args.id,
			expectedVersion: args.version,
			decision: args.decision,
			reason,
			actor: args.actor
		})
	);
	return announced(result);
}

/**
 * Approve several activities at once. Each is decided on its own, exactly as one click would
 * (its version checked, audited, broadcast), so one that another moderator changed meanwhile is
 * skipped and named rather than overwritten.
 */
export async function approveActivities(
	items: { id: number; version: number }[],
	actor: Actor
): Promise<{ approved: number; skipped: { id: number; reason: string }[] }> {
	let approved = 0;
	const skipped: { id: number; reason: string }[] = [];
	for (const item of items.slice(0, 500)) {
		const result = await decideActivity({ ...item, decision: 'approved', actor });
		if (result.kind === 'changed') approved++;
		else
			skipped.push({
				id: item.id,
				reason:
					result.kind === 'not-found'
						? m.skip_gone()
						: result.kind === 'conflict'
							? m.skip_changed()
							: result.kind === 'refused'
								? result.reason
								: result.kind === 'unavailable'
									? m.skip_unavailable()
									: m.skip_other()
			});
	}
	return { approved, skipped };
}

export async function setExemplary(args: {
	id: number;
	version: number;
	exemplary: boolean;
	note: string;
	actor: Actor;
}): Promise<ChangeOutcome> {
	const note = parseExemplaryNote(args.note);
	if (!note.ok) return { kind: 'invalid', errors: note.errors };
	const current = await findActivity(db(), args.id);
	if (!current) return { kind: 'not-found' };
	const result = await storing('đánh dấu tiêu biểu', () =>
		markExemplary(db(), {
			id: args.id,
			expectedVersion: args.version,
			exemplary: args.exemplary,
			note: note.value,
			actor: args.actor
		})
	);
	return announced(result);
}

export function unitActor(unit: Pick<Unit, 'code' | 'name'>): Actor {
	return { type: 'unit', id: unit.code, label: unit.name };
}

export interface ReportView {
	kind: 'summary' | 'no_activity';
	summary: string | null;
	reason: string | null;
	reportedAt: string;
	updatedAt: string;
	onTime: boolean;
	version: number;
}

export function reportView(report: UnitReport, dueBefore: string): ReportView {
	return {
		kind: report.kind,
		summary: report.summary,
		reason: report.reason,
		reportedAt: report.reported_at,
		updatedAt: report.updated_at,
		onTime: isOnTime(report.reported_at, dueBefore),
		version: report.version
	};
}

/** A unit's final report, from its page or the API: validate → store → every screen updates. */
export async function submitUnitReport(args: {
	unit: Unit;
	raw: unknown;
}): Promise<
	| { kind: 'saved'; report: ReportView; created: boolean }
	| { kind: 'invalid'; errors: FieldErrors }
	| { kind: 'locked'; errors: FieldErrors }
	| { kind: 'unavailable'; errors: FieldErrors }
	| { kind: 'rate-limited'; errors: FieldErrors }
> {
	const parsed = parseUnitReport(args.raw);
	if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
	if (await overChangeLimit(args.unit)) return { kind: 'rate-limited', errors: tooManyChanges() };
	const campaign = await findActiveCampaign(db());
	const saved = await storing('báo cáo', () =>
		saveUnitReport(db(), {
			campaignId: campaign.id,
			unit: args.unit,
			input: parsed.value,
			actor: unitActor(args.unit)
		})
	);
	if (saved.kind === 'unavailable') return { kind: 'unavailable', errors: storageUnavailable() };
	if (saved.kind === 'locked') return { kind: 'locked', errors: lockedErrors(saved.cutoffAt) };
	announce({ kind: 'numbers' });
	return {
		kind: 'saved',
		report: reportView(saved.report, campaign.report_due_before),
		created: saved.created
	};
}

/**
 * A unit adds photos to an activity it sent, or takes one away, at the version it saw. New
 * photos are checked like a new report's (all usable, or none kept) and stored before the change.
 */
export async function changeOwnActivityPhotos(args: {
	id: number;
	unit: Unit;
	version: number;
	add?: UploadedFile[];
	remove?: string;
}): Promise<ChangeOutcome> {
	const uploads = args.add ?? [];
	if (!args.remove && uploads.length === 0) {
		return { kind: 'invalid', errors: { photos: [m.photos_none_chosen()] } };
	}
	// Nothing is decoded or written before the change is known to be allowed: another unit's
	// activity, a stale version, the cut-off or too many changes a minute leave no file behind.
	const current = await findActivity(db(), args.id, { unitId: args.unit.id });
	if (!current) return { kind: 'not-found' };
	if (current.version !== args.version) return { kind: 'conflict', current };
	const cutoffAt = await lockedCutoff(db());
	if (cutoffAt) return { kind: 'locked', errors: lockedErrors(cutoffAt) };
	if (await overChangeLimit(args.unit)) return { kind: 'rate-limited', errors: tooManyChanges() };
	const prepared = uploads.length
		? await preparePhotos(uploads)
		: { ok: true as const, photos: [] };
	if (!prepared.ok) return { kind: 'invalid', errors: { photos: prepared.errors } };
	const result = await storing('ảnh của hoạt động', () =>
		withPhotoFiles(
			prepared.photos,
			(add) =>
				changeActivityPhotos(db(), {
					id: args.id,
					unitId: args.unit.id,
					expectedVersion: args.version,
					actor: unitActor(args.unit),
					add,
					remove: args.remove,
					limit: PHOTOS_PER_ACTIVITY
				}),
			(done) => done.kind === 'changed'
		)
	);
	return announced(result);
}
