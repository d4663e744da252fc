import type { ServerConfig } from './config';
import type { DB } from './db/open';
import { PASSWORD_MIN_LENGTH } from './auth/passwords';
import { SYSTEM_ACTOR } from './repositories/audit';
import { countActiveAdmins, createUser } from './repositories/users';
import { log } from './log';

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
		log().info(
			'Chưa có tài khoản quản trị. Tạo bằng: npm run cli -- admin <tên đăng nhập>  (hoặc đặt ADMIN_PASSWORD khi khởi động lần đầu)'
		);
		return;
	}
	if (password.length < PASSWORD_MIN_LENGTH) {
		log().error(
			`ADMIN_PASSWORD cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự; chưa tạo tài khoản quản trị.`
		);
		return;
	}
	const username = config.ADMIN_USERNAME;
	await createUser(db, { username, role: 'admin', password, actor: SYSTEM_ACTOR });
	log().info(`Đã tạo tài khoản quản trị "${username}" từ ADMIN_PASSWORD.`);
}
