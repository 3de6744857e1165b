/**
 * Client of the CBS open-data services: StatLine (opendata) and the third-party
 * catalogues such as Politie (dataderden) over OData v3, and the new datasets API
 * over OData v4. It reads table metadata and streams cells page by page, following
 * the services' next links, retrying transient failures and, when retries run
 * out, telling the caller where to resume. Keys stay padded as sent and a
 * suppressed cell stays null; callers filter with the exact padded keys.
 */
import { OpenDataError } from './cbs-errors.js';
import { eqAny, quoteLiteral } from './cbs-filter.js';
import { getJson, type HttpSettings } from './cbs-http.js';
import { type DataProperty, type DimensionValue, PROPERTY_TYPES, type PropertyType, type TableInfo } from './cbs-metadata.js';

export { OpenDataError } from './cbs-errors.js';
export { eqAny, quoteLiteral, regionsOfMunicipality } from './cbs-filter.js';
export { backoffDelay, MAX_BACKOFF_MS } from './cbs-http.js';
export type { DataProperty, DimensionValue, PropertyType, TableInfo } from './cbs-metadata.js';
export { dimensionsOf, padKeys, resolveTopic } from './cbs-metadata.js';

export type CbsService = 'opendata' | 'dataderden' | 'datasets';
export type CbsBaseUrls = Record<CbsService, string>;

export const DEFAULT_CBS_BASE_URLS: CbsBaseUrls = {
  opendata: 'https://opendata.cbs.nl',
  dataderden: 'https://dataderden.cbs.nl',
  datasets: 'https://datasets.cbs.nl',
};

export interface CbsClientOptions {
  /** Base URL per service; may carry a path (e.g. a proxy or the fake server's /dataderden). */
  baseUrls: CbsBaseUrls;
  fetchImpl?: typeof fetch;
  /** Retries after the first attempt of a request; default 5. */
  retries?: number;
  /** First back-off in ms, doubling per retry, capped at 30 s, with jitter; default 500. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Time-out per attempt (request and body), in ms; default 60,000. */
  timeoutMs?: number;
}

export interface Cell {
  /** Dimension key -> code exactly as sent (padded for v3). Shared by the cells of one row: do not change it. */
  dimensions: Record<string, string>;
  /** Resolved column key (v3, e.g. GeregistreerdeMisdrijven_1) or Measure code (v4). */
  topic: string;
  /** null = not published / suppressed, never 0. */
  value: number | null;
}

export interface PullProgress {
  /** The page's number in the whole pull: from 1, or after a resume from `CellQuery.resumePage`. */
  page: number;
  /** Rows received by this call of cells() so far, this page included. */
  rows: number;
  /** The next page's URL; null after the last page. */
  nextLink: string | null;
}

export interface CellQuery {
  /** Resolved column keys (v3) or Measure codes (v4). */
  topics: string[];
  /** OData filter expression on dimensions, e.g. from eqAny() and regionsOfMunicipality(). */
  filter?: string;
  /** A page URL from OpenDataError.resumeFrom (or PullProgress.nextLink): continue a broken pull there. */
  resumeFrom?: string;
  /** The number of the page at `resumeFrom` in the whole pull, so that progress and errors name the real page; default 1. */
  resumePage?: number;
  onPage?: (progress: PullProgress) => void;
}

const TABLE_ID = /^[A-Za-z0-9_]+$/;
const NUMERIC_STRING = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function optionalNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && NUMERIC_STRING.test(value)) return Number(value);
  return null;
}

/** `$format=json` is always sent to the v3 services; a next link without it gets it back. */
function withJsonFormat(url: string): string {
  return /[?&]\$format=/.test(url) ? url : `${url}${url.includes('?') ? '&' : '?'}$format=json`;
}

function query(params: [string, string][]): string {
  return params.length === 0 ? '' : `?${params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`;
}

export class CbsClient {
  readonly #baseUrls: CbsBaseUrls;
  readonly #http: HttpSettings;

  constructor(options: CbsClientOptions) {
    const baseUrls = {} as CbsBaseUrls;
    for (const service of Object.keys(DEFAULT_CBS_BASE_URLS) as CbsService[]) {
      const base = options.baseUrls?.[service];
      let parsed: URL | null = null;
      try {
        parsed = base ? new URL(base) : null;
      } catch {
        parsed = null;
      }
      if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.search || parsed.hash) {
        throw new OpenDataError(
          `Ongeldige basis-URL voor dienst ${service}: '${base ?? ''}' (verwacht http(s)://host[/pad], zonder query)`,
        );
      }
      baseUrls[service] = base!.replace(/\/+$/, '');
    }
    this.#baseUrls = baseUrls;
    this.#http = {
      fetchImpl: options.fetchImpl ?? fetch,
      retries: options.retries ?? 5,
      backoffMs: options.backoffMs ?? 500,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      timeoutMs: options.timeoutMs ?? 60_000,
      random: Math.random,
    };
  }

  #checkTable(service: CbsService, table: string): void {
    if (!(service in this.#baseUrls)) throw new OpenDataError(`Onbekende CBS-dienst '${service}' (opendata, dataderden of datasets)`);
    if (!TABLE_ID.test(table)) throw new OpenDataError(`Ongeldige tabelcode '${table}' voor dienst ${service}`);
  }

  /** v3 metadata and dimension entities, via ODataApi. */
  #v3Url(service: CbsService, table: string, entity: string): string {
    return `${this.#baseUrls[service]}/ODataApi/odata/${table}/${entity}${query([['$format', 'json']])}`;
  }

  #v4Url(table: string, entity: string, params: [string, string][] = []): string {
    return `${this.#baseUrls.datasets}/odata/v1/CBS/${table}/${entity}${query(params)}`;
  }

  async #get(url: string, what: string, resumeFrom: string | null = null): Promise<unknown> {
    return getJson(url, { what, resumeFrom }, this.#http);
  }

  /** The `value` array of an OData answer, or a clear error. */
  #valueArray(body: unknown, what: string, url: string, resumeFrom: string | null = null): unknown[] {
    if (!isRecord(body) || !Array.isArray(body.value)) {
      const shape = isRecord(body)
        ? `velden: ${Object.keys(body).slice(0, 8).join(', ') || 'geen'}`
        : `een ${Array.isArray(body) ? 'lijst' : typeof body}`;
      throw new OpenDataError(`${what}: antwoord zonder 'value'-lijst (${shape}) (${url})`, { url, resumeFrom });
    }
    return body.value;
  }

  async tableInfo(service: CbsService, table: string): Promise<TableInfo> {
    this.#checkTable(service, table);
    const what = `TableInfos van ${table} (${service})`;
    let row: unknown;
    let url: string;
    if (service === 'datasets') {
      url = this.#v4Url(table, 'Properties');
      row = await this.#get(url, `Properties van ${table} (${service})`);
    } else {
      url = this.#v3Url(service, table, 'TableInfos');
      row = this.#valueArray(await this.#get(url, what), what, url)[0];
    }
    if (!isRecord(row)) throw new OpenDataError(`${what}: geen tabelbeschrijving in het antwoord (${url})`, { url });
    for (const field of ['Identifier', 'Title', 'Modified']) {
      if (typeof row[field] !== 'string' || row[field] === '')
        throw new OpenDataError(`${what}: veld '${field}' ontbreekt of is leeg (${url})`, { url });
    }
    return {
      id: row.Identifier as string,
      title: row.Title as string,
      modified: row.Modified as string,
      period: optionalString(service === 'datasets' ? row.TemporalCoverage : row.Period),
      catalog: optionalString(row.Catalog),
    };
  }

  async dataProperties(service: CbsService, table: string): Promise<DataProperty[]> {
    this.#checkTable(service, table);
    return service === 'datasets' ? this.#v4Properties(table) : this.#v3Properties(service, table);
  }

  async #v3Properties(service: CbsService, table: string): Promise<DataProperty[]> {
    const url = this.#v3Url(service, table, 'DataProperties');
    const what = `DataProperties van ${table} (${service})`;
    return this.#valueArray(await this.#get(url, what), what, url).map((row, i) => {
      if (!isRecord(row)) throw new OpenDataError(`${what}: rij ${i + 1} is geen object (${url})`, { url });
      const type = row.Type as PropertyType;
      if (!PROPERTY_TYPES.includes(type))
        throw new OpenDataError(`${what}: rij ${i + 1} heeft onbekend Type '${String(row.Type)}' (${url})`, { url });
      const key = typeof row.Key === 'string' ? row.Key : '';
      if (key === '' && type !== 'TopicGroup') throw new OpenDataError(`${what}: rij ${i + 1} (${type}) heeft geen Key (${url})`, { url });
      return {
        key,
        type,
        title: typeof row.Title === 'string' ? row.Title : '',
        unit: optionalString(row.Unit),
        decimals: optionalNumber(row.Decimals),
      };
    });
  }

  async #v4Properties(table: string): Promise<DataProperty[]> {
    const dimensionsUrl = this.#v4Url(table, 'Dimensions');
    const measuresUrl = this.#v4Url(table, 'MeasureCodes');
    const dimensionsWhat = `Dimensions van ${table} (datasets)`;
    const measuresWhat = `MeasureCodes van ${table} (datasets)`;
    const dimensions = this.#valueArray(await this.#get(dimensionsUrl, dimensionsWhat), dimensionsWhat, dimensionsUrl);
    const measures = this.#valueArray(await this.#get(measuresUrl, measuresWhat), measuresWhat, measuresUrl);
    const identifier = (row: unknown, i: number, what: string, url: string): Record<string, unknown> & { Identifier: string } => {
      if (!isRecord(row) || typeof row.Identifier !== 'string' || row.Identifier === '') {
        throw new OpenDataError(`${what}: rij ${i + 1} heeft geen Identifier (${url})`, { url });
      }
      return row as Record<string, unknown> & { Identifier: string };
    };
    return [
      ...dimensions.map((raw, i): DataProperty => {
        const row = identifier(raw, i, dimensionsWhat, dimensionsUrl);
        const kind = row.Kind as PropertyType;
        if (!PROPERTY_TYPES.includes(kind) || kind === 'Topic' || kind === 'TopicGroup') {
          throw new OpenDataError(`${dimensionsWhat}: rij ${i + 1} heeft onbekend Kind '${String(row.Kind)}' (${dimensionsUrl})`, {
            url: dimensionsUrl,
          });
        }
        return { key: row.Identifier, type: kind, title: typeof row.Title === 'string' ? row.Title : '', unit: null, decimals: null };
      }),
      ...measures.map((raw, i): DataProperty => {
        const row = identifier(raw, i, measuresWhat, measuresUrl);
        return {
          key: row.Identifier,
          type: 'Topic',
          title: typeof row.Title === 'string' ? row.Title : '',
          unit: optionalString(row.Unit),
          decimals: optionalNumber(row.Decimals),
        };
      }),
    ];
  }

  async dimensionValues(service: CbsService, table: string, dimension: string): Promise<DimensionValue[]> {
    this.#checkTable(service, table);
    if (!TABLE_ID.test(dimension)) throw new OpenDataError(`Ongeldige dimensienaam '${dimension}' voor ${table} (${service})`);
    const v4 = service === 'datasets';
    const url = v4
      ? this.#v4Url(table, dimension === 'Measure' ? 'MeasureCodes' : `${dimension}Codes`)
      : this.#v3Url(service, table, dimension);
    const what = `dimensie ${dimension} van ${table} (${service})`;
    const keyField = v4 ? 'Identifier' : 'Key';
    return this.#valueArray(await this.#get(url, what), what, url).map((row, i) => {
      if (!isRecord(row) || typeof row[keyField] !== 'string') {
        throw new OpenDataError(`${what}: rij ${i + 1} heeft geen ${keyField} (${url})`, { url });
      }
      return { key: row[keyField] as string, title: typeof row.Title === 'string' ? row.Title : '', status: optionalString(row.Status) };
    });
  }

  /**
   * Cells of the table, page by page (v3: ODataFeed TypedDataSet following `odata.nextLink`;
   * v4 datasets: Observations following `@odata.nextLink`). One page is held at a time.
   * When a page fails after its retries, the OpenDataError's `resumeFrom` is that page's
   * URL: call cells() again with it as `resumeFrom` to get exactly the remaining pages.
   */
  async *cells(service: CbsService, table: string, cellQuery: CellQuery): AsyncGenerator<Cell[]> {
    this.#checkTable(service, table);
    const v4 = service === 'datasets';
    if (cellQuery.topics.length === 0) throw new OpenDataError(`Cellen van ${table} (${service}): geen onderwerpen (topics) opgegeven`);
    const resumePage = cellQuery.resumePage ?? 1;
    if (!Number.isInteger(resumePage) || resumePage < 1) {
      throw new OpenDataError(`Cellen van ${table} (${service}): resumePage moet een paginanummer van 1 of hoger zijn, niet ${resumePage}`);
    }
    let properties: DataProperty[];
    try {
      properties = await this.dataProperties(service, table);
    } catch (error) {
      // A resumed pull that fails on its metadata still resumes at the same page.
      if (!(error instanceof OpenDataError) || !cellQuery.resumeFrom) throw error;
      throw new OpenDataError(error.message, { url: error.url, resumeFrom: cellQuery.resumeFrom, status: error.status, cause: error });
    }
    const dimensions = properties
      .filter((property) => property.type !== 'Topic' && property.type !== 'TopicGroup')
      .map((property) => property.key);
    const topicKeys = new Set(properties.filter((property) => property.type === 'Topic').map((property) => property.key));
    const unknown = cellQuery.topics.filter((topic) => !topicKeys.has(topic));
    if (unknown.length > 0) {
      throw new OpenDataError(
        `Cellen van ${table} (${service}): onbekend onderwerp ${unknown.map((topic) => `'${topic}'`).join(', ')}; bekend: ${[...topicKeys].join(', ')}`,
      );
    }

    let url: string | null = cellQuery.resumeFrom
      ? this.#checkResume(service, table, cellQuery.resumeFrom)
      : this.#firstPage(service, table, dimensions, cellQuery);
    let page = cellQuery.resumeFrom ? resumePage - 1 : 0;
    let rows = 0;
    while (url !== null) {
      page++;
      const what = `pagina ${page} van ${table} (${service})`;
      const body = await this.#get(url, what, url);
      const values = this.#valueArray(body, what, url, url);
      const cells = v4
        ? this.#v4Cells(values, dimensions, cellQuery.topics, what, url)
        : this.#v3Cells(values, dimensions, cellQuery.topics, what, url);
      const next = this.#nextLink(body as Record<string, unknown>, v4, what, url);
      rows += values.length;
      cellQuery.onPage?.({ page, rows, nextLink: next });
      yield cells;
      url = next;
    }
  }

  #firstPage(service: CbsService, table: string, dimensions: string[], cellQuery: CellQuery): string {
    const filter = cellQuery.filter?.trim() || null;
    if (service === 'datasets') {
      const measures = eqAny('Measure', cellQuery.topics);
      return this.#v4Url(table, 'Observations', [['$filter', filter ? `${measures} and (${filter})` : measures]]);
    }
    const params: [string, string][] = [['$format', 'json']];
    if (filter) params.push(['$filter', filter]);
    params.push(['$select', [...dimensions, ...cellQuery.topics].join(',')]);
    return `${this.#baseUrls[service]}/ODataFeed/odata/${table}/TypedDataSet${query(params)}`;
  }

  /** A resume URL must be a data page of this table on this service's host. */
  #checkResume(service: CbsService, table: string, resumeFrom: string): string {
    const base = new URL(this.#baseUrls[service]);
    let url: URL | null = null;
    try {
      url = new URL(resumeFrom);
    } catch {
      url = null;
    }
    const entity = service === 'datasets' ? 'observations' : 'typeddataset';
    if (!url || url.host !== base.host || !url.pathname.toLowerCase().endsWith(`/${table.toLowerCase()}/${entity}`)) {
      throw new OpenDataError(`resumeFrom hoort niet bij een datapagina van ${table} op ${base.host} (${service}): ${resumeFrom}`, {
        url: resumeFrom,
      });
    }
    return service === 'datasets' ? resumeFrom : withJsonFormat(resumeFrom);
  }

  #nextLink(body: Record<string, unknown>, v4: boolean, what: string, url: string): string | null {
    const field = v4 ? '@odata.nextLink' : 'odata.nextLink';
    const link = body[field];
    if (link === undefined || link === null) return null;
    if (typeof link !== 'string' || link === '')
      throw new OpenDataError(`${what}: '${field}' is geen URL (${url})`, { url, resumeFrom: url });
    const absolute = new URL(link, url).href;
    if (absolute === url)
      throw new OpenDataError(`${what}: '${field}' wijst naar dezelfde pagina; het ophalen zou niet eindigen (${url})`, {
        url,
        resumeFrom: url,
      });
    return v4 ? absolute : withJsonFormat(absolute);
  }

  #rowError(what: string, url: string, i: number, problem: string): OpenDataError {
    return new OpenDataError(`${what}, rij ${i + 1}: ${problem} (${url})`, { url, resumeFrom: url });
  }

  #number(raw: unknown, what: string, url: string, i: number, field: string): number | null {
    if (raw === null) return null;
    if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
    if (typeof raw === 'string' && NUMERIC_STRING.test(raw)) return Number(raw);
    if (raw === undefined) throw this.#rowError(what, url, i, `veld '${field}' ontbreekt`);
    throw this.#rowError(what, url, i, `waarde van '${field}' is geen getal: ${JSON.stringify(raw).slice(0, 40)}`);
  }

  #dimensionsOfRow(
    raw: unknown,
    dimensions: string[],
    what: string,
    url: string,
    i: number,
  ): { row: Record<string, unknown>; codes: Record<string, string> } {
    if (!isRecord(raw)) throw this.#rowError(what, url, i, 'geen object');
    const codes: Record<string, string> = {};
    for (const dimension of dimensions) {
      const code = raw[dimension];
      if (typeof code !== 'string') throw this.#rowError(what, url, i, `dimensie '${dimension}' ontbreekt`);
      codes[dimension] = code;
    }
    return { row: raw, codes };
  }

  #v3Cells(values: unknown[], dimensions: string[], topics: string[], what: string, url: string): Cell[] {
    const cells: Cell[] = [];
    values.forEach((raw, i) => {
      const { row, codes } = this.#dimensionsOfRow(raw, dimensions, what, url, i);
      for (const topic of topics) cells.push({ dimensions: codes, topic, value: this.#number(row[topic], what, url, i, topic) });
    });
    return cells;
  }

  #v4Cells(values: unknown[], dimensions: string[], topics: string[], what: string, url: string): Cell[] {
    const wanted = new Set(topics);
    return values.map((raw, i) => {
      const { row, codes } = this.#dimensionsOfRow(raw, dimensions, what, url, i);
      const measure = row.Measure;
      if (typeof measure !== 'string') throw this.#rowError(what, url, i, "veld 'Measure' ontbreekt");
      if (!wanted.has(measure)) throw this.#rowError(what, url, i, `onverwachte Measure ${quoteLiteral(measure)}`);
      const attribute = row.ValueAttribute;
      if (attribute !== undefined && attribute !== null && typeof attribute !== 'string') {
        throw this.#rowError(what, url, i, `ValueAttribute is geen tekst: ${JSON.stringify(attribute).slice(0, 40)}`);
      }
      const value = this.#number(row.Value, what, url, i, 'Value');
      const published = attribute === undefined || attribute === null || attribute === 'None';
      return { dimensions: codes, topic: measure, value: published ? value : null };
    });
  }
}
