import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './validation-locale.js';

function messages(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a problem');
  return result.error.issues.map((issue) => issue.message);
}

describe('validation messages', () => {
  it('names unknown fields in Dutch words', () => {
    expect(messages(z.object({ naam: z.string() }).strict(), { naam: 'a', kleur: 1, maat: 2 })).toEqual(['Onbekende velden: kleur, maat']);
    expect(messages(z.object({}).strict(), { kleur: 1 })).toEqual(['Onbekend veld: kleur']);
  });

  it('says what a value should be and what it was, without English type names', () => {
    expect(messages(z.object({ jaar: z.number() }), { jaar: '2021' })).toEqual(['moet een getal zijn, niet een tekst']);
    expect(messages(z.object({ naam: z.string() }), {})).toEqual(['ontbreekt: verwacht een tekst']);
    expect(messages(z.enum(['a', 'b']), 'c')).toEqual(['moet een van deze waarden zijn: “a”, “b”']);
  });

  it('gives limits with Dutch numbers', () => {
    expect(messages(z.string().min(1), '')).toEqual(['mag niet leeg zijn']);
    expect(messages(z.string().max(200), 'x'.repeat(201))).toEqual(['mag hoogstens 200 tekens lang zijn']);
    expect(messages(z.number().max(1000), 1500)).toEqual(['mag hoogstens 1.000 zijn']);
    expect(messages(z.array(z.string()).min(1), [])).toEqual(['moet minstens één onderdeel hebben']);
  });

  it('never uses the English words of zod’s own Dutch locale', () => {
    const all = [
      ...messages(z.object({ a: z.string() }).strict(), { a: 1, b: 2 }),
      ...messages(z.string().email(), 'geen'),
      ...messages(z.string().uuid(), 'geen'),
    ].join(' ');
    expect(all).not.toMatch(/\b(key|keys|string|ontving|instanceof|undefined)\b/);
  });
});
