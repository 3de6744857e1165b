import { describe, expect, it } from 'vitest';
import { BatchedReads, SharedReads } from './shared-reads.js';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A read that ends when told to, counting how often it began. */
function controlledRead() {
  let began = 0;
  const ends: (() => void)[] = [];
  return {
    read: () => {
      began += 1;
      const round = began;
      return new Promise<number>((resolve) => ends.push(() => resolve(round)));
    },
    began: () => began,
    endNext: () => ends.shift()?.(),
  };
}

describe('shared reads', () => {
  it('shares one read among those who ask in the same turn, and begins it after they asked', async () => {
    const shared = new SharedReads<number>();
    const control = controlledRead();
    const asked = [shared.read('plan', control.read), shared.read('plan', control.read)];
    expect(control.began()).toBe(0);
    await turn();
    expect(control.began()).toBe(1);
    control.endNext();
    expect(await Promise.all(asked)).toEqual([1, 1]);
  });

  it('answers whoever asked while a read ran with the next read, never the running one', async () => {
    const shared = new SharedReads<number>();
    const control = controlledRead();
    const first = shared.read('plan', control.read);
    await turn();
    const second = shared.read('plan', control.read);
    const third = shared.read('plan', control.read);
    control.endNext();
    expect(await first).toBe(1);
    await turn();
    expect(control.began()).toBe(2);
    control.endNext();
    expect(await second).toBe(2);
    expect(await third).toBe(2);
  });

  it('keeps keys apart, and reads anew once nothing runs', async () => {
    const shared = new SharedReads<number>();
    const control = controlledRead();
    const a = shared.read('a', control.read);
    const b = shared.read('b', control.read);
    await turn();
    expect(control.began()).toBe(2);
    control.endNext();
    control.endNext();
    await Promise.all([a, b]);
    const again = shared.read('a', control.read);
    await turn();
    expect(control.began()).toBe(3);
    control.endNext();
    expect(await again).toBe(3);
  });

  it('lets a failed read fail only those who shared it, and begins the next one anyway', async () => {
    const shared = new SharedReads<number>();
    let calls = 0;
    const failing = () => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('weg')) : Promise.resolve(calls);
    };
    const first = expect(shared.read('plan', failing)).rejects.toThrow('weg');
    await turn();
    const second = shared.read('plan', failing);
    await first;
    expect(await second).toBe(2);
  });
});

describe('shared reads and turns', () => {
  /** Twelve who asked the same read, each busy for 4 ms once answered; how many were answered before the next turn. */
  async function answeredInOneTurn(shared: SharedReads<number>): Promise<number> {
    let answered = 0;
    const asked = Array.from({ length: 12 }, async () => {
      await shared.read('plan', async () => 1);
      answered += 1;
      const until = performance.now() + 4;
      while (performance.now() < until);
    });
    await turn(); // the read begins
    await turn(); // and its answer went out in the turn before this one
    const inOneTurn = answered;
    await Promise.all(asked);
    return inOneTurn;
  }

  it('hands the answer to each who asked in turn, so one read does not make one long turn', async () => {
    expect(await answeredInOneTurn(new SharedReads<number>())).toBeLessThan(12);
  });

  it('hands it to everyone at once when asked not to take turns', async () => {
    expect(await answeredInOneTurn(new SharedReads<number>({ inTurns: false }))).toBe(12);
  });
});

describe('batched reads', () => {
  it('reads the keys asked in one turn, and those asked while it ran, in one query each', async () => {
    const asked: string[][] = [];
    let release: () => void = () => {};
    const batched = new BatchedReads<string>(async (keys) => {
      asked.push(keys);
      if (asked.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return new Map(keys.filter((key) => key !== 'onbekend').map((key) => [key, key.toUpperCase()]));
    });
    const first = [batched.read('a'), batched.read('b'), batched.read('a')];
    await turn();
    const later = [batched.read('c'), batched.read('onbekend')];
    release();
    expect(await Promise.all(first)).toEqual(['A', 'B', 'A']);
    expect(await Promise.all(later)).toEqual(['C', undefined]);
    expect(asked).toEqual([
      ['a', 'b'],
      ['c', 'onbekend'],
    ]);
  });
});
