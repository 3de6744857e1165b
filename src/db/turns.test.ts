import { describe, expect, it } from 'vitest';
import { noteNewConnection, takeTurn } from './turns.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const busy = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

/** Work that waits for its turn, then keeps the thread busy; records in which turn of the event loop it ran. */
async function runWork(count: number, ms: number) {
  let turn = 0;
  let counting = true;
  const countTurns = () => {
    turn += 1;
    if (counting) setImmediate(countTurns);
  };
  setImmediate(countTurns);
  const ran: { index: number; turn: number }[] = [];
  await nextTurn();
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      await takeTurn();
      ran.push({ index, turn });
      busy(ms);
    }),
  );
  counting = false;
  return ran;
}

describe('turns of the event loop', () => {
  it('lets work go on within the same turn while the turn has time left', async () => {
    let turnEnded = false;
    await nextTurn();
    setImmediate(() => {
      turnEnded = true;
    });
    await takeTurn();
    expect(turnEnded).toBe(false);
  });

  it('lets waiting work go in order of asking, as much each turn as the budget holds', async () => {
    const ran = await runWork(12, 4);
    expect(ran.map((entry) => entry.index)).toEqual([...Array(12).keys()]);
    const turns = new Set(ran.map((entry) => entry.turn));
    // 4 ms each within a 10 ms budget: at most three per turn, so at least four turns, and other callbacks ran between them.
    expect(turns.size).toBeGreaterThanOrEqual(4);
    for (const turn of turns) expect(ran.filter((entry) => entry.turn === turn).length).toBeLessThanOrEqual(3);
  });

  it('keeps turns very short just after a new connection, so a burst of connections is taken in quickly', async () => {
    noteNewConnection();
    const ran = await runWork(6, 3);
    expect(ran.map((entry) => entry.index)).toEqual([...Array(6).keys()]);
    expect(new Set(ran.map((entry) => entry.turn)).size).toBe(6);
  });
});
