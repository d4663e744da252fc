import type { RequestHandler } from './$types';
import { qrSvg } from '$lib/server/qr';

/**
 * The kiosk's QR code to the public page, as SVG: sharp on a 4K screen at any size, cached by the
 * TV, and not part of the page's data (a PNG data URL added 2 KB to every kiosk load).
 */
export const GET: RequestHandler = async ({ url }) => {
	return new Response(await qrSvg(`${url.origin}/`), {
		headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=3600' }
	});
};
