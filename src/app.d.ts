import type { Principal } from '$lib/server/auth/sessions';
import type { TokenUnit } from '$lib/server/repositories/units';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in administrator or leader (or leader link), if any; read with staffOf/adminOf. */
			principal?: Principal;
			/**
			 * The unit whose link (`/u/<token>`) or Bearer token (`/api/v1/activities`, `/reports`)
			 * opened this request. Set by the gate (src/lib/server/auth/gate.ts), read with unitOf.
			 */
			unit?: TokenUnit;
			/** Set by handleError when the database could not be reached: answered 503, not 500. */
			databaseUnavailable?: boolean;
			/** The language this request is answered in (src/hooks.server.ts, requestLocale). */
			locale?: import('$lib/paraglide/runtime').Locale;
		}
		interface Error {
			message: string;
			/**
			 * What to do next, when the page says more than the message (a unit's link that no longer
			 * works), written by the server in the request's language: the error page only shows it,
			 * so no page carries the words of another's errors.
			 */
			help?: string;
		}
	}
}

export {};
