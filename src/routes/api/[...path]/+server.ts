import type { RequestHandler } from './$types';
import { errorResponse } from '$lib/server/http';
import { m } from '$lib/paraglide/messages';

/** Unknown API addresses answer in the API's own JSON error shape, not with an HTML page. */
export const fallback: RequestHandler = async () => {
	return errorResponse(404, {
		path: [m.api_no_such_path()]
	});
};
