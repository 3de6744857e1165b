/**
 * Figures read from stored open data, kept in memory per key while the data
 * stamp of their tables (OpenDataRepository.dataStamp, one small query) is the
 * one they were read at: an import by any instance changes the stamp, and the
 * next reader reads again. At most `size` keys, the least recently used
 * dropped first.
 */
export class KeptFigures<T> {
  private readonly kept = new Map<string, { stamp: string; value: T }>();

  constructor(private readonly size: number) {}

  async get(key: string, stamp: string, read: () => Promise<T>): Promise<T> {
    const known = this.kept.get(key);
    this.kept.delete(key);
    if (known && known.stamp === stamp) {
      this.kept.set(key, known);
      return known.value;
    }
    const value = await read();
    this.kept.set(key, { stamp, value });
    while (this.kept.size > this.size) this.kept.delete(this.kept.keys().next().value as string);
    return value;
  }
}
