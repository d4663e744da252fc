import { parseActivityInput, type FieldErrors } from '$lib/domain/activity';
import type { StoredActivity } from '$lib/domain/stats';
import { db } from './app';
import type { Unit } from './db/schema';
import { findActiveCampaign } from './repositories/campaigns';
import { insertActivity } from './repositories/activities';
import { hub } from './realtime/hub';

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export type SubmitResult =
	| { kind: 'created'; activity: StoredActivity }
	| { kind: 'replayed'; activity: StoredActivity }
	| { kind: 'invalid'; errors: FieldErrors };

/**
 * The one path from a unit's submission to the database and every screen, shared by the unit
 * form and the JSON API: validate → store once → broadcast.
 */
export async function submitActivity(args: {
	unit: Unit;
	raw: unknown;
	idempotencyKey: string;
	source: 'api' | 'form';
}): Promise<SubmitResult> {
	if (!IDEMPOTENCY_KEY_PATTERN.test(args.idempotencyKey)) {
		return {
			kind: 'invalid',
			errors: {
				idempotencyKey: [
					'Idempotency-Key phải gồm 1–200 ký tự ASCII in được, không có khoảng trắng'
				]
			}
		};
	}
	const parsed = parseActivityInput(args.raw);
	if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };

	const campaign = await findActiveCampaign(db());
	const result = await insertActivity(db(), {
		campaignId: campaign.id,
		unit: args.unit,
		input: parsed.value,
		idempotencyKey: args.idempotencyKey,
		source: args.source
	});
	if (result.kind === 'key-reused') {
		return {
			kind: 'invalid',
			errors: {
				idempotencyKey: [
					'Idempotency-Key này đã được dùng cho một hoạt động khác; hãy dùng khóa mới cho mỗi hoạt động'
				]
			}
		};
	}
	if (result.kind === 'created') hub()?.activityCreated(result.activity);
	return result;
}
