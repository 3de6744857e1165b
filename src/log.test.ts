import { describe, expect, it } from 'vitest';
import { createLogger, type LogFormat, type LogLevel } from './log.js';

function capture(format: LogFormat = 'json', level: LogLevel = 'info') {
  const lines: string[] = [];
  const log = createLogger({ format, level, write: (line) => lines.push(line) });
  return { log, lines, entries: () => lines.map((line) => JSON.parse(line)) };
}

describe('the log', () => {
  it('writes one JSON object a line with time, level, message and fields, a child adding its own', () => {
    const { log, entries } = capture();
    log.child({ requestId: 'r-1' }).info('Verzoek', { method: 'GET', status: 200 });
    expect(entries()).toEqual([
      { time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: 'info', msg: 'Verzoek', requestId: 'r-1', method: 'GET', status: 200 },
    ]);
  });

  it('never writes a password, token, cookie, secret or link, however deep', () => {
    const { log, lines } = capture();
    log.info('Inloggen', {
      password: 'geheim-wachtwoord',
      body: { wachtwoord: 'geheim-wachtwoord', apiToken: 'koers_abc', setPasswordLink: 'https://koers/wachtwoord/xyz' },
      headers: { cookie: '__Host-koers-sessie=s3cr3t', authorization: 'Bearer koers_abc' },
      clientSecret: 'oidc-geheim',
    });
    for (const secret of ['geheim-wachtwoord', 'koers_abc', 'xyz', 's3cr3t', 'oidc-geheim']) expect(lines.join('\n')).not.toContain(secret);
    expect(lines[0]).toContain('"password":"[verborgen]"');
  });

  it('logs an error with its type, message, stack and cause', () => {
    const { log, entries } = capture();
    log.error('Onverwachte fout', {
      err: new TypeError('buiten', { cause: Object.assign(new Error('verbinding weg'), { code: '57P01' }) }),
    });
    const [entry] = entries();
    expect(entry.err).toMatchObject({
      type: 'TypeError',
      message: 'buiten',
      cause: { type: 'Error', message: 'verbinding weg', code: '57P01' },
    });
    expect(entry.err.stack).toContain('log.test.ts');
  });

  it('leaves out lines below the level', () => {
    const { log, lines } = capture('json', 'warn');
    log.debug('a');
    log.info('b');
    log.warn('c');
    log.error('d');
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(['c', 'd']);
  });

  it('reads as text on a terminal: time, level, message and fields on one line, a stack indented below', () => {
    const { log, lines } = capture('tekst');
    log.warn('Taak afgebroken', { jobId: 'j-1', reason: 'De database was te lang niet bereikbaar', err: new Error('weg') });
    const [head, ...stack] = lines[0]!.split('\n');
    expect(head).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} WARN {2}Taak afgebroken {2}jobId=j-1 reason="De database was te lang niet bereikbaar" err=\{"type":"Error","message":"weg"\}$/,
    );
    expect(stack[0]).toBe('    Error: weg');
  });
});
