import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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

/**
 * Secrets are found by the SHA-256 of what was presented, which an attacker cannot steer, so the
 * index lookup leaks nothing useful; the stored hash is then compared again in constant time
 * so no code path ever compares a secret byte by byte.
 */
export function sameHash(storedHex: string, presentedToken: string): boolean {
	const stored = Buffer.from(storedHex, 'hex');
	const presented = Buffer.from(hashToken(presentedToken), 'hex');
	return stored.length === presented.length && timingSafeEqual(stored, presented);
}
