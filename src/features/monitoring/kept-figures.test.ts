import { describe, expect, it } from 'vitest';
import { KeptFigures } from './kept-figures.js';

describe('KeptFigures', () => {
  it('reads again only when the stamp changed, and keeps the most recently used', async () => {
    const kept = new KeptFigures<string>(2);
    const reads: string[] = [];
    const read = (key: string, value: string) => async () => {
      reads.push(key);
      return value;
    };
    expect(await kept.get('a', 's1', read('a', 'A1'))).toBe('A1');
    expect(await kept.get('a', 's1', read('a', 'A2'))).toBe('A1');
    expect(await kept.get('a', 's2', read('a', 'A3'))).toBe('A3');
    await kept.get('b', 's2', read('b', 'B'));
    await kept.get('a', 's2', read('a', 'A4'));
    // c pushes out b, the least recently used; a stays.
    await kept.get('c', 's2', read('c', 'C'));
    expect(await kept.get('a', 's2', read('a', 'A5'))).toBe('A3');
    expect(await kept.get('b', 's2', read('b', 'B2'))).toBe('B2');
    expect(reads).toEqual(['a', 'a', 'b', 'c', 'b']);
  });
});
