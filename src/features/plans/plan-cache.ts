/**
 * Plans read before, kept in memory per plan and version (or snapshot), so a
 * repeated read of an unchanged plan needs only the query that tells its
 * version. The version is asked of the database every time, so a change made
 * by another instance is seen at once. The oldest entries go first beyond the
 * limit. What is stored here is shared: never changed by its readers.
 *
 * Beside the plans, per plan and version, the facts of its head that change
 * only with its version: its municipalities (with their adoptions) and its
 * snapshots' dates. And the reads of a plan's row: many requests for one plan
 * at the same moment share one.
 */

import { SharedReads } from '../../db/shared-reads.js';
import type { AdoptingBody, MunicipalityRef, Plan, PlanStatus } from '../../domain/plan.js';

/** What a plan's head holds that changes only with its version. */
export interface HeadFacts {
  municipalities: (MunicipalityRef & { id: string; adoptedOn: string | null; body: AdoptingBody | null })[];
  /** Every snapshot, oldest first. */
  snapshots: { sequence: number; effectiveOn: string }[];
}

/** A map that forgets the least recently used entry beyond its limit. */
export class Lru<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly limit: number) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used last: the first entry is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/** A plan's row as every read starts with it. */
export interface PlanRow {
  id: string;
  version: number;
  status: PlanStatus;
  adoptedOn: string | null;
  published: boolean;
  predecessorId: string | null;
  createdAt: string;
}

export class PlanCache {
  private readonly plans: Lru<Plan>;
  /** By `planId:version`. */
  readonly heads: Lru<HeadFacts>;
  /** The reads of a plan's row under way, shared by the requests that arrive meanwhile (see shared-read.ts). */
  readonly rows = new SharedReads<PlanRow | undefined>();

  constructor(limit = 200) {
    this.plans = new Lru(limit);
    this.heads = new Lru(limit * 4);
  }

  get(key: string): Plan | undefined {
    return this.plans.get(key);
  }

  set(key: string, plan: Plan): void {
    this.plans.set(key, Object.freeze(plan));
  }
}
