import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db } from '$lib/server/context';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { createSession } from '$lib/server/auth/sessions';
import { appendAudit } from '$lib/server/repositories/audit';
import { findLiveLeaderLink } from '$lib/server/repositories/leader-links';
import { m } from '$lib/paraglide/messages';

/**
 * A leader's read-only link: opens a leader session and goes to the dashboard. A browser already
 * signed in with an account keeps it (an administrator opening a leader's link to try it was
 * silently turned into a read-only viewer): the account sees the dashboard too.
 */
export const GET: RequestHandler = async ({ params, cookies, url, locals }) => {
	const link = await findLiveLeaderLink(db(), params.token);
	if (!link) error(404, m.error_leader_link());
	if (locals.principal?.kind === 'user') redirect(303, '/dashboard');
	const session = await createSession(db(), { leaderLinkId: link.id });
	setSessionCookie(cookies, url, session.token, session.expiresAt);
	await appendAudit(db(), {
		actor: { type: 'leader', id: `link:${link.id}`, label: `Liên kết xem: ${link.label}` },
		action: 'leader_link.use',
		entityType: 'leader_link',
		entityId: link.id
	});
	redirect(303, '/dashboard');
};
