/**
 * The options of node Koers serves with (scripts/build.mjs SERVE_NODE_OPTIONS)
 * are the same wherever it is started to serve: `npm start`, and the systemd
 * unit in docs/operations.md. The benchmark takes them from the same constant.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const { SERVE_NODE_OPTIONS } = (await import(new URL('../scripts/build.mjs', import.meta.url).href)) as { SERVE_NODE_OPTIONS: string[] };

describe('the options of node for serving', () => {
  it('are given by npm start and by the systemd unit of the operations guide', () => {
    const start = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start as string;
    expect(start).toBe(`node ${SERVE_NODE_OPTIONS.join(' ')} scripts/start.mjs`);
    const unit = /^ExecStart=(.*)$/m.exec(readFileSync('docs/operations.md', 'utf8'))?.[1];
    expect(unit).toBe(`/usr/bin/node ${SERVE_NODE_OPTIONS.join(' ')} bin/koers.mjs serve`);
  });
});
