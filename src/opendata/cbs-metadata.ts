/**
 * Metadata of a CBS table as the client returns it, and helpers over it: find a
 * topic column by its key prefix (suffixes differ between table versions), find
 * the region and time dimensions, and turn trimmed codes into the padded keys the
 * service filters on.
 */
import { OpenDataError } from './cbs-errors.js';

export type PropertyType = 'Dimension' | 'GeoDimension' | 'GeoDetail' | 'TimeDimension' | 'Topic' | 'TopicGroup';

export const PROPERTY_TYPES: readonly PropertyType[] = ['Dimension', 'GeoDimension', 'GeoDetail', 'TimeDimension', 'Topic', 'TopicGroup'];

export interface DataProperty {
  key: string;
  type: PropertyType;
  title: string;
  unit: string | null;
  decimals: number | null;
}

export interface TableInfo {
  id: string;
  title: string;
  /** ISO date-time exactly as sent, e.g. 2024-08-15T02:00:00. */
  modified: string;
  period: string | null;
  catalog: string | null;
}

export interface DimensionValue {
  /** Padded exactly as sent, e.g. 'GM1641    '. */
  key: string;
  title: string;
  /** Perioden: 'Definitief' | 'Voorlopig' | 'Nader voorlopig'; null for other dimensions. */
  status: string | null;
}

/** 'GeregistreerdeMisdrijven' -> 'GeregistreerdeMisdrijven_1': the one Topic whose key is the prefix or starts with prefix + '_'. */
export function resolveTopic(properties: DataProperty[], prefix: string): string {
  const topics = properties.filter((property) => property.type === 'Topic');
  const matches = topics.filter((topic) => topic.key === prefix || topic.key.startsWith(`${prefix}_`));
  if (matches.length === 1) return matches[0]!.key;
  const known = topics.map((topic) => topic.key).join(', ') || 'geen';
  if (matches.length === 0) {
    throw new OpenDataError(
      `Onderwerp '${prefix}' niet gevonden in DataProperties (gezocht: '${prefix}' of '${prefix}_…'); onderwerpen: ${known}`,
    );
  }
  throw new OpenDataError(`Onderwerp '${prefix}' is niet eenduidig in DataProperties: ${matches.map((topic) => topic.key).join(', ')}`);
}

const REGION_KEYS = new Set(['RegioS', 'WijkenEnBuurten']);

/** The region dimension (GeoDimension, GeoDetail, or a Dimension keyed RegioS/WijkenEnBuurten), the time dimension and the rest. */
export function dimensionsOf(properties: DataProperty[]): {
  regions: DataProperty | null;
  time: DataProperty | null;
  others: DataProperty[];
} {
  const dimensions = properties.filter((property) => property.type !== 'Topic' && property.type !== 'TopicGroup');
  const regions =
    dimensions.find((property) => property.type === 'GeoDimension' || property.type === 'GeoDetail') ??
    dimensions.find((property) => property.type === 'Dimension' && REGION_KEYS.has(property.key)) ??
    null;
  const time = dimensions.find((property) => property.type === 'TimeDimension') ?? null;
  return { regions, time, others: dimensions.filter((property) => property !== regions && property !== time) };
}

/** Trimmed codes -> the padded keys as sent ('1.1.1' -> '1.1.1 ', 'GM1641' -> 'GM1641    '); `where` names table and dimension for the error. */
export function padKeys(values: DimensionValue[], codes: string[], where: string): string[] {
  const byCode = new Map(values.map((value) => [value.key.trim(), value.key]));
  return codes.map((code) => {
    const key = byCode.get(code.trim());
    if (key === undefined) {
      const examples = values
        .slice(0, 5)
        .map((value) => `'${value.key.trim()}'`)
        .join(', ');
      throw new OpenDataError(
        `Onbekende code '${code}' in ${where} (${values.length} codes bekend${examples ? `, bijvoorbeeld ${examples}` : ''})`,
      );
    }
    return key;
  });
}
