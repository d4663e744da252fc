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
		const displayName = String(form.get('displayName') ?? '')
			.trim()
			.slice(0, 100);
		if (!USERNAME_PATTERN.test(username)) {
			return fail(400, {
				action: 'createUser',
				error:
					'Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang.'
			});
		}
		if (role !== 'admin' && role !== 'leader') {
			return fail(400, { action: 'createUser', error: 'Chọn vai trò: quản trị hoặc lãnh đạo.' });
		}
		const password = generatePassword();
		try {
			await createUser(db(), {
				username,
				role,
				password,
				displayName: displayName || undefined,
				actor: adminActor(locals)
			});
		} catch (error) {
			if (error instanceof UserExists) {
				return fail(400, { action: 'createUser', error: `Đã có tài khoản "${username}".` });
			}
			throw error;
		}
		return { action: 'createUser', username, password };
	},

	resetPassword: async ({ request, locals }) => {
		const form = await request.formData();
		const userId = Number(form.get('userId'));
		const user = Number.isInteger(userId) ? await findUserById(db(), userId) : undefined;
		if (!user) return fail(404, { action: 'resetPassword', error: 'Không tìm thấy tài khoản.' });
		const password = generatePassword();
		await resetPassword(db(), user.id, password, adminActor(locals));
		return { action: 'resetPassword', username: user.username, password };
	},

	issueLeaderLink: async ({ request, locals, url }) => {
		const form = await request.formData();
		const label = String(form.get('label') ?? '').trim();
		if (label.length < 2 || label.length > 100) {
			return fail(400, {
				action: 'issueLeaderLink',
				error: 'Ghi rõ liên kết dành cho ai (2–100 ký tự), ví dụ “Giám đốc Sở”.'
			});
		}
		const { token } = await issueLeaderLink(db(), label, adminActor(locals));
		return { action: 'issueLeaderLink', label, link: `${url.origin}/l/${token}` };
	},

	revokeLeaderLink: async ({ request, locals }) => {
		const form = await request.formData();
		const id = Number(form.get('linkId'));
		const revoked = Number.isInteger(id) && (await revokeLeaderLink(db(), id, adminActor(locals)));
		if (!revoked) {
			return fail(404, {
				action: 'revokeLeaderLink',
				error: 'Liên kết không tồn tại hoặc đã thu hồi.'
			});
		}
		return { action: 'revokeLeaderLink', revoked: id };
	}
} satisfies Actions;
