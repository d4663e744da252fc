import { reminderText } from '$lib/domain/reminder';
import { currentStats, db } from './app';
import type { Principal } from './auth/sessions';
import { actorOf } from './auth/sessions';
import { appendAudit } from './repositories/audit';
import { findActiveCampaign } from './repositories/campaigns';
import { currentUnitLink, findUnitByCode } from './repositories/units';

export interface Reminder {
	code: string;
	text: string;
	/** none: the unit has no live link; legacy: its link was issued before links could be shown again */
	link: 'none' | 'legacy' | 'recoverable';
}

/**
 * The reminder for one unit, with its current link when the server can derive it again. Every
 * reminder shows a secret link to whoever asked, so each one is written to the audit log.
 */
export async function composeReminder(
	code: string,
	principal: Principal,
	origin: string
): Promise<Reminder | undefined> {
	const unit = await findUnitByCode(db(), code);
	if (!unit || unit.active !== 1) return undefined;
	const campaign = await findActiveCampaign(db());
	const { state, token } = await currentUnitLink(db(), unit.id);
	// The same count the dashboard shows, from the cached aggregates.
	const activities =
		(await currentStats()).staff.byUnit.find((u) => u.code === unit.code)?.activities ?? 0;
	await appendAudit(db(), {
		actor: actorOf(principal),
		action: 'reminder.compose',
		entityType: 'unit',
		entityId: unit.code,
		after: { link: state }
	});
	return {
		code: unit.code,
		link: state,
		text: reminderText({
			unitName: unit.name,
			issuer: campaign.issuer,
			activities,
			dueBefore: campaign.report_due_before,
			link: token ? `${origin}/u/${token}` : undefined
		})
	};
}
