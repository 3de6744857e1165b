import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../web/messages.js';
import type { JobView } from '../monitoring.pages.js';
import { JobPage, readRefreshSummary } from './job.page.js';
import { plan } from './monitoring.fixture.js';
import { elements, render, rowTexts, visibleText } from './render-helpers.js';

const m = messagesFor();
const JOB_ID = '20000000-0000-4000-8000-000000000001';

function job(fields: Partial<JobView>): JobView {
  return {
    id: JOB_ID,
    status: 'running',
    cancelRequested: false,
    progressDone: 2,
    progressTotal: 5,
    message: 'Tabel 47022NED: 1200 rijen',
    error: null,
    result: null,
    createdAt: '2024-03-04T09:15:00Z',
    finishedAt: null,
    ...fields,
  };
}

function live(html: string): string {
  return elements(html, 'div').find((div) => div.includes('aria-live="polite"')) ?? '';
}

describe('the job page', () => {
  it('shows a running job with a labelled progress bar, the step in a polite live region and a link to look again', () => {
    const { html, text } = render(<JobPage m={m} plan={plan} job={job({})} csrf="t" />);
    expect(elements(html, 'h1').map(visibleText)).toEqual(['Cijfers vernieuwen']);
    expect(html).toContain('<label class="utrecht-form-label" for="taak-voortgang">Voortgang</label>');
    expect(html).toContain('<progress id="taak-voortgang" max="5" value="2">stap 2 van 5</progress>');
    expect(visibleText(live(html))).toBe('Status: bezig. Nu: Tabel 47022NED: 1200 rijen.');
    expect(html).toContain(`data-koers-job-url="/plannen/${plan.id}/monitor/taken/${JOB_ID}"`);
    expect(html).toContain('data-koers-job-status="running"');
    expect(html).toContain(
      `<a class="utrecht-link utrecht-link--html-a" href="/plannen/${plan.id}/monitor/taken/${JOB_ID}">Ververs de status</a>`,
    );
    expect(text).toContain('Gestart op 4 maart 2024 om 10:15.');
    expect(elements(html, 'form')).toHaveLength(1);
    expect(html).toContain(`action="/plannen/${plan.id}/monitor/taken/${JOB_ID}/annuleren"`);
  });

  it('says a cancel was asked, without offering it again, and shows a cancelled job with a way to start again', () => {
    const asked = render(<JobPage m={m} plan={plan} job={job({ cancelRequested: true })} csrf="t" />);
    expect(asked.text).toContain('U hebt gevraagd te stoppen. Het vernieuwen stopt bij de volgende stap.');
    expect(asked.html).not.toContain('/annuleren');
    const cancelled = render(
      <JobPage m={m} plan={plan} job={job({ status: 'cancelled', cancelRequested: true, finishedAt: '2024-03-04T09:20:00Z' })} csrf="t" />,
    );
    expect(visibleText(live(cancelled.html))).toContain('Status: geannuleerd.');
    expect(cancelled.text).toContain('Het vernieuwen is geannuleerd.');
    expect(cancelled.html).not.toContain('/annuleren');
    expect(cancelled.html).toContain(`action="/plannen/${plan.id}/monitor/vernieuwen"`);
  });

  it('shows a busy bar without a value while the number of steps is unknown', () => {
    const { html } = render(
      <JobPage m={m} plan={plan} job={job({ status: 'queued', progressDone: 0, progressTotal: null, message: null })} csrf="t" />,
    );
    expect(html).toContain('<progress id="taak-voortgang">nog niet bekend</progress>');
    expect(visibleText(live(html))).toBe('Status: in de wachtrij.');
  });

  it('summarises a finished job and links back to the monitor', () => {
    const result = {
      tabellen: [
        {
          tabel: '47022NED',
          titel: 'Geregistreerde misdrijven',
          gewijzigd: '2024-03-03T02:00:00Z',
          ongewijzigd: false,
          rijen: 1234,
          nieuw: 1200,
          herzien: 34,
          vervallen: 0,
        },
        {
          tabel: '03759ned',
          titel: 'Bevolking',
          gewijzigd: '2023-06-30T02:00:00Z',
          ongewijzigd: true,
          rijen: 0,
          nieuw: 0,
          herzien: 0,
          vervallen: 0,
        },
      ],
      metingen: { nieuw: 4, vervangen: 2, ongewijzigd: 10 },
    };
    const done = job({ status: 'done', progressDone: 1, progressTotal: 1, message: 'Klaar', result, finishedAt: '2024-03-04T09:17:00Z' });
    const { html, text } = render(<JobPage m={m} plan={plan} job={done} csrf="t" />);
    expect(html).toContain('<progress id="taak-voortgang" max="1" value="1">klaar</progress>');
    expect(text).toContain('De cijfers zijn vernieuwd.');
    expect(text).toContain('Metingen: 4 nieuw, 2 vervangen, 10 ongewijzigd.');
    expect(rowTexts(html).slice(1)).toEqual([
      '47022NED Geregistreerde misdrijven 3 maart 2024 1.234 1.200 nieuw, 34 herzien, 0 vervallen',
      '03759ned Bevolking 30 juni 2023 0 ongewijzigd',
    ]);
    expect(text).not.toContain('Ververs de status');
    expect(html).toContain(`href="/plannen/${plan.id}/monitor">Terug naar de monitor</a>`);
  });

  it('says in words why a job failed and offers to try again', () => {
    const failed = job({ status: 'failed', error: 'Het CBS antwoordt niet', finishedAt: '2024-03-04T09:16:00Z' });
    const { html, text } = render(<JobPage m={m} plan={plan} job={failed} csrf="proef" />);
    expect(text).toContain('Het vernieuwen is mislukt. De metingen zijn niet bijgewerkt.');
    expect(text).toContain('Wat er misging: Het CBS antwoordt niet');
    const [form] = elements(html, 'form');
    expect(form).toContain(`action="/plannen/${plan.id}/monitor/vernieuwen"`);
    expect(form).toContain('name="_csrf" value="proef"');
  });

  it('reads a result of another shape without failing', () => {
    expect(readRefreshSummary(null)).toBeNull();
    expect(readRefreshSummary({ tabellen: 'nee' })).toEqual({ tabellen: [], metingen: null, fouten: [] });
  });

  it('lists the tables that could not be fetched, beside the ones that were', () => {
    const { text } = render(
      <JobPage
        m={m}
        plan={plan}
        csrf="t"
        job={job({
          status: 'done',
          result: {
            tabellen: [],
            metingen: { nieuw: 0, vervangen: 0, ongewijzigd: 3 },
            fouten: [{ tabel: '03759ned', melding: 'code 99999 onbekend' }],
          },
        })}
      />,
    );
    expect(text).toContain('Niet elke tabel kon worden opgehaald');
    expect(text).toContain('03759ned: code 99999 onbekend');
  });
});
