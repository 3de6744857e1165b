import { describe, expect, it } from 'vitest';
import { en, messagesFor, nl } from './messages.js';

/** Every key path of a catalogue, with the kind of value behind it. */
function shape(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? shape(value, `${prefix}${key}.`) : [`${prefix}${key}:${typeof value}`],
  );
}

describe('message catalogues', () => {
  it('gives English exactly the keys of Dutch, with the same kind of value', () => {
    expect(shape(en)).toEqual(shape(nl));
  });

  it('has no empty text', () => {
    expect(shape(nl).filter((entry) => entry.endsWith(':string'))).not.toHaveLength(0);
    const empty = (catalogue: object): boolean =>
      Object.values(catalogue).some((value) => (typeof value === 'object' ? empty(value) : value === ''));
    expect(empty(nl)).toBe(false);
    expect(empty(en)).toBe(false);
  });

  it('defaults to Dutch', () => {
    expect(messagesFor()).toBe(nl);
    expect(messagesFor('en')).toBe(en);
  });
});
