import { reminderText, type Reminder } from '$lib/domain/reminder';
import { db } from './context';
import { currentStats } from './live-stats';
import type { Principal } from './auth/sessions';
import { actorOf } from './auth/sessions';
import { appendAudit } from './repositories/audit';
import { findActiveCampaign } from './repositories/campaigns';
import { currentUnitLink, findUnitByCode } from './repositories/units';

/**
 * The reminder for one unit. A unit's link is a credential that writes as the unit, so only an
 * administrator gets it in the text (when the server can derive it again); leaders — signed in or
 * through a read-only leader link — get the text without it. Every reminder is audited with what
 * it carried.
 */
export async function composeReminder(
	code: string,
	principal: Principal,
	origin: string
): Promise<Reminder | undefined> {
	const unit = await findUnitByCode(db(), code);
	if (!unit || unit.active !== 1) return undefined;
	const campaign = await findActiveCampaign(db());
	const current = await currentUnitLink(db(), unit.id);
	const mayHandOut = principal.kind === 'user' && principal.role === 'admin';
	const state = current.state === 'recoverable' && !mayHandOut ? 'withheld' : current.state;
	const token = mayHandOut ? current.token : undefined;
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
