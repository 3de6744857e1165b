/**
 * Walks the cells of a fake table for one query: the rows that pass the filter, in
 * ID order, from a `$skip` for at most `$top` rows. Row N of a product of allowed
 * dimension values is found by arithmetic, so any page is reached without walking
 * the pages before it; filters that span dimensions walk the product and keep a
 * cursor per query, so sequential paging stays linear.
 */
import type { FilterPlan } from './odata-filter.js';
import type { FakeTable } from './tables.js';

export type RowVisitor = (id: number, index: Int32Array) => void;

export interface Cursor {
  matched: number;
  position: number;
}

export class CubeSelection {
  private readonly lists: Int32Array[];
  private readonly strides: number[];
  private readonly product: number;
  private total: number | null = null;

  constructor(
    private readonly table: FakeTable,
    private readonly plan: FilterPlan,
    /** Cursor cache of cross-dimension filters, one per server. */
    private readonly cursors: Map<string, Cursor>,
    /** Identifies the query in the cursor cache. */
    private readonly cursorKey: string,
  ) {
    const sizes = table.dimensions.map((dimension) => dimension.codes.length);
    this.lists = sizes.map((size, d) => plan.allowed[d] ?? Int32Array.from({ length: size }, (_, i) => i));
    this.strides = sizes.map((_, d) => sizes.slice(d + 1).reduce((a, b) => a * b, 1));
    this.product = this.lists.reduce((a, list) => a * list.length, 1);
  }

  private idAt(k: number): number {
    let id = 0;
    for (let d = this.lists.length - 1; d >= 0; d--) {
      const list = this.lists[d]!;
      id += list[k % list.length]! * this.strides[d]!;
      k = Math.floor(k / list.length);
    }
    return id;
  }

  /** Rows in the selection (product mode): IDs rise with k, so the row limit cuts a prefix. */
  private count(): number {
    if (this.total === null) {
      let [low, high] = [0, this.product];
      while (low < high) {
        const mid = Math.floor((low + high) / 2);
        if (this.idAt(mid) < this.table.rowLimit) low = mid + 1;
        else high = mid;
      }
      this.total = low;
    }
    return this.total;
  }

  /** Visits rows skip .. skip+take-1 of the selection; returns how many were visited and whether more follow. */
  page(skip: number, take: number, visit: RowVisitor): { served: number; more: boolean } {
    if (this.plan.residual) return this.scan(skip, take, visit);
    const total = this.count();
    const end = Math.min(total, skip + take);
    if (skip >= end) return { served: 0, more: false };
    const dims = this.lists.length;
    const positions = new Int32Array(dims);
    const index = new Int32Array(dims);
    let k = skip;
    for (let d = dims - 1; d >= 0; d--) {
      const list = this.lists[d]!;
      positions[d] = k % list.length;
      k = Math.floor(k / list.length);
    }
    let id = 0;
    for (let d = 0; d < dims; d++) {
      index[d] = this.lists[d]![positions[d]!]!;
      id += index[d]! * this.strides[d]!;
    }
    const last = dims - 1;
    const lastList = this.lists[last]!;
    const lastStride = this.strides[last]!;
    for (let row = skip; row < end; row++) {
      visit(id, index);
      // Odometer step: the last dimension runs fastest.
      let d = last;
      let position = positions[d]! + 1;
      if (position < lastList.length) {
        positions[d] = position;
        const next = lastList[position]!;
        id += (next - index[d]!) * lastStride;
        index[d] = next;
        continue;
      }
      while (d >= 0) {
        const list = this.lists[d]!;
        position = positions[d]! + 1;
        const wrap = position === list.length;
        positions[d] = wrap ? 0 : position;
        const next = list[positions[d]!]!;
        id += (next - index[d]!) * this.strides[d]!;
        index[d] = next;
        if (!wrap) break;
        d--;
      }
    }
    return { served: end - skip, more: end < total };
  }

  /** Filters spanning dimensions: walk the product, resuming from the cursor of the previous page. */
  private scan(skip: number, take: number, visit: RowVisitor): { served: number; more: boolean } {
    const residual = this.plan.residual!;
    const cached = this.cursors.get(`${this.cursorKey}|${skip}`);
    let matched = cached?.matched ?? 0;
    let k = cached?.position ?? 0;
    const dims = this.lists.length;
    const index = new Int32Array(dims);
    let served = 0;
    for (; k < this.product; k++) {
      let rest = k;
      let id = 0;
      for (let d = dims - 1; d >= 0; d--) {
        const list = this.lists[d]!;
        index[d] = list[rest % list.length]!;
        rest = Math.floor(rest / list.length);
        id += index[d]! * this.strides[d]!;
      }
      if (id >= this.table.rowLimit) break;
      if (!residual(index)) continue;
      if (matched >= skip) {
        if (served === take) {
          if (this.cursors.size > 1000) this.cursors.clear();
          this.cursors.set(`${this.cursorKey}|${matched}`, { matched, position: k });
          return { served, more: true };
        }
        visit(id, index);
        served++;
      }
      matched++;
    }
    return { served, more: false };
  }
}
