import { db } from './app';
import type { Unit } from './db/schema';
import { bearerToken } from './http';
import { findUnitByToken } from './repositories/units';

/** The unit behind `Authorization: Bearer <token>`; cookies never count for the JSON API. */
export async function unitFromBearer(request: Request): Promise<Unit | undefined> {
	const token = bearerToken(request);
	return token ? findUnitByToken(db(), token) : undefined;
}
