import type { LayoutServerLoad } from './$types';

export const load = (async ({ locals }) => {
	const principal = locals.principal;
	return {
		viewer: principal
			? { label: principal.label, role: principal.role, viaLink: principal.kind === 'leader-link' }
			: null
	};
}) satisfies LayoutServerLoad;
