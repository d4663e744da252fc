import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { safeNext, setSessionCookie } from '$lib/server/auth/cookies';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '$lib/server/auth/passwords';
import { loginSucceeded, reserveLoginAttempt } from '$lib/server/auth/rate-limit';
import { actorOf, createSession, deleteSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { appendAudit } from '$lib/server/repositories/audit';
import { findUserByUsername, normaliseUsername } from '$lib/server/repositories/users';
import { m } from '$lib/paraglide/messages';

export const load = (async ({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.principal) redirect(303, next);
	return { next };
}) satisfies PageServerLoad;

// One message for a wrong username and a wrong password: the form must not reveal which exist.
const blockedMessage = (seconds: number) =>
	seconds > 90
		? m.login_blocked_minutes({ minutes: Math.ceil(seconds / 60) })
		: m.login_blocked_seconds({ seconds });

export const actions = {
	default: async ({ request, cookies, url, getClientAddress, setHeaders }) => {
		const form = await request.formData();
		const rawUsername = form.get('username');
		const password = form.get('password');
		const next = safeNext(String(form.get('next') ?? ''));
		const username =
			typeof rawUsername === 'string' ? normaliseUsername(rawUsername).slice(0, 100) : '';
		if (!username || typeof password !== 'string' || password === '') {
			return fail(400, { username, error: m.login_missing() });
		}
		if (password.length > 1000) return fail(400, { username, error: m.login_wrong() });

		const ip = getClientAddress();
		// Counted before the (slow) password check, atomically: parallel guesses cannot all pass.
		const gate = await reserveLoginAttempt(db(), ip, username);
		if (!gate.allowed) {
			// Written once per username and address and quarter hour, however often it is refused.
			if (gate.firstRefusal) {
				await appendAudit(db(), {
					actor: { type: 'anonymous', id: null, label: username },
					action: 'login.blocked'
				});
			}
			setHeaders({ 'Retry-After': String(gate.retryAfterSeconds) });
			return fail(429, { username, error: blockedMessage(gate.retryAfterSeconds) });
		}

		const user = await findUserByUsername(db(), username);
		// Verify even for unknown users so both answers take the same time.
		const passwordOk = await verifyPassword(user?.password_hash ?? DUMMY_PASSWORD_HASH, password);
		if (!user || !passwordOk || user.active !== 1) {
			// The attempt stays counted as a failure.
			await appendAudit(db(), {
				actor: { type: 'anonymous', id: null, label: username },
				action: 'login.failure'
			});
			return fail(400, { username, error: m.login_wrong() });
		}

		await loginSucceeded(db(), ip, username, gate.attempt);
		// A new session, and the one this browser had (another account, a leader link) ends.
		const previous = cookies.get(SESSION_COOKIE);
		if (previous) await deleteSession(db(), previous);
		const session = await createSession(db(), { userId: user.id });
		setSessionCookie(cookies, url, session.token, session.expiresAt);
		await appendAudit(db(), {
			actor: actorOf({
				kind: 'user',
				role: user.role,
				userId: user.id,
				username: user.username,
				label: user.display_name ?? user.username,
				sessionId: 0
			}),
			action: 'login.success',
			entityType: 'user',
			entityId: user.id
		});
		redirect(303, next);
	}
} satisfies Actions;
