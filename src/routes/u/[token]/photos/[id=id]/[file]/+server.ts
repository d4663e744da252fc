import type { RequestHandler } from './$types';
import { photoResponse } from '$lib/server/photo-response';
import { unitOf } from '$lib/server/auth/guards';

/** A photo of one of the unit's own activities, on its link. */
export const GET: RequestHandler = ({ locals, params, request }) =>
	photoResponse(request, Number(params.id), params.file, {
		kind: 'unit',
		unitId: unitOf(locals).id
	});
