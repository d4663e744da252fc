import { announce } from '$lib/server/changes';
import { forgetUsernameFailures } from '$lib/server/auth/rate-limit';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/context';
import { generatePassword } from '$lib/server/auth/passwords';
import {
	issueLeaderLink,
	listLeaderLinks,
	revokeLeaderLink
} from '$lib/server/repositories/leader-links';
import {
	createUser,
	resetPassword,
	UserExists,
	USERNAME_PATTERN,
	findUserById,
	listUsers,
	normaliseUsername
} from '$lib/server/repositories/users';
import { adminActor } from '$lib/server/auth/guards';
import { oneMessage, optionalLine, readForm, recordNumber } from '$lib/server/form-input';
import { text } from '$lib/domain/text';
import { m } from '$lib/paraglide/messages';

const LINK_LABEL_MESSAGE = () => m.users_err_link_label();
const LINK_LABEL = text({ error: LINK_LABEL_MESSAGE })
	.trim()
	.min(2, { error: LINK_LABEL_MESSAGE })
	.max(100, { error: LINK_LABEL_MESSAGE });

export const load = (async () => {
	const users = await listUsers(db());
	const links = (await listLeaderLinks(db())).map(({ id, label, created_at, revoked_at }) => ({
		id,
		label,
		created_at,
		revoked_at
	}));
	return { users, links };
}) satisfies PageServerLoad;

export const actions = {
	createUser: async ({ request, locals }) => {
		const form = await request.formData();
		const username = normaliseUsername(String(form.get('username') ?? ''));
		const role = form.get('role');
		const named = readForm(form, { displayName: optionalLine(100) });
		if (!named.ok) {
			return fail(400, {
				action: 'createUser',
				error: m.users_err_display_name({ error: oneMessage(named.errors) })
			});
		}
		const displayName = named.value.displayName;
		if (!USERNAME_PATTERN.test(username)) {
			return fail(400, {
				action: 'createUser',
				error: m.users_err_username()
			});
		}
		if (role !== 'admin' && role !== 'leader') {
			return fail(400, { action: 'createUser', error: m.users_err_role() });
		}
		const password = generatePassword();
		try {
			await createUser(db(), {
				username,
				role,
				password,
				displayName,
				actor: adminActor(locals)
			});
		} catch (error) {
			if (error instanceof UserExists) {
				return fail(400, { action: 'createUser', error: m.users_err_exists({ username }) });
			}
			throw error;
		}
		return { action: 'createUser', username, password };
	},

	resetPassword: async ({ request, locals }) => {
		const form = await request.formData();
		const target = readForm(form, { userId: recordNumber });
		const user = target.ok ? await findUserById(db(), target.value.userId) : undefined;
		if (!user) return fail(404, { action: 'resetPassword', error: m.users_err_not_found() });
		const password = generatePassword();
		await resetPassword(db(), user.id, password, adminActor(locals));
		await forgetUsernameFailures(db(), user.username);
		// Signed out everywhere: its open dashboards stop getting staff payloads at once.
		announce({ kind: 'access' });
		return { action: 'resetPassword', username: user.username, password };
	},

	issueLeaderLink: async ({ request, locals, url }) => {
		const form = await request.formData();
		const parsed = readForm(form, { label: LINK_LABEL });
		if (!parsed.ok) {
			return fail(400, { action: 'issueLeaderLink', error: oneMessage(parsed.errors) });
		}
		const label = parsed.value.label;
		const { token } = await issueLeaderLink(db(), label, adminActor(locals));
		return { action: 'issueLeaderLink', label, link: `${url.origin}/l/${token}` };
	},

	revokeLeaderLink: async ({ request, locals }) => {
		const form = await request.formData();
		const target = readForm(form, { linkId: recordNumber });
		const revoked =
			target.ok && (await revokeLeaderLink(db(), target.value.linkId, adminActor(locals)));
		if (!target.ok || !revoked) {
			return fail(404, {
				action: 'revokeLeaderLink',
				error: m.users_err_link_gone()
			});
		}
		// Its open dashboards stop getting staff payloads at once.
		announce({ kind: 'access' });
		return { action: 'revokeLeaderLink', revoked: target.value.linkId };
	}
} satisfies Actions;
