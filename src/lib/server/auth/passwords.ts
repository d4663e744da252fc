import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes); about 30 ms on this machine.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/**
 * Verified against when the username does not exist, so the answer takes as long as for a real
 * account and timing does not reveal which usernames exist. (A hash of a throwaway phrase.)
 */
export const DUMMY_PASSWORD_HASH =
	'$argon2id$v=19$m=19456,t=2,p=1$jePwy5sLTrjmFcQP6/xTmQ$gS5mlOlwva2q60stT7v82CqotznX/0Ypmh7bTxsL7es';

// No 0/O/1/l/I: passwords get read out over the phone.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 20 characters from a 56-symbol alphabet: about 116 bits. */
export function generatePassword(length = 20): string {
	let out = '';
	for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
	return out;
}

export const PASSWORD_MIN_LENGTH = 10;
