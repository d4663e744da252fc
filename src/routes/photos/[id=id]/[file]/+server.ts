import type { RequestHandler } from './$types';
import { photoResponse } from '$lib/server/photo-response';

/** A photo of an activity: the Department's staff see every one, everyone else public ones only. */
export const GET: RequestHandler = ({ locals, params, request }) =>
	photoResponse(request, Number(params.id), params.file, {
		kind: locals.principal ? 'staff' : 'public'
	});
