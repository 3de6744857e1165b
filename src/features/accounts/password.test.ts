import { describe, expect, it } from 'vitest';
import { BusyError } from '../../domain/errors.js';
import { Gate, HASHING_LIMITS, hashPassword, verifyPassword } from './password.js';

describe('passwords', () => {
  it('verifies a hash made by the earlier WebAssembly implementation, and refuses a wrong password', async () => {
    // Made with hash-wasm's argon2id (the same parameters), as stored by earlier versions of Koers.
    const earlier = '$argon2id$v=19$m=19456,t=2,p=1$AQEBAQEBAQEBAQEBAQEBAQ$+m21d7tbteefuH7Lm+E+MLLzRJL8zllqwBoWL8clQi0';
    expect(await verifyPassword('x', earlier)).toBe(true);
    expect(await verifyPassword('y', earlier)).toBe(false);
    expect(await verifyPassword('x', 'geen hash')).toBe(false);
  });

  it('hashes off the event loop: other work goes on while ten passwords are checked', async () => {
    const stored = await hashPassword('correct paard batterij');
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    const checks = Array.from({ length: 10 }, () => verifyPassword('correct paard batterij', stored));
    const started = ticks;
    await Promise.all(checks);
    running = false;
    // Each check takes tens of milliseconds; on the event loop, the loop would turn about once per check.
    expect(ticks - started).toBeGreaterThan(100);
  });
});

describe('the gate in front of hashing', () => {
  it('admits a number at once and a number waiting, and refuses the rest at once with a BusyError', async () => {
    const gate = new Gate(1, 1);
    let release!: () => void;
    const first = gate.run(() => new Promise<string>((resolve) => (release = () => resolve('eerste'))));
    const second = gate.run(async () => 'tweede');
    await expect(gate.run(async () => 'derde')).rejects.toBeInstanceOf(BusyError);
    release();
    expect(await first).toBe('eerste');
    expect(await second).toBe('tweede');
    expect(await gate.run(async () => 'vierde')).toBe('vierde');
  });

  it('frees its slot when the work fails', async () => {
    const gate = new Gate(1, 0);
    await expect(gate.run(async () => Promise.reject(new Error('mis')))).rejects.toThrow('mis');
    expect(await gate.run(async () => 'weer vrij')).toBe('weer vrij');
  });

  it('bounds password checks: a burst beyond the limits is refused instead of queued without end', async () => {
    const stored = await hashPassword('correct paard batterij');
    const burst = HASHING_LIMITS.concurrent + HASHING_LIMITS.waiting + 10;
    const outcomes = await Promise.all(
      Array.from({ length: burst }, () =>
        verifyPassword('correct paard batterij', stored).then(
          () => 'gecontroleerd',
          (error: unknown) => (error instanceof BusyError ? 'bezet' : 'anders'),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'gecontroleerd')).toHaveLength(HASHING_LIMITS.concurrent + HASHING_LIMITS.waiting);
    expect(outcomes.filter((outcome) => outcome === 'bezet')).toHaveLength(10);
  });
});
