import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors.js';
import type { AppEnv } from '../../../http/app-env.js';
import { handleError, handleNotFound } from '../../../http/error-handler.js';
import { messagesFor } from '../../../web/messages.js';
import { ANONYMOUS } from '../../accounts/actor.js';
import {
  createMonitoringPages,
  type JobView,
  type MonitoringPagesService,
  type RefreshStarter,
  readDistrictQuery,
} from '../monitoring.pages.js';
import { bbvView, crimeMeasurements, districtView, monitorOf, monitorView, plan, tacticalView } from './monitoring.fixture.js';
import { visibleText } from './render-helpers.js';

const BASE = `/plannen/${plan.id}/monitor`;
const JOB_ID = '20000000-0000-4000-8000-000000000001';

interface Calls {
  measurements: unknown[];
  files: { name: string; size: number }[];
  assessments: unknown[];
  bbv: unknown[];
  districts: unknown[];
  tactical: unknown[];
}

function setup(overrides: Partial<MonitoringPagesService> = {}, may = { edit: true, refresh: true }) {
  const calls: Calls = { measurements: [], files: [], assessments: [], bbv: [], districts: [], tactical: [] };
  const service: MonitoringPagesService = {
    monitor: async () => monitorView(may),
    indicator: async (_actor, _planId, key) => {
      if (key !== 'misdrijven') throw new NotFoundError('Indicator', key);
      return { plan, monitor: monitorOf('misdrijven', crimeMeasurements), history: crimeMeasurements, may: { edit: may.edit } };
    },
    recordMeasurement: async (_actor, _planId, key, input) => {
      calls.measurements.push({ key, input });
      return { added: 1, replaced: 0, unchanged: 0 };
    },
    importMeasurementFile: async (_actor, _planId, file) => {
      calls.files.push({ name: file.name, size: file.bytes.length });
      return { added: 3, replaced: 1, unchanged: 0, rows: 4 };
    },
    measurementTemplate: async (_actor, _planId, format) => ({
      fileName: `metingen-6f1c1a52.${format}`,
      body: format === 'csv' ? 'indicator;periode;waarde\n' : new Uint8Array([0x50, 0x4b, 3, 4]),
    }),
    recordAssessment: async (_actor, _planId, themeKey, input) => {
      calls.assessments.push({ themeKey, input });
      return { id: 'a', themeId: 't', enteredByLabel: 'x', enteredAt: '2024-01-01T00:00:00Z', supersededAt: null, ...input };
    },
    tactical: async (_actor, _planId, options) => {
      calls.tactical.push(options);
      if (options.code === 'onbekend') throw new NotFoundError('Soort misdrijf', options.code);
      return tacticalView();
    },
    districts: async (_actor, _planId, options) => {
      calls.districts.push(options);
      return districtView();
    },
    bbv: async () => bbvView(may.edit),
    recordBbvEntry: async (_actor, _planId, input) => {
      calls.bbv.push(input);
    },
    assertMayRefresh: async () => {
      if (!may.refresh) throw new ForbiddenError('U mag de cijfers van dit plan vernieuwen niet');
      return plan;
    },
    ...overrides,
  };
  const job: JobView = {
    id: JOB_ID,
    status: 'running',
    cancelRequested: false,
    progressDone: 1,
    progressTotal: 4,
    message: 'Tabel 47022NED ophalen',
    error: null,
    result: null,
    createdAt: '2024-03-04T09:15:00Z',
    finishedAt: null,
  };
  const refresh: RefreshStarter = {
    startRefresh: async () => ({ jobId: JOB_ID }),
    job: async (_actor, _planId, jobId) => {
      if (jobId !== JOB_ID) throw new NotFoundError('Taak', jobId);
      return job;
    },
    cancel: async (_actor, _planId, jobId) => {
      if (jobId !== JOB_ID) throw new NotFoundError('Taak', jobId);
      return { ...job, cancelRequested: true };
    },
  };
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('actor', ANONYMOUS);
    await next();
  });
  app.route('/', createMonitoringPages(service, refresh));
  app.onError(handleError);
  app.notFound(handleNotFound);
  return { app, calls };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe('the monitoring routes', () => {
  it('downloads the monitor, the BBV indicators and the wijken as CSV for Dutch Excel', async () => {
    const { app, calls } = setup();
    const monitor = await app.request(`/plannen/${plan.id}/monitor.csv`);
    expect(monitor.status).toBe(200);
    expect(monitor.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(monitor.headers.get('content-disposition')).toBe('attachment; filename="monitor-6f1c1a52.csv"');
    const bytes = new Uint8Array(await monitor.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const monitorText = new TextDecoder().decode(bytes);
    expect(monitorText.startsWith('Indicator;Thema;Eenheid;Status;Laatste meting;')).toBe(true);
    expect(monitorText).toContain(
      'Totaal misdrijven per 1.000 inwoners;Hele plan;per 1.000 inwoners;Op koers;28,4;2021;;30,5;2017;hoogstens;28;2022;',
    );

    const bbv = await (await app.request(`${BASE}/bbv.csv`)).text();
    expect(bbv).toContain('Maasgouw;GM1641;Winkeldiefstallen per 1.000 inwoners;2019;10;23712;4,3;\r\n');
    expect(bbv).toContain(
      'Maasgouw;GM1641;Verwijzingen Halt per 10.000 jongeren van 12 tot en met 17 jaar;2019;;23712;;Het aantal verwijzingen naar Halt over dat jaar is nog niet ingevuld.',
    );

    const districts = await app.request(`${BASE}/wijken.csv?bron=overlast&code=0.0.0&jaar=2023`);
    expect(calls.districts.at(-1)).toEqual({ municipality: undefined, source: 'overlast', code: '0.0.0', year: 2023 });
    expect(await districts.text()).toContain('Maasgouw;Geregistreerde misdrijven;Misdrijven, totaal;2023;Wijk 01 Linne;\r\n');
  });

  it('serves the monitor page', async () => {
    const response = await setup().app.request(BASE);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<h1 class="utrecht-heading-1">Monitor</h1>');
  });

  it('starts a refresh and sends the browser to the job with 303', async () => {
    const response = await setup().app.request(`${BASE}/vernieuwen`, { method: 'POST', body: form({}) });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${BASE}/taken/${JOB_ID}`);
  });

  it('answers the job page as HTML, or as JSON for a polling script', async () => {
    const { app } = setup();
    const html = await app.request(`${BASE}/taken/${JOB_ID}`);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('aria-live="polite"');
    const json = await app.request(`${BASE}/taken/${JOB_ID}`, { headers: { Accept: 'application/json' } });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('cache-control')).toBe('no-store');
    expect(await json.json()).toMatchObject({ id: JOB_ID, status: 'running', progressDone: 1, progressTotal: 4 });
    expect((await app.request(`${BASE}/taken/onbekend`)).status).toBe(404);
  });

  it('records a measurement typed the Dutch way and redirects back with a notice', async () => {
    const { app, calls } = setup();
    const response = await app.request(`${BASE}/indicatoren/misdrijven`, {
      method: 'POST',
      body: form({ periode: '2021', waarde: '1.234,5', teller: '', noemer: '', toelichting: '' }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${BASE}/indicatoren/misdrijven?opgeslagen=1`);
    expect(calls.measurements).toEqual([
      {
        key: 'misdrijven',
        input: {
          period: { kind: 'year', year: 2021, number: 0 },
          value: 1234.5,
          suppressed: false,
          numerator: null,
          denominator: null,
          note: null,
        },
      },
    ]);
    const after = await app.request(response.headers.get('location') ?? '');
    expect(visibleText(await after.text())).toContain('De meting is opgeslagen.');
  });

  it('shows the form again (400) on a period it cannot read, without calling the service', async () => {
    const { app, calls } = setup();
    const response = await app.request(`${BASE}/indicatoren/misdrijven`, {
      method: 'POST',
      body: form({ periode: 'vorig jaar', waarde: '30,5' }),
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="meting-periode-fout">&#39;vorig jaar&#39; is geen periode.');
    expect(html).toContain('value="vorig jaar"');
    expect(html).toContain('value="30,5"');
    expect(calls.measurements).toEqual([]);
  });

  it('shows the problems the service finds beside the fields (400)', async () => {
    const { app } = setup({
      recordMeasurement: async () => {
        throw new ValidationError('De meting is ongeldig', [{ path: 'noemer', message: 'teller en noemer horen bij elkaar' }]);
      },
    });
    const response = await app.request(`${BASE}/indicatoren/misdrijven`, { method: 'POST', body: form({ periode: '2021', teller: '12' }) });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('id="meting-noemer-fout">teller en noemer horen bij elkaar');
    expect(html).toMatch(/id="meting-teller" name="teller" type="text" value="12"/);
  });

  it('reads in a file and redirects to the monitor with the counts', async () => {
    const { app, calls } = setup();
    const content = 'indicator;periode;waarde\nmisdrijven;2021;28,4\n';
    const data = new FormData();
    data.append('bestand', new File([content], 'metingen.csv', { type: 'text/csv' }));
    const response = await app.request(`${BASE}/metingen/bestand`, { method: 'POST', body: data });
    expect(response.status).toBe(303);
    expect(calls.files).toEqual([{ name: 'metingen.csv', size: new TextEncoder().encode(content).length }]);
    const location = response.headers.get('location') ?? '';
    expect(location).toBe(`${BASE}?ingelezen=4&nieuw=3&vervangen=1&ongewijzigd=0`);
    expect(visibleText(await (await app.request(location)).text())).toContain(
      'Het bestand is ingelezen: 4 rijen. Metingen: 3 nieuw, 1 vervangen, 0 ongewijzigd.',
    );
  });

  it('shows every problem of a refused file on the monitor page (400)', async () => {
    const { app } = setup({
      importMeasurementFile: async () => {
        throw new ValidationError('Het bestand metingen.csv is niet ingelezen: er is 1 probleem', [
          { path: 'rij 2, kolom periode', message: "rij 2, kolom periode: '2021-13' is geen periode." },
        ]);
      },
    });
    const data = new FormData();
    data.append('bestand', new File(['x'], 'metingen.csv'));
    const response = await app.request(`${BASE}/metingen/bestand`, { method: 'POST', body: data });
    expect(response.status).toBe(400);
    const text = visibleText(await response.text());
    expect(text).toContain('Het bestand metingen.csv is niet ingelezen: er is 1 probleem.');
    expect(text).toContain("Rij Kolom Wat is er mis 2 periode rij 2, kolom periode: '2021-13' is geen periode.");
  });

  it('asks for a file when none was chosen (400)', async () => {
    const response = await setup().app.request(`${BASE}/metingen/bestand`, { method: 'POST', body: form({ bestand: '' }) });
    expect(response.status).toBe(400);
    expect(visibleText(await response.text())).toContain('Kies een bestand.');
  });

  it('downloads the templates as attachments with their content type', async () => {
    const { app } = setup();
    const csv = await app.request(`${BASE}/sjabloon.csv`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="metingen-6f1c1a52.csv"');
    expect(await csv.text()).toBe('indicator;periode;waarde\n');
    const xlsx = await app.request(`${BASE}/sjabloon.xlsx`);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="metingen-6f1c1a52.xlsx"');
    expect(new Uint8Array(await xlsx.arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4b, 3, 4]));
  });

  it('records an assessment and redirects to the theme', async () => {
    const { app, calls } = setup();
    const response = await app.request(`${BASE}/themas/prioriteit-2/beoordeling`, {
      method: 'POST',
      body: form({ jaar: '2021', oordeel: 'on_course', tekst: ' Op weg. ' }),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${BASE}?beoordeeld=1#thema-prioriteit-2`);
    expect(calls.assessments).toEqual([{ themeKey: 'prioriteit-2', input: { year: 2021, judgement: 'on_course', text: 'Op weg.' } }]);
  });

  it('shows an incomplete assessment again (400)', async () => {
    const { app, calls } = setup();
    const response = await app.request(`${BASE}/themas/prioriteit-2/beoordeling`, {
      method: 'POST',
      body: form({ jaar: '2021', oordeel: '', tekst: 'Tekst' }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('id="beoordeling-prioriteit-2-oordeel-fout">Kies een oordeel.');
    expect(calls.assessments).toEqual([]);
  });

  it('passes the chosen crime type to the service; an unknown one is a 404', async () => {
    const { app, calls } = setup();
    expect((await app.request(`${BASE}/tactisch?soort=1.1.1`)).status).toBe(200);
    expect(calls.tactical).toEqual([{ municipality: undefined, code: '1.1.1' }]);
    expect((await app.request(`${BASE}/tactisch?soort=onbekend`)).status).toBe(404);
  });

  it('refuses a year that is no number on the wijk page (400) and passes a good choice on', async () => {
    const { app, calls } = setup();
    expect((await app.request(`${BASE}/wijken?jaar=vorig`)).status).toBe(400);
    expect((await app.request(`${BASE}/wijken?bron=inbraak`)).status).toBe(400);
    expect((await app.request(`${BASE}/wijken?bron=overlast&code=A1&jaar=2022`)).status).toBe(200);
    expect(calls.districts).toEqual([{ municipality: undefined, source: 'overlast', code: 'A1', year: 2022 }]);
  });

  it('records Halt referrals and redirects with a notice; a bad count is shown again', async () => {
    const { app, calls } = setup();
    const ok = await app.request(`${BASE}/bbv`, { method: 'POST', body: form({ gemeente: 'GM1641', jaar: '2021', aantal: '12' }) });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`${BASE}/bbv?opgeslagen=1`);
    expect(calls.bbv).toEqual([{ municipality: 'GM1641', year: 2021, value: 12 }]);
    const bad = await app.request(`${BASE}/bbv`, { method: 'POST', body: form({ gemeente: 'GM1641', jaar: '2021', aantal: '-3' }) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('id="halt-aantal-fout">“-3” is geen aantal.');
  });

  it('lets a refusal of the service through to the error page', async () => {
    const { app } = setup({
      recordBbvEntry: async () => {
        throw new ForbiddenError('U mag BBV-cijfers invoeren voor deze gemeente niet');
      },
    });
    const response = await app.request(`${BASE}/bbv`, { method: 'POST', body: form({ gemeente: 'GM1641', jaar: '2021', aantal: '12' }) });
    expect(response.status).toBe(403);
  });
});

describe('readDistrictQuery', () => {
  const m = messagesFor();
  const query = (values: Record<string, string>) => (name: string) => values[name];

  it('drops type and year when the source was switched in the form', () => {
    expect(readDistrictQuery(m, query({ bron: 'overlast', 'vorige-bron': 'misdrijven', code: '0.0.0', jaar: '2023' }))).toEqual({
      municipality: undefined,
      source: 'overlast',
      code: undefined,
      year: undefined,
    });
  });

  it('treats empty values as the default', () => {
    expect(readDistrictQuery(m, query({ bron: '', code: '', jaar: '' }))).toEqual({
      municipality: undefined,
      source: undefined,
      code: undefined,
      year: undefined,
    });
  });
});
