import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ActivityType, EventFormat, EventMode, UnitKind } from '../../domain/campaign';

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
	/** the dates an activity may carry; null: the default (see domain/activity-dates.ts) */
	accept_from: string | null;
	accept_to: string | null;
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
	/** links only: the token is derived from this with the server's link key */
	nonce: string | null;
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
	format: EventFormat | null;
	mode: EventMode | null;
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
	withdrawn_at: string | null;
	moderated_at: string | null;
	moderated_by: string | null;
	exemplary: Generated<number>;
	exemplary_note: string | null;
	/** 1 for a sample activity sent by `cli demo` (with a demo token) */
	demo: Generated<number>;
}

export interface Database {
	campaigns: CampaignTable;
	units: UnitTable;
	unit_tokens: UnitTokenTable;
	activities: ActivityTable;
	users: UserTable;
	leader_links: LeaderLinkTable;
	sessions: SessionTable;
	login_failures: LoginFailureTable;
	audit_log: AuditLogTable;
	unit_reports: UnitReportTable;
	kiosk_presets: KioskPresetTable;
	activity_tallies: ActivityTallyTable;
	activity_photos: ActivityPhotoTable;
}

/** A photo an activity shows, in its order; the file is under the photos folder by its hash. */
export interface ActivityPhotoTable {
	activity_id: number;
	position: number;
	/** SHA-256 of the stored JPEG */
	hash: string;
	width: number;
	height: number;
	bytes: number;
	created_at: Generated<string>;
}

/** Counted activities summed by unit × form × start day (see server/changes.ts). */
export interface ActivityTallyTable {
	campaign_id: number;
	unit_id: number;
	type: ActivityType;
	start_date: string;
	activities: number;
	quantity: number;
	participants: number;
	demo: number;
}

export interface KioskPresetTable {
	id: Generated<number>;
	name: string;
	/** comma-separated slide names */
	slides: string;
	interval: number;
	theme: 'dark' | 'light';
	unit_code: string | null;
	/** the screen's language; null: the screen's own choice (Vietnamese by default) */
	lang: 'vi' | 'en' | null;
	created_at: Generated<string>;
	updated_at: Generated<string>;
}

export type KioskPreset = Selectable<KioskPresetTable>;

export interface UnitReportTable {
	id: Generated<number>;
	campaign_id: number;
	unit_id: number;
	kind: 'summary' | 'no_activity';
	summary: string | null;
	reason: string | null;
	reported_at: string;
	updated_at: string;
	version: Generated<number>;
}

export type UnitReport = Selectable<UnitReportTable>;

export type Campaign = Selectable<CampaignTable>;
export type NewCampaign = Insertable<CampaignTable>;
export type Unit = Selectable<UnitTable>;
export type NewUnit = Insertable<UnitTable>;
export type UnitToken = Selectable<UnitTokenTable>;
export type ActivityRow = Selectable<ActivityTable>;
export type NewActivity = Insertable<ActivityTable>;
export type ActivityUpdate = Updateable<ActivityTable>;

export type Role = 'admin' | 'leader';

export interface UserTable {
	id: Generated<number>;
	username: string;
	display_name: string | null;
	role: Role;
	password_hash: string;
	active: Generated<number>;
	created_at: Generated<string>;
	password_changed_at: Generated<string>;
}

export interface LeaderLinkTable {
	id: Generated<number>;
	label: string;
	token_hash: string;
	created_at: Generated<string>;
	revoked_at: string | null;
}

export interface SessionTable {
	id: Generated<number>;
	token_hash: string;
	user_id: number | null;
	leader_link_id: number | null;
	created_at: Generated<string>;
	last_seen_at: Generated<string>;
	expires_at: string;
}

export interface LoginFailureTable {
	id: Generated<number>;
	key: string;
	at: Generated<string>;
}

export type ActorType = 'admin' | 'leader' | 'unit' | 'system' | 'anonymous';

export interface AuditLogTable {
	id: Generated<number>;
	at: Generated<string>;
	actor_type: ActorType;
	actor_id: string | null;
	actor_label: string;
	action: string;
	entity_type: string | null;
	entity_id: string | null;
	/** JSON */
	before: string | null;
	/** JSON */
	after: string | null;
}

export type User = Selectable<UserTable>;
export type LeaderLink = Selectable<LeaderLinkTable>;
export type Session = Selectable<SessionTable>;
export type AuditEntry = Selectable<AuditLogTable>;
