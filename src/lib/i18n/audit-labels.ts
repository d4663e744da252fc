import { m } from '$lib/paraglide/messages';
import type { ActorType } from '$lib/server/db/schema';

/** The audit log's actions, in the language shown (the log itself stores the codes). */
const ACTIONS: Record<string, () => string> = {
	'activity.create': m.audit_activity_create,
	'activity.update': m.audit_activity_update,
	'activity.photos': m.audit_activity_photos,
	'activity.withdraw': m.audit_activity_withdraw,
	'activity.approve': m.audit_activity_approve,
	'activity.reject': m.audit_activity_reject,
	'activity.reopen': m.audit_activity_reopen,
	'activity.exemplary': m.audit_activity_exemplary,
	'activity.unexemplary': m.audit_activity_unexemplary,
	'campaign.update': m.audit_campaign_update,
	'campaign.lock': m.audit_campaign_lock,
	'campaign.unlock': m.audit_campaign_unlock,
	'demo.clear': m.audit_demo_clear,
	'export.download': m.audit_export_download,
	'reminder.compose': m.audit_reminder_compose,
	'kiosk_preset.save': m.audit_kiosk_preset_save,
	'kiosk_preset.delete': m.audit_kiosk_preset_delete,
	'unit.create': m.audit_unit_create,
	'unit.update': m.audit_unit_update,
	'unit.activate': m.audit_unit_activate,
	'unit.deactivate': m.audit_unit_deactivate,
	'unit.verify': m.audit_unit_verify,
	'unit.import': m.audit_unit_import,
	'report.submit': m.audit_report_submit,
	'report.update': m.audit_report_update,
	'unit_link.issue': m.audit_unit_link_issue,
	'unit_link.revoke': m.audit_unit_link_revoke,
	'leader_link.issue': m.audit_leader_link_issue,
	'leader_link.revoke': m.audit_leader_link_revoke,
	'leader_link.use': m.audit_leader_link_use,
	'user.create': m.audit_user_create,
	'user.password_reset': m.audit_user_password_reset,
	'login.success': m.audit_login_success,
	'login.failure': m.audit_login_failure,
	'login.blocked': m.audit_login_blocked,
	logout: m.audit_logout
};

const ENTITIES: Record<string, () => string> = {
	activity: m.audit_entity_activity,
	unit: m.audit_entity_unit,
	unit_token: m.audit_entity_unit_token,
	user: m.audit_entity_user,
	leader_link: m.audit_entity_leader_link,
	campaign: m.audit_entity_campaign,
	kiosk_preset: m.audit_entity_kiosk_preset
};

const ACTORS: Record<ActorType, () => string> = {
	admin: m.audit_actor_admin,
	leader: m.audit_actor_leader,
	unit: m.audit_actor_unit,
	system: m.audit_actor_system,
	anonymous: m.audit_actor_anonymous
};

/** Who can act, in the order the log's filter offers them. */
export const ACTOR_TYPES = Object.keys(ACTORS) as ActorType[];

/** An action's name; an action this version does not know is shown as its code. */
export const auditActionLabel = (action: string): string => ACTIONS[action]?.() ?? action;
export const entityLabel = (type: string): string => ENTITIES[type]?.() ?? type;
export const actorTypeLabel = (type: string): string => ACTORS[type as ActorType]?.() ?? type;

/**
 * Who acted, as the log names them: people and units by the name stored with the entry (data,
 * as entered); the system itself in the language shown (its stored label is Vietnamese).
 */
export function actorName(entry: {
	actor_type: string;
	actor_id: string | null;
	actor_label: string;
}) {
	if (entry.actor_type !== 'system') return entry.actor_label;
	return entry.actor_id === 'cli' ? m.audit_actor_cli() : m.audit_actor_system();
}
