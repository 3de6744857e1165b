/**
 * Passwords: argon2id (OWASP parameters: 19 MiB, 2 iterations, 1 lane), stored
 * as a PHC string. Hashing runs in libuv's thread pool (@node-rs/argon2, a
 * prebuilt native package), never on the event loop, and at most
 * `HASHING_LIMITS.concurrent` run at once with at most `HASHING_LIMITS.waiting`
 * in line: beyond that the caller is told to come back (BusyError, 503)
 * instead of joining a queue without end.
 */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { BusyError, ValidationError } from '../../domain/errors.js';

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing stays cheap. */
export const MAX_PASSWORD_LENGTH = 256;

// algorithm 2 is Argon2id (a const enum in the package's types, which this build cannot import).
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** Hashes at once (the thread pool has four threads) and hashes waiting their turn. */
export const HASHING_LIMITS = { concurrent: 4, waiting: 16 } as const;

/** Admits work up to a number at once and a number waiting; refuses the rest at once. */
export class Gate {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly concurrent: number,
    private readonly waiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.queue.length >= this.waiting) {
        throw new BusyError('Koers controleert op dit moment veel wachtwoorden tegelijk; probeer het over een paar seconden opnieuw', 2);
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      // The slot passes straight to the next in line; only when nobody waits is it freed.
      if (next) next();
      else this.running--;
    }
  }
}

const gate = new Gate(HASHING_LIMITS.concurrent, HASHING_LIMITS.waiting);

export function assertAcceptablePassword(password: string, field = 'wachtwoord'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError('Het wachtwoord is te kort', [{ path: field, message: `gebruik minstens ${MIN_PASSWORD_LENGTH} tekens` }]);
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new ValidationError('Het wachtwoord is te lang', [{ path: field, message: `gebruik hoogstens ${MAX_PASSWORD_LENGTH} tekens` }]);
  }
}

export function hashPassword(password: string): Promise<string> {
  return gate.run(() => hash(password, { ...ARGON2, salt: randomBytes(16) }));
}

export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return gate.run(async () => {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  });
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
