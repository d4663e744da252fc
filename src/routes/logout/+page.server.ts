import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';
import { db } from '$lib/server/context';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { actorOf, deleteSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { appendAudit } from '$lib/server/repositories/audit';

export const actions = {
	default: async ({ cookies, locals, url }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) await deleteSession(db(), token);
		if (locals.principal) {
			await appendAudit(db(), { actor: actorOf(locals.principal), action: 'logout' });
		}
		clearSessionCookie(cookies, url);
		redirect(303, '/login');
	}
} satisfies Actions;
