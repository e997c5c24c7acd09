/** Password hashing with argon2id (OWASP's minimum profile: 19 MiB, 2 iterations, 1 lane). */
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Algorithm is an ambient const enum in @node-rs/argon2's types; 2 is Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

// No 0/O, 1/l/I: the one-time password is read off a terminal and typed in by hand.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 20): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
