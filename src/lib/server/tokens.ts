import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes (256 bits), URL-safe: the secret in a unit's `/u/<token>` link. */
export function generateToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Only this hash is stored; a leaked database does not leak working links. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Rejects anything that cannot be a token before it reaches the database. */
export function looksLikeToken(value: string): boolean {
	return /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function sha256Hex(value: string): string {
	return createHash('sha256').update(value, 'utf8').digest('hex');
}
