import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ActivityType, UnitKind } from '../../domain/campaign';

export interface CampaignTable {
	id: Generated<number>;
	slug: string;
	title: string;
	issuer: string;
	letter_ref: string | null;
	based_on: string | null;
	signer: string | null;
	timezone: Generated<string>;
	event_day: string;
	window_from: string;
	window_to: string;
	report_due_before: string;
	slogan: string;
	/** JSON array of strings */
	themes: string;
	/** JSON array of { date, name } */
	linked_days: string;
	moderation: Generated<number>;
	cutoff_at: string | null;
	active: Generated<number>;
	seq: Generated<number>;
	created_at: Generated<string>;
}

export interface UnitTable {
	id: Generated<number>;
	code: string;
	name: string;
	short_name: string | null;
	kind: UnitKind;
	verified: Generated<number>;
	active: Generated<number>;
	sort_order: Generated<number>;
	contact_name: string | null;
	contact_phone: string | null;
	contact_email: string | null;
	note: string | null;
	created_at: Generated<string>;
}

export interface UnitTokenTable {
	id: Generated<number>;
	unit_id: number;
	token_hash: string;
	purpose: 'link' | 'demo';
	created_at: Generated<string>;
	revoked_at: string | null;
}

export type ActivityStatus = 'pending' | 'approved' | 'rejected';

export interface ActivityTable {
	id: Generated<number>;
	campaign_id: number;
	unit_id: number;
	type: ActivityType;
	title: string;
	description: string | null;
	start_date: string;
	end_date: string | null;
	location: string | null;
	participants: number | null;
	quantity: number | null;
	/** JSON arrays */
	channels: string;
	format: string | null;
	mode: string | null;
	content_areas: string;
	links: string;
	status: Generated<ActivityStatus>;
	reject_reason: string | null;
	version: Generated<number>;
	idempotency_key: string;
	request_hash: string;
	source: 'api' | 'form';
	created_at: Generated<string>;
	updated_at: Generated<string>;
}

export interface Database {
	campaigns: CampaignTable;
	units: UnitTable;
	unit_tokens: UnitTokenTable;
	activities: ActivityTable;
}

export type Campaign = Selectable<CampaignTable>;
export type NewCampaign = Insertable<CampaignTable>;
export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitToken = Selectable<UnitTokenTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type NewActivity = Insertable<ActivityTable>;
export type ActivityUpdate = Updateable<ActivityTable>;
