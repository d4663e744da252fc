import type { ServerConfig } from './config';
import type { DB } from './db/open';
import { PASSWORD_MIN_LENGTH } from './auth/passwords';
import { SYSTEM_ACTOR } from './repositories/audit';
import { countActiveAdmins, createUser } from './repositories/users';
import { log } from './log';
import { m } from '../paraglide/messages';
import { forOperator } from '../i18n/operator-locale';

/**
 * With no administrator yet, create one from ADMIN_PASSWORD (username ADMIN_USERNAME, default
 * "admin"), or say how to create one.
 */
export async function ensureFirstAdmin(
	db: DB,
	config: Pick<ServerConfig, 'ADMIN_PASSWORD' | 'ADMIN_USERNAME'>
): Promise<void> {
	if ((await countActiveAdmins(db)) > 0) return;
	const password = config.ADMIN_PASSWORD;
	if (!password) {
		log().info(m.start_no_admin({}, forOperator()));
		return;
	}
	if (password.length < PASSWORD_MIN_LENGTH) {
		log().error(m.start_admin_password_short({ min: PASSWORD_MIN_LENGTH }, forOperator()));
		return;
	}
	const username = config.ADMIN_USERNAME;
	await createUser(db, { username, role: 'admin', password, actor: SYSTEM_ACTOR });
	log().info(m.start_admin_created({ username }, forOperator()));
}
