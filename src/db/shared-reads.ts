/**
 * One database read shared by everyone who asks for the same thing at about
 * the same moment, never one that began before they asked. A read begins at
 * the next turn of the event loop, so the requests that arrive together (an
 * embedded database answers within the turn that asks) share it; whoever asks
 * while a read runs waits for the next one, which begins when the running one
 * ends. So under load a plan's version is asked once per round instead of once
 * per request, and every answer is as fresh as a read of its own would be: a
 * change committed before a request arrived is always seen.
 */
import { takeTurn } from './turns.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const ignore = () => {};

/** What a shared read answers, handed to each who asked in turn (see turns.ts), so one read does not make one long turn. */
async function inTurn<T>(answer: Promise<T>): Promise<T> {
  const value = await answer;
  await takeTurn();
  return value;
}

export class SharedReads<T> {
  /**
   * inTurns false: the answer goes to everyone at once, for a read that is
   * followed by nothing heavy (a kept page sent from memory), where taking
   * turns would only cost time.
   */
  constructor(private readonly options: { inTurns: boolean } = { inTurns: true }) {}

  /** Reads asked for that have not begun: whoever asks now joins them. */
  private readonly queued = new Map<string, Promise<T>>();
  private readonly running = new Map<string, Promise<T>>();

  read(key: string, read: () => Promise<T>): Promise<T> {
    const queued = this.queued.get(key);
    if (queued) return this.answer(queued);
    const running = this.running.get(key);
    const begin = running ? running.then(ignore, ignore) : nextTurn();
    const next = begin.then(() => {
      this.queued.delete(key);
      const promise = read();
      this.running.set(key, promise);
      promise
        .finally(() => {
          if (this.running.get(key) === promise) this.running.delete(key);
        })
        .catch(ignore);
      return promise;
    });
    this.queued.set(key, next);
    return this.answer(next);
  }

  private answer(read: Promise<T>): Promise<T> {
    return this.options.inTurns ? inTurn(read) : read;
  }
}

/**
 * Reads of many keys at once: every key asked in the same turn of the event
 * loop, or while a read runs, goes into the next single query (`readMany`),
 * which begins after they were all asked. For the sessions of many users who
 * ask at the same moment: one query instead of one each, every answer as
 * fresh as a query of its own.
 */
export class BatchedReads<V> {
  private queued: { keys: Set<string>; answer: Promise<Map<string, V>> } | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly readMany: (keys: string[]) => Promise<Map<string, V>>) {}

  async read(key: string): Promise<V | undefined> {
    if (!this.queued) {
      const keys = new Set<string>();
      const begin = this.running ? this.running.then(ignore, ignore) : nextTurn();
      const answer = begin.then(() => {
        this.queued = null;
        const reading = this.readMany([...keys]);
        this.running = reading;
        reading
          .finally(() => {
            if (this.running === reading) this.running = null;
          })
          .catch(ignore);
        return reading;
      });
      this.queued = { keys, answer };
    }
    this.queued.keys.add(key);
    return (await inTurn(this.queued.answer)).get(key);
  }
}
