import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../web/messages.js';
import { BbvPage } from './bbv.page.js';
import { DistrictsPage } from './districts.page.js';
import { IndicatorMonitorPage } from './indicator.page.js';
import { JobPage } from './job.page.js';
import { MonitorPage } from './monitor.page.js';
import { bbvView, crimeMeasurements, districtView, monitorOf, monitorView, plan, tacticalView } from './monitoring.fixture.js';
import { render } from './render-helpers.js';
import { TacticalPage } from './tactical.page.js';

const m = messagesFor();

const pages: [string, string][] = [
  ['monitor', render(<MonitorPage m={m} view={monitorView({ edit: true, refresh: true }, true)} csrf="t" currentYear={2021} />).html],
  [
    'indicator',
    render(
      <IndicatorMonitorPage
        m={m}
        plan={plan}
        monitor={monitorOf('misdrijven', crimeMeasurements)}
        history={crimeMeasurements}
        mayEdit={true}
        csrf="t"
      />,
    ).html,
  ],
  [
    'job',
    render(
      <JobPage
        m={m}
        plan={plan}
        csrf="t"
        job={{
          id: 'j',
          status: 'failed',
          cancelRequested: false,
          progressDone: 1,
          progressTotal: 3,
          message: null,
          error: 'fout',
          result: null,
          createdAt: '2024-01-01T00:00:00Z',
          finishedAt: null,
        }}
      />,
    ).html,
  ],
  ['tactical', render(<TacticalPage m={m} view={tacticalView()} mayRefresh={true} />).html],
  ['districts', render(<DistrictsPage m={m} view={districtView()} mayRefresh={true} />).html],
  ['bbv', render(<BbvPage m={m} view={bbvView(true)} csrf="t" />).html],
];

describe.each(pages)('the %s page', (_name, html) => {
  it('has one h1, unique ids, and every aria reference and label pointing at an element', () => {
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    const references = [...html.matchAll(/\s(?:aria-labelledby|aria-describedby|for)="([^"]+)"/g)].flatMap((match) => match[1]!.split(' '));
    expect(references.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('carries no inline style or script, so it works under the strict CSP', () => {
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toMatch(/<style|<script(?![^>]*\ssrc="\/assets\/)|\son[a-z]+=/i);
  });

  it('names the column of every data cell (data-label), so a phone can show each row as a card', () => {
    const cells = html.match(/<td[\s>][^>]*/g) ?? [];
    expect(cells.filter((cell) => !/data-label="[^"]+"/.test(cell))).toEqual([]);
  });

  it('gives every column and row header its scope and every table a caption', () => {
    expect(html).not.toMatch(/<th(?:>|\s(?![^>]*scope=))/);
    expect((html.match(/<table/g) ?? []).length).toBe((html.match(/<caption/g) ?? []).length);
  });
});
