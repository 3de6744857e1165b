/**
 * A local stand-in for the CBS open-data services, for tests and benchmarks that
 * must never touch the network. One node:http server answers for the three hosts
 * under the path prefixes /opendata, /dataderden (OData v3: ODataApi, ODataFeed,
 * ODataCatalog) and /datasets (OData v4: /odata/v1/CBS/<table>/...), in the shapes
 * of the real services: `odata.nextLink` / `@odata.nextLink` paging by `$skip`, keys
 * padded as sent, null for suppressed cells, Atom XML without `$format=json`.
 * Faults can be injected (failNext) and tables re-issued (reissue, setCell).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CbsBaseUrls, CbsService } from '../../src/opendata/cbs-client.js';
import { ByteWriter, utf8 } from './byte-writer.js';
import { CubeSelection, type Cursor } from './cube.js';
import { FilterError, type FilterExpr, parseFilter, planFilter } from './odata-filter.js';
import { createTables, type EntityRow, type FakeTable } from './tables.js';

export type FailureMode = 'status-503' | 'status-500' | 'status-429' | 'reset' | 'truncated-json' | 'atom-xml' | 'status-404';

export interface FakeCbs {
  origin: string;
  baseUrls: CbsBaseUrls;
  /** Paths with query strings of every request received, in order. */
  requests: string[];
  close(): Promise<void>;
  /**
   * Makes the next `count` requests to a table fail the given way: any request (data or metadata),
   * or with `only: 'data'` only requests for pages of cells, so that metadata still answers.
   */
  failNext(count: number, how: FailureMode, only?: 'data'): void;
  /** Forgets every failure still waiting from failNext. */
  clearFailures(): void;
  /** Gives a table a new Modified and changes some cells, like a re-issued table. */
  reissue(table: string, options: { modified: string; changes?: { dims: Record<string, string>; value: number | null }[] }): void;
  /**
   * Sets one cell. `dims` maps every dimension key to a code (padded or trimmed);
   * `topic` (v3) or `Measure` (v4) picks the column, default the first.
   */
  setCell(table: string, dims: Record<string, string>, value: number | null): void;
}

export interface FakeCbsOptions {
  /** Rows per page of the bulk feeds; the real services use 10,000. */
  pageSize?: number;
  /** A synthetic national table of `rows` rows on dataderden, generated page by page. */
  bulk?: { table: string; rows: number };
}

const SERVICES: readonly CbsService[] = ['opendata', 'dataderden', 'datasets'];
const DATA_OPTIONS = new Set(['$filter', '$select', '$top', '$skip', '$format']);
const EMPTY: Uint8Array = new Uint8Array(0);

type RowWriter = (id: number, index: Int32Array, out: ByteWriter) => void;

interface Reply {
  status: number;
  contentType: string;
  body: string | Buffer;
  headers?: Record<string, string>;
  /** JSON data pages: the next page's URL, which the server renders ahead while this one is sent. */
  nextLink?: string | null;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function jsonString(text: string): string {
  return JSON.stringify(text);
}

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Query string in the style of the real nextLinks: `$` kept, values percent-encoded. */
function queryString(params: [string, string][]): string {
  return params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
}

export async function startFakeCbs(options: FakeCbsOptions = {}): Promise<FakeCbs> {
  const pageSize = options.pageSize ?? 10_000;
  const tables = createTables({ bulk: options.bulk });
  const overrides = new Map<FakeTable, Map<number, number | null>>();
  const cursors = new Map<string, Cursor>();
  const filters = new Map<string, FilterExpr | null>();
  const failures: FailureMode[] = [];
  const dataFailures: FailureMode[] = [];
  const requests: string[] = [];
  let origin = '';
  // One page rendered ahead: while a data page is on the wire, the next one is built.
  // setCell and reissue bump the generation, which discards it.
  let prerendered: { url: string; generation: number; reply: Reply } | null = null;
  let generation = 0;

  const findTable = (service: CbsService, id: string): FakeTable | undefined =>
    tables.find((table) => table.service === service && table.id.toLowerCase() === id.toLowerCase());

  const requireTable = (id: string): FakeTable => {
    const table = tables.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
    if (!table) throw new Error(`Nep-CBS: tabel ${id} bestaat niet`);
    return table;
  };

  /** Linear cell number of `dims` (and the column) in a table, for overrides. */
  const cellKey = (table: FakeTable, dims: Record<string, string>): number => {
    let id = 0;
    let topic = 0;
    for (const dimension of table.dimensions) {
      const given = dimension.key === 'Measure' ? (dims.Measure ?? dims.topic) : dims[dimension.key];
      let position = 0;
      if (given === undefined) {
        if (dimension.key !== 'Measure') throw new Error(`Nep-CBS: dimensie ${dimension.key} ontbreekt in ${JSON.stringify(dims)}`);
      } else {
        position = dimension.codes.findIndex((code) => code === given || code.trim() === given.trim());
        if (position < 0) throw new Error(`Nep-CBS: code '${given}' bestaat niet in ${table.id} ${dimension.key}`);
      }
      id = id * dimension.codes.length + position;
    }
    if (table.protocol === 'v3' && dims.topic !== undefined) {
      topic = table.topics.findIndex((candidate) => candidate.key === dims.topic);
      if (topic < 0) throw new Error(`Nep-CBS: onderwerp '${dims.topic}' bestaat niet in ${table.id}`);
    }
    return table.protocol === 'v3' ? id * table.topics.length + topic : id;
  };

  const setCell = (tableId: string, dims: Record<string, string>, value: number | null) => {
    const table = requireTable(tableId);
    generation++;
    let map = overrides.get(table);
    if (!map) {
      map = new Map();
      overrides.set(table, map);
    }
    map.set(cellKey(table, dims), value);
  };

  // -------------------------------------------------------------------------------------------
  // Rendering

  const v3Columns = (table: FakeTable, select: string | null): { id: boolean; dimensions: number[]; topics: number[] } => {
    const all = { id: true, dimensions: table.dimensions.map((_, d) => d), topics: table.topics.map((_, t) => t) };
    if (select === null) return all;
    const columns = { id: false, dimensions: [] as number[], topics: [] as number[] };
    for (const name of select.split(',').map((part) => part.trim())) {
      if (name === '*') return all;
      if (name === 'ID') columns.id = true;
      else if (table.dimensions.some((dimension) => dimension.key === name)) {
        columns.dimensions.push(table.dimensions.findIndex((dimension) => dimension.key === name));
      } else if (table.topics.some((topic) => topic.key === name)) {
        columns.topics.push(table.topics.findIndex((topic) => topic.key === name));
      } else {
        throw new HttpError(400, `Could not find a property named '${name}' on type 'Cbs.OData.WebAPI.TypedDataSet'.`);
      }
    }
    columns.dimensions.sort((a, b) => a - b);
    columns.topics.sort((a, b) => a - b);
    return columns;
  };

  /** A function writing one v3 TypedDataSet row as JSON, with fragments encoded once per dimension value and column. */
  const v3RowRenderer = (table: FakeTable, select: string | null): RowWriter => {
    const columns = v3Columns(table, select);
    const cellOverrides = overrides.get(table);
    const topicCount = table.topics.length;
    // Every column but the first is written with its leading comma.
    let first = !columns.id;
    const separator = () => {
      const comma = first ? '' : ',';
      first = false;
      return comma;
    };
    const dimensionParts = columns.dimensions.map((d) => {
      const dimension = table.dimensions[d]!;
      const comma = separator();
      return { d, fragments: dimension.codes.map((code) => utf8(`${comma}"${dimension.key}":${jsonString(code)}`)) };
    });
    const topicParts = columns.topics.map((t) => {
      const topic = table.topics[t]!;
      const comma = separator();
      if (topic.text) {
        const { dimension, values } = topic.text;
        return {
          t,
          text: { dimension, fragments: values.map((value) => utf8(`${comma}"${topic.key}":${jsonString(value)}`)) },
          prefix: EMPTY,
          value: null,
        };
      }
      return { t, text: null, prefix: utf8(`${comma}"${topic.key}":`), value: topic.value! };
    });
    // Rows come with the last dimension running fastest: the fragments of the other
    // dimensions are joined once per change, and the last one carries the next column's name.
    const head = dimensionParts.slice(0, -1);
    const last = dimensionParts.at(-1);
    const firstTopic = topicParts[0];
    if (last && firstTopic && !firstTopic.text) {
      last.fragments = last.fragments.map((fragment) => Buffer.concat([fragment, firstTopic.prefix]));
      firstTopic.prefix = EMPTY;
    }
    let headKey = -1;
    let headBytes: Uint8Array = EMPTY;
    const open = utf8(columns.id ? '{"ID":' : '{');
    return (id, index, out) => {
      out.bytes(open);
      if (columns.id) out.number(id);
      if (head.length > 0) {
        let key = 0;
        for (const part of head) key = key * part.fragments.length + index[part.d]!;
        if (key !== headKey) {
          headKey = key;
          headBytes = Buffer.concat(head.map((part) => part.fragments[index[part.d]!]!));
        }
        out.bytes(headBytes);
      }
      if (last) out.bytes(last.fragments[index[last.d]!]!);
      for (const part of topicParts) {
        if (part.text) {
          out.bytes(part.text.fragments[index[part.text.dimension]!]!);
          continue;
        }
        const key = id * topicCount + part.t;
        if (part.prefix.length > 0) out.bytes(part.prefix);
        out.number(cellOverrides?.has(key) ? cellOverrides.get(key)! : part.value!(index));
      }
      out.byte(0x7d);
    };
  };

  /** One v3 row as an object (Atom and UntypedDataSet: slow path). */
  const v3RowObject = (table: FakeTable, select: string | null, id: number, index: Int32Array, untyped: boolean): EntityRow => {
    const columns = v3Columns(table, select);
    const row: EntityRow = {};
    if (columns.id) row.ID = id;
    for (const d of columns.dimensions) row[table.dimensions[d]!.key] = table.dimensions[d]!.codes[index[d]!]!;
    for (const t of columns.topics) {
      const topic = table.topics[t]!;
      let value: string | number | null;
      if (topic.text) value = topic.text.values[index[topic.text.dimension]!]!;
      else {
        const key = id * table.topics.length + t;
        const map = overrides.get(table);
        value = map?.has(key) ? map.get(key)! : topic.value!(index);
      }
      row[topic.key] = untyped && typeof value !== 'string' ? (value === null ? '       .' : String(value).padStart(8)) : value;
    }
    return row;
  };

  const v4RowRenderer = (table: FakeTable): RowWriter => {
    const measure = table.dimensions.length - 1;
    const cellOverrides = overrides.get(table);
    const measureFragments = table.dimensions[measure]!.codes.map((code) => utf8(`,"Measure":${jsonString(code)},"ValueAttribute":`));
    const dimensionParts = table.dimensions
      .slice(0, measure)
      .map((dimension) => dimension.codes.map((code) => utf8(`,"${dimension.key}":${jsonString(code)}`)));
    const [open, value, stringValue, none] = ['{"Id":', ',"Value":', ',"StringValue":null', '"None"'].map(utf8) as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    return (id, index, out) => {
      const m = index[measure]!;
      const cell = cellOverrides?.has(id) ? cellOverrides.get(id)! : table.topics[m]!.value!(index);
      out.bytes(open);
      out.number(id);
      out.bytes(measureFragments[m]!);
      if (cell === null) out.text(jsonString(table.nullAttribute!(index)));
      else out.bytes(none);
      out.bytes(value);
      out.number(cell);
      out.bytes(stringValue);
      for (let d = 0; d < measure; d++) out.bytes(dimensionParts[d]![index[d]!]!);
      out.byte(0x7d);
    };
  };

  const atomFeed = (url: URL, entitySet: string, rows: EntityRow[], nextLink: string | null): Reply => {
    const updated = new Date().toISOString();
    const typeOf = (value: unknown) =>
      typeof value === 'number' ? (Number.isInteger(value) ? ' m:type="Edm.Int64"' : ' m:type="Edm.Double"') : '';
    const entries = rows
      .map((row, i) => {
        const properties = Object.entries(row)
          .map(([key, value]) =>
            value === null
              ? `<d:${key} m:null="true" />`
              : `<d:${key.replace(/\./g, '_')}${typeOf(value)}>${xmlEscape(String(value))}</d:${key.replace(/\./g, '_')}>`,
          )
          .join('');
        return `<entry><id>${xmlEscape(`${origin}${url.pathname}(${i})`)}</id><title type="text" /><updated>${updated}</updated><author><name /></author><content type="application/xml"><m:properties>${properties}</m:properties></content></entry>`;
      })
      .join('');
    const next = nextLink ? `<link rel="next" href="${xmlEscape(nextLink)}" />` : '';
    const body = `<?xml version="1.0" encoding="utf-8" standalone="yes"?><feed xml:base="${xmlEscape(`${origin}${url.pathname}`)}" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns="http://www.w3.org/2005/Atom"><id>${xmlEscape(`${origin}${url.pathname}`)}</id><title type="text">${entitySet}</title><updated>${updated}</updated><link rel="self" title="${entitySet}" href="${entitySet}" />${entries}${next}</feed>`;
    return { status: 200, contentType: 'application/atom+xml;type=feed;charset=utf-8', body };
  };

  // -------------------------------------------------------------------------------------------
  // Queries

  const cachedFilter = (table: FakeTable, filter: string | null, dimensionKeys: string[], others: string[]): FilterExpr | null => {
    if (filter === null || filter.trim() === '') return null;
    const key = `${table.id}|${filter}`;
    if (!filters.has(key)) {
      if (filters.size > 1000) filters.clear();
      filters.set(key, parseFilter(filter, { dimensions: dimensionKeys, otherProperties: others }));
    }
    return filters.get(key)!;
  };

  const intParam = (url: URL, name: string): number | null => {
    const raw = url.searchParams.get(name);
    if (raw === null) return null;
    if (!/^\d+$/.test(raw)) throw new HttpError(400, `Invalid value '${raw}' for ${name}: a non-negative whole number is expected.`);
    return Number(raw);
  };

  /** Serves one page of TypedDataSet / UntypedDataSet (v3) or Observations (v4). */
  const dataPage = (table: FakeTable, url: URL, json: boolean, entitySet: string): Reply => {
    for (const key of url.searchParams.keys()) {
      if (key.startsWith('$') && !DATA_OPTIONS.has(key))
        throw new HttpError(400, `The query option '${key}' is not supported by the fake CBS server.`);
    }
    const v4 = table.protocol === 'v4';
    if (v4 && url.searchParams.has('$select')) throw new HttpError(400, 'The fake CBS server does not support $select on Observations.');
    const select = url.searchParams.get('$select');
    const dimensionKeys = table.dimensions.map((dimension) => dimension.key);
    const others = v4 ? ['Id', 'Value', 'ValueAttribute', 'StringValue'] : ['ID', ...table.topics.map((topic) => topic.key)];
    const filterText = url.searchParams.get('$filter');
    const expr = cachedFilter(table, filterText, dimensionKeys, others);
    const plan = planFilter(
      expr,
      table.dimensions.map((dimension) => ({ key: dimension.key, values: dimension.codes })),
    );
    const skip = intParam(url, '$skip') ?? 0;
    const top = intParam(url, '$top');
    const take = Math.min(pageSize, top ?? Number.POSITIVE_INFINITY);
    const selection = new CubeSelection(table, plan, cursors, `${table.id}|${table.rowLimit}|${filterText ?? ''}`);

    const nextLinkFor = (served: number, more: boolean): string | null => {
      const remainingTop = top === null ? null : top - served;
      if (!more || remainingTop === 0) return null;
      const params = [...url.searchParams.entries()].filter(([key]) => key !== '$skip' && key !== '$top');
      params.push(['$skip', String(skip + served)]);
      if (remainingTop !== null) params.push(['$top', String(remainingTop)]);
      return `${origin}${url.pathname}?${queryString(params)}`;
    };

    if (!json || entitySet === 'UntypedDataSet') {
      const rows: EntityRow[] = [];
      const { served, more } = selection.page(skip, take, (id, index) => {
        rows.push(v3RowObject(table, select, id, index, entitySet === 'UntypedDataSet'));
      });
      const nextLink = nextLinkFor(served, more);
      if (!json) return atomFeed(url, entitySet, rows, nextLink);
      const metadata = `${origin}${url.pathname.replace(/\/[^/]*$/, '')}/$metadata#Cbs.OData.WebAPI.${entitySet}`;
      const body = JSON.stringify({ 'odata.metadata': metadata, value: rows, ...(nextLink ? { 'odata.nextLink': nextLink } : {}) });
      return { status: 200, contentType: 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8', body };
    }

    const render = v4 ? v4RowRenderer(table) : v3RowRenderer(table, select);
    const metadata = v4
      ? `"@odata.context":${jsonString(`${origin}${url.pathname.replace(/\/[^/]*$/, '')}/$metadata#Observations`)}`
      : `"odata.metadata":${jsonString(`${origin}${url.pathname.replace(/\/[^/]*$/, '')}/$metadata#Cbs.OData.WebAPI.${entitySet}`)}`;
    const out = new ByteWriter(Math.min(take, 100_000) * 160);
    out.text(`{${metadata},"value":[`);
    let first = true;
    const { served, more } = selection.page(skip, take, (id, index) => {
      if (!first) out.byte(0x2c);
      first = false;
      render(id, index, out);
    });
    const nextLink = nextLinkFor(served, more);
    out.text(nextLink ? `],"${v4 ? '@' : ''}odata.nextLink":${jsonString(nextLink)}}` : ']}');
    return {
      status: 200,
      contentType: v4
        ? 'application/json; odata.metadata=minimal; charset=utf-8'
        : 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8',
      body: out.result(),
      nextLink,
    };
  };

  const v3Entity = (url: URL, json: boolean, entitySet: string, rows: EntityRow[]): Reply => {
    if (!json) return atomFeed(url, entitySet, rows, null);
    const metadata = `${origin}${url.pathname.replace(/\/[^/]*$/, '')}/$metadata#Cbs.OData.WebAPI.${entitySet}`;
    return {
      status: 200,
      contentType: 'application/json;odata=minimalmetadata;charset=utf-8',
      body: JSON.stringify({ 'odata.metadata': metadata, value: rows }),
    };
  };

  const v3Route = (service: CbsService, segments: string[], url: URL): Reply => {
    const json = url.searchParams.get('$format') === 'json';
    const [api, odata, tableId, entity, ...rest] = segments;
    if (api?.toLowerCase() === 'odatacatalog' && odata === 'Tables' && tableId === undefined) {
      const rows = tables
        .filter((table) => table.service === service && table.protocol === 'v3')
        .map((table): EntityRow => ({ ...table.info, Identifier: table.id, Updated: table.info.Modified ?? null }));
      return v3Entity(url, json, 'Tables', rows);
    }
    if (!api || !['odataapi', 'odatafeed'].includes(api.toLowerCase()) || odata?.toLowerCase() !== 'odata' || !tableId || rest.length > 0) {
      throw new HttpError(404, `Resource not found for the segment '${segments.join('/')}'.`);
    }
    const table = findTable(service, tableId);
    if (table?.protocol !== 'v3') throw new HttpError(404, `Resource not found for the segment '${tableId}'.`);
    if (entity === undefined) {
      const base = `${origin}${url.pathname.replace(/\/$/, '')}`;
      const sets = [
        'TableInfos',
        'UntypedDataSet',
        'TypedDataSet',
        'DataProperties',
        'CategoryGroups',
        ...table.dimensions.map((d) => d.key),
      ];
      return {
        status: 200,
        contentType: 'application/json;charset=utf-8',
        body: JSON.stringify({ 'odata.metadata': `${base}/$metadata`, value: sets.map((name) => ({ name, url: `${base}/${name}` })) }),
      };
    }
    if (entity === 'TableInfos') return v3Entity(url, json, entity, [table.info]);
    if (entity === 'DataProperties') return v3Entity(url, json, entity, table.properties);
    if (entity === 'CategoryGroups') return v3Entity(url, json, entity, []);
    if (entity === 'TypedDataSet' || entity === 'UntypedDataSet') return dataPage(table, url, json, entity);
    const dimension = table.dimensions.find((candidate) => candidate.key === entity);
    if (dimension) return v3Entity(url, json, entity, dimension.rows);
    throw new HttpError(404, `Resource not found for the segment '${entity}'.`);
  };

  const v4Route = (segments: string[], url: URL): Reply => {
    const [odata, version, catalog, tableId, entity, ...rest] = segments;
    if (odata !== 'odata' || version !== 'v1' || catalog !== 'CBS' || !tableId || rest.length > 0) {
      throw new HttpError(404, `No HTTP resource was found that matches the request URI '${url.pathname}'.`);
    }
    const table = findTable('datasets', tableId);
    if (table?.protocol !== 'v4') throw new HttpError(404, `Dataset '${tableId}' does not exist in catalog CBS.`);
    const base = `${origin}${url.pathname.replace(/\/[^/]*$/, '')}`;
    const list = (name: string, rows: EntityRow[]): Reply => ({
      status: 200,
      contentType: 'application/json; odata.metadata=minimal; charset=utf-8',
      body: JSON.stringify({ '@odata.context': `${base}/$metadata#${name}`, value: rows }),
    });
    const realDimensions = table.dimensions.slice(0, -1);
    if (entity === undefined) {
      const names = [
        'Observations',
        'Properties',
        'Dimensions',
        'MeasureCodes',
        'MeasureGroups',
        ...realDimensions.flatMap((d) => [`${d.key}Codes`, `${d.key}Groups`]),
      ];
      return list(
        '',
        names.map((name) => ({ name, kind: name === 'Properties' ? 'Singleton' : 'EntitySet', url: name })),
      );
    }
    if (entity === 'Properties') {
      return {
        status: 200,
        contentType: 'application/json; odata.metadata=minimal; charset=utf-8',
        body: JSON.stringify({ '@odata.context': `${base}/$metadata#Properties`, ...table.info }),
      };
    }
    if (entity === 'Dimensions') return list(entity, table.properties);
    if (entity === 'MeasureCodes') return list(entity, table.measureCodes ?? []);
    if (entity === 'MeasureGroups') return list(entity, []);
    if (entity === 'Observations') return dataPage(table, url, true, entity);
    const dimension = realDimensions.find((candidate) => entity === `${candidate.key}Codes`);
    if (dimension) return list(entity, dimension.rows);
    if (realDimensions.some((candidate) => entity === `${candidate.key}Groups`)) return list(entity, []);
    throw new HttpError(404, `No HTTP resource was found that matches the request URI '${url.pathname}'.`);
  };

  const errorReply = (service: CbsService, status: number, message: string): Reply => {
    const body =
      service === 'datasets'
        ? JSON.stringify({ error: { code: status === 404 ? 'NotFound' : 'BadRequest', message } })
        : JSON.stringify({ 'odata.error': { code: '', message: { lang: 'en-US', value: message } } });
    return { status, contentType: 'application/json;charset=utf-8', body };
  };

  const route = (service: CbsService, segments: string[], url: URL): Reply => {
    try {
      return service === 'datasets' ? v4Route(segments, url) : v3Route(service, segments, url);
    } catch (error) {
      if (error instanceof HttpError) return errorReply(service, error.status, error.message);
      if (error instanceof FilterError) return errorReply(service, 400, error.message);
      throw error;
    }
  };

  // -------------------------------------------------------------------------------------------
  // HTTP

  const send = (res: ServerResponse, reply: Reply) => {
    res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': Buffer.byteLength(reply.body), ...reply.headers });
    res.end(reply.body);
  };

  const fail = (res: ServerResponse, how: FailureMode, service: CbsService, reply: () => Reply, atom: () => Reply) => {
    switch (how) {
      case 'status-503':
        return send(res, { status: 503, contentType: 'text/html', body: '<html><body><h1>503 Service Unavailable</h1></body></html>' });
      case 'status-500':
        return send(res, errorReply(service, 500, 'An error has occurred.'));
      case 'status-429':
        return send(res, { status: 429, contentType: 'text/plain', body: 'Too Many Requests', headers: { 'retry-after': '2' } });
      case 'status-404':
        return send(res, errorReply(service, 404, 'Resource not found.'));
      case 'atom-xml':
        return send(res, atom());
      case 'truncated-json': {
        const body = Buffer.from(reply().body);
        res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
        res.end(body.subarray(0, Math.max(1, Math.floor(body.length / 2))));
        return;
      }
      case 'reset': {
        const body = Buffer.from(reply().body);
        res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': body.length });
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
        return;
      }
    }
  };

  const renderAhead = (service: CbsService, next: string) => {
    const at = generation;
    setImmediate(() => {
      if (at !== generation) return;
      const url = new URL(next);
      const segments = url.pathname.split('/').filter(Boolean).slice(1);
      prerendered = { url: next, generation: at, reply: route(service, segments, url) };
    });
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const raw = req.url ?? '/';
    requests.push(raw);
    const url = new URL(raw, origin);
    const [prefix, ...segments] = url.pathname.split('/').filter(Boolean);
    const service = SERVICES.find((candidate) => candidate === prefix);
    if (!service || req.method !== 'GET') {
      send(res, { status: 404, contentType: 'text/plain', body: 'Not found' });
      return;
    }
    const dataPage = /\/(TypedDataSet|Observations)$/i.test(url.pathname);
    const how = (dataPage ? dataFailures.shift() : undefined) ?? failures.shift();
    const reply = () => route(service, segments, url);
    if (!how) {
      const ahead = prerendered?.url === `${origin}${raw}` && prerendered.generation === generation ? prerendered.reply : null;
      prerendered = null;
      const answer = ahead ?? reply();
      send(res, answer);
      if (answer.nextLink) renderAhead(service, answer.nextLink);
      return;
    }
    const atom = () => {
      const withoutFormat = new URL(url);
      withoutFormat.searchParams.delete('$format');
      return service === 'datasets' ? atomFeed(url, 'Observations', [], null) : route(service, segments, withoutFormat);
    };
    fail(res, how, service, reply, atom);
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (error) {
      if (!res.headersSent) send(res, { status: 500, contentType: 'text/plain', body: `Nep-CBS: ${(error as Error).stack}` });
      else res.destroy();
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    baseUrls: { opendata: `${origin}/opendata`, dataderden: `${origin}/dataderden`, datasets: `${origin}/datasets` },
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    failNext(count, how, only) {
      for (let i = 0; i < count; i++) (only === 'data' ? dataFailures : failures).push(how);
    },
    clearFailures() {
      failures.length = 0;
      dataFailures.length = 0;
    },
    reissue(tableId, { modified, changes = [] }) {
      const table = requireTable(tableId);
      generation++;
      table.info.Modified = modified;
      if (table.protocol === 'v3') table.info.MetaDataModified = modified;
      else table.info.ObservationsModified = modified;
      for (const change of changes) setCell(tableId, change.dims, change.value);
    },
    setCell,
  };
}
