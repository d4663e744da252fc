import type { Principal } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in administrator or leader (or leader link), if any. */
			principal?: Principal;
		}
		interface Error {
			message: string;
		}
	}
}

export {};
