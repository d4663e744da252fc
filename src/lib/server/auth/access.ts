/**
 * Who may open each route. The hook in hooks.server.ts enforces it; a route missing here is
 * refused (fail closed), and tests/integration/authorization.test.ts checks that every route on
 * disk is listed and behaves as its access says for every kind of visitor.
 *
 * - public: anyone (the kiosk, public aggregates, sign-in)
 * - unit-link: the secret in the path decides (`/u/<token>`); wrong → 404
 * - unit-api: `Authorization: Bearer <unit token>` only; cookies are ignored
 * - leader-link: the secret in the path opens a read-only leader session
 * - staff: a signed-in leader or administrator (or a leader link's session)
 * - admin: a signed-in administrator
 */
export type Access = 'public' | 'unit-link' | 'unit-api' | 'leader-link' | 'staff' | 'admin';

export const ROUTE_ACCESS = {
	'/': 'public',
	'/kiosk': 'public',
	'/kiosk/qr.svg': 'public',
	'/k/[name]': 'public',
	'/login': 'public',
	'/logout': 'public',
	'/u/[token]': 'unit-link',
	'/u/[token]/activities/[id=id]': 'unit-link',
	'/u/[token]/photos/[id=id]/[file]': 'unit-link',
	'/photos/[id=id]/[file]': 'public',
	'/l/[token]': 'leader-link',
	'/dashboard': 'staff',
	'/dashboard/export/[format]': 'staff',
	'/dashboard/report': 'staff',
	'/dashboard/units/[code]': 'staff',
	'/admin': 'admin',
	'/admin/audit': 'admin',
	'/admin/users': 'admin',
	'/admin/moderation': 'admin',
	'/admin/settings': 'admin',
	'/admin/units': 'admin',
	'/admin/units/[code]': 'admin',
	'/admin/units/print': 'admin',
	'/admin/activities/[id=id]': 'admin',
	'/api/v1/activities': 'unit-api',
	'/api/v1/activities/[id=id]': 'unit-api',
	'/api/v1/reports': 'unit-api',
	'/api/v1/stats': 'public',
	'/healthz': 'public',
	'/readyz': 'public',
	'/api/[...path]': 'public'
} as const satisfies Record<string, Access>;

export type RouteId = keyof typeof ROUTE_ACCESS;

export function accessOf(routeId: string | null): Access | undefined {
	// No route matched: SvelteKit answers 404 by itself.
	if (routeId === null) return 'public';
	return (ROUTE_ACCESS as Record<string, Access>)[routeId];
}
