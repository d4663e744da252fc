import type { RequestHandler } from './$types';
import { errorResponse } from '$lib/server/http';

/** Unknown API addresses answer in the API's own JSON error shape, not with an HTML page. */
export const fallback: RequestHandler = async () => {
	return errorResponse(404, {
		path: ['Không có địa chỉ API này. Xem README: POST /api/v1/activities, GET /api/v1/stats']
	});
};
