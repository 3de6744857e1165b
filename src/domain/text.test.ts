import { describe, expect, it } from 'vitest';
import { findUnsafeText, printableName, unsafeTextReason } from './text.js';

describe('text Koers can store', () => {
  it('takes ordinary text with tabs, line breaks and characters outside the basic plane', () => {
    for (const text of ['', 'Woninginbraken', 'regel 1\r\nregel 2\tmet tab', 'Coördinator €', 'emoji 🚓']) {
      expect(unsafeTextReason(text), text).toBeNull();
    }
  });

  it('refuses a NUL, other control characters and either half of a surrogate pair on its own', () => {
    expect(unsafeTextReason('a\u0000b')).toContain('U+0000');
    expect(unsafeTextReason('a\u001bb')).toContain('U+001B');
    expect(unsafeTextReason('a\ud800b')).toContain('U+D800');
    expect(unsafeTextReason('a\udc00')).toContain('U+DC00');
    expect(unsafeTextReason('🚓'.slice(0, 1))).toContain('U+D83D');
  });

  it('finds every such text in a JSON value by its path, object keys included', () => {
    const value = { plan: { titel: 'a\u0000', themas: [{ naam: 'goed' }, { naam: '\ud800' }], 'sleutel\u0000': 1 }, aantal: 3 };
    expect(findUnsafeText(value).map((problem) => problem.path)).toEqual([
      '$.plan.titel',
      '$.plan.themas[1].naam',
      '$.plan.sleutel\\u0000',
    ]);
    expect(findUnsafeText([1, true, null, 'ok'])).toEqual([]);
  });

  it('shows a field name with such characters escaped', () => {
    expect(printableName('naam')).toBe('naam');
    expect(printableName('na\u0000am')).toBe('na\\u0000am');
    expect(printableName('na\u007fam')).toBe('na\\u007fam');
  });
});
