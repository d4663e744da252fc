import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { Actor } from '../repositories/audit';
import type { TokenUnit } from '../repositories/units';
import { actorOf, type Principal } from './sessions';

// What the hook (gate.ts) admitted, read back with its type. The gate has already refused anyone
// who may not open the route, so these never fail in a correctly classified route; if a route is
// ever classified wrongly they refuse rather than run without the identity they need.

/** The signed-in leader or administrator of a `staff` or `admin` route. */
export function staffOf(locals: App.Locals): Principal {
	if (!locals.principal) error(403, m.access_sign_in_needed());
	return locals.principal;
}

/** The signed-in administrator of an `admin` route. */
export function adminOf(locals: App.Locals): Principal {
	const principal = staffOf(locals);
	if (principal.role !== 'admin') error(403, m.access_admin_only());
	return principal;
}

/** Who is written in the audit log for this staff request. */
export function staffActor(locals: App.Locals): Actor {
	return actorOf(staffOf(locals));
}

/** The administrator, as the audit log names them. */
export function adminActor(locals: App.Locals): Actor {
	return actorOf(adminOf(locals));
}

/** The unit whose link (`/u/<token>`) or Bearer token (`/api/v1/…`) opened this request. */
export function unitOf(locals: App.Locals): TokenUnit {
	if (!locals.unit) error(404, { message: m.error_unit_link(), help: m.error_unit_link_help() });
	return locals.unit;
}
