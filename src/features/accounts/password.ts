/**
 * Passwords: argon2id (OWASP parameters: 19 MiB, 2 iterations, 1 lane), stored
 * as a PHC string. WebAssembly, so no native build is needed.
 */
import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import { ValidationError } from '../../domain/errors.js';

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing stays cheap. */
export const MAX_PASSWORD_LENGTH = 256;

export function assertAcceptablePassword(password: string, field = 'wachtwoord'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError('Het wachtwoord is te kort', [{ path: field, message: `gebruik minstens ${MIN_PASSWORD_LENGTH} tekens` }]);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new ValidationError('Het wachtwoord is te lang', [{ path: field, message: `gebruik hoogstens ${MAX_PASSWORD_LENGTH} tekens` }]);
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2id({
    password,
    salt: randomBytes(16),
    parallelism: 1,
    iterations: 2,
    memorySize: 19456,
    hashLength: 32,
    outputType: 'encoded',
  });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}

/**
 * Verifies against a throw-away hash, so an unknown account costs as much time
 * as a known one. The hash is made at the first such login, not at start-up.
 */
let dummyHash: Promise<string> | null = null;
export async function spendVerificationTime(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummyHash);
  return false;
}
