import type { DB } from '../db/open';
import { findPrincipal, SESSION_COOKIE } from '../auth/sessions';
import { findUnitByToken } from '../repositories/units';
import type { SocketAccess } from './hub';

const SESSION_IN_COOKIES = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`);

/**
 * The socket's way in, the same rules as the HTTP gate: a handshake carries the browser's cookies,
 * and the same session decides the staff rooms; a unit page also sends its link's token, to hear
 * about its own activities. `recheck` re-reads both without extending the session.
 */
export async function socketAccess(
	db: DB,
	cookieHeader: string | undefined,
	unitToken: string | undefined,
	recheck = false
): Promise<{ access: SocketAccess; unitCode?: string }> {
	const match = cookieHeader ? SESSION_IN_COOKIES.exec(cookieHeader) : null;
	const principal = await findPrincipal(db, match?.[1], { touch: !recheck });
	const unit = unitToken ? await findUnitByToken(db, unitToken) : undefined;
	const access: SocketAccess = !principal
		? 'public'
		: principal.role === 'admin'
			? 'admin'
			: 'staff';
	return { access, unitCode: unit?.code };
}
