import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The short address a technician types on a TV remote: /k/<preset name>. */
export const GET: RequestHandler = ({ params }) => {
	redirect(303, `/kiosk?preset=${encodeURIComponent(params.name)}`);
};
