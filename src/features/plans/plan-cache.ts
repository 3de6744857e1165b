/**
 * Plans read before, kept in memory per plan and version (or snapshot), so a
 * repeated read of an unchanged plan needs only the query that tells its
 * version. The version is asked of the database every time, so a change made
 * by another instance is seen at once. The oldest entries go first beyond the
 * limit. What is stored here is shared: never changed by its readers.
 */
import type { Plan } from '../../domain/plan.js';

export class PlanCache {
  private readonly entries = new Map<string, Plan>();

  constructor(private readonly limit = 200) {}

  get(key: string): Plan | undefined {
    const plan = this.entries.get(key);
    if (plan) {
      // Most recently used last: the first entry is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, plan);
    }
    return plan;
  }

  set(key: string, plan: Plan): void {
    this.entries.delete(key);
    this.entries.set(key, Object.freeze(plan));
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
