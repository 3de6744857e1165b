/**
 * Short turns of the event loop under load.
 *
 * The server's one thread takes new connections only between turns of the
 * event loop, and one per turn (libuv accepts a single connection each time
 * the listening socket is reported ready). Requests read together share their
 * reads (`shared-reads.ts`); on the embedded database those reads answer
 * within the turn, so without a limit everyone waiting for one read would go
 * on, render and answer in that same turn: with 50 users a turn of 100 ms, and
 * a burst of 50 new connections waited 50 such turns, over a second for the
 * last one.
 *
 * `takeTurn()` is awaited by work that follows a shared read. Such work is let
 * go one piece at a time, first come first served, each after the one before
 * has done what it could in this turn, as long as the turn has used less than
 * its budget; the rest goes on in later turns, with sockets read and written
 * and connections taken in between. A new connection makes the
 * budget small for a moment (`noteNewConnection`), so a burst of connections
 * is taken in quickly; otherwise the budget keeps turns short enough for
 * reading and writing sockets while reads stay shared.
 */
export const TURN_BUDGET_MS = 10;
export const BURST_TURN_BUDGET_MS = 2;
/** How long after a new connection the turns stay short. */
export const BURST_MS = 50;

const waiting: (() => void)[] = [];
let turnStartedAt: number | null = null;
let lastConnectionAt = Number.NEGATIVE_INFINITY;
let letting = false;

function budget(now: number): number {
  return now - lastConnectionAt < BURST_MS ? BURST_TURN_BUDGET_MS : TURN_BUDGET_MS;
}

/** The current turn began now, unless it was already marked; the mark ends at the next check phase. */
function markTurn(): void {
  if (turnStartedAt === null) {
    turnStartedAt = performance.now();
    setImmediate(() => {
      turnStartedAt = null;
    });
  }
}

/**
 * Resolves when it is this work's turn: everyone who asks waits in order of
 * asking and is let go one at a time, each once everything the one before set
 * off within the turn has run, while the turn's budget lasts; the rest in
 * later turns.
 */
export function takeTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!letting) {
      letting = true;
      markTurn();
      afterEverythingQueued(letNext);
    }
  });
}

/** Marks that a connection was accepted: for a moment, turns are kept very short. */
export function noteNewConnection(): void {
  lastConnectionAt = performance.now();
}

/** In a new turn: the budget counts from now. */
function beginLetting(): void {
  turnStartedAt = null;
  markTurn();
  letNext();
}

/**
 * Runs `then` once the microtasks queued so far, and the ones they queue, have
 * all run: a microtask that schedules a tick (Node runs ticks after the whole
 * microtask queue).
 */
function afterEverythingQueued(then: () => void): void {
  queueMicrotask(() => process.nextTick(then));
}

/** Lets the first waiting work go on and, once it has done what it can within this turn, the next, while the budget lasts. */
function letNext(): void {
  if (waiting.length === 0) {
    letting = false;
    return;
  }
  const now = performance.now();
  if (turnStartedAt !== null && now - turnStartedAt >= budget(now)) {
    setImmediate(beginLetting);
    return;
  }
  waiting.shift()?.();
  afterEverythingQueued(letNext);
}
