import type { DB } from '../db/open';
import type { Role, User } from '../db/schema';
import { hashPassword } from '../auth/passwords';
import { appendAudit, type Actor } from './audit';
import { m } from '../../paraglide/messages';

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function normaliseUsername(value: string): string {
	return value.trim().toLowerCase();
}

export async function findUserByUsername(db: DB, username: string): Promise<User | undefined> {
	return db
		.selectFrom('users')
		.selectAll()
		.where('username', '=', normaliseUsername(username))
		.executeTakeFirst();
}

/** Every account, for the administrators' list (no password hashes). */
export async function listUsers(db: DB) {
	return db
		.selectFrom('users')
		.select(['id', 'username', 'display_name', 'role', 'active', 'created_at'])
		.orderBy('username')
		.execute();
}

export async function findUserById(db: DB, id: number) {
	return db.selectFrom('users').select(['id', 'username']).where('id', '=', id).executeTakeFirst();
}

export async function countActiveAdmins(db: DB): Promise<number> {
	const row = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('role', '=', 'admin')
		.where('active', '=', 1)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export class UserExists extends Error {}

export async function createUser(
	db: DB,
	args: { username: string; role: Role; password: string; displayName?: string; actor: Actor }
): Promise<User> {
	const username = normaliseUsername(args.username);
	if (!USERNAME_PATTERN.test(username)) {
		throw new Error(m.users_bad_username());
	}
	const passwordHash = await hashPassword(args.password);
	return db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('users')
			.select('id')
			.where('username', '=', username)
			.executeTakeFirst();
		if (existing) throw new UserExists(m.users_exists({ username }));
		const user = await trx
			.insertInto('users')
			.values({
				username,
				role: args.role,
				password_hash: passwordHash,
				display_name: args.displayName ?? null
			})
			.returningAll()
			.executeTakeFirstOrThrow();
		await appendAudit(trx, {
			actor: args.actor,
			action: 'user.create',
			entityType: 'user',
			entityId: user.id,
			after: { username, role: args.role }
		});
		return user;
	});
}

/** Sets a new password and signs the user out everywhere. */
export async function resetPassword(db: DB, userId: number, password: string, actor: Actor) {
	const passwordHash = await hashPassword(password);
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('users')
			.set({ password_hash: passwordHash, password_changed_at: new Date().toISOString() })
			.where('id', '=', userId)
			.execute();
		await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
		await appendAudit(trx, {
			actor,
			action: 'user.password_reset',
			entityType: 'user',
			entityId: userId
		});
	});
}
