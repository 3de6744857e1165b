import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  findRegion,
  MUNICIPALITY_NAMES,
  POLICE_DISTRICTS,
  POLICE_UNITS,
  REGION_KINDS,
  regionsOfKind,
  SAFETY_REGIONS,
  safetyRegionOf,
} from './regions.js';

/** The municipalities of the 2024 map, as the CBS fixture of the police tables holds them (WijkenEnBuurten). */
const fixture = JSON.parse(readFileSync(new URL('../../test/fake-cbs/fixtures/regions.json', import.meta.url), 'utf8')) as {
  WijkenEnBuurten: { rows: [string, string, ...unknown[]][] };
};
const KNOWN = new Map(
  fixture.WijkenEnBuurten.rows
    .map(([key, title]) => [key.trim(), title] as const)
    .filter(([key]) => /^GM\d{4}$/.test(key) && key !== 'GM0000'),
);

describe('the regions', () => {
  it('name only municipalities of the 2024 map, by their CBS code and name', () => {
    expect(KNOWN.size).toBe(342);
    for (const region of REGION_KINDS.flatMap(regionsOfKind)) {
      for (const code of region.municipalities) expect(KNOWN.has(code), `${code} in ${region.name}`).toBe(true);
    }
    for (const [code, name] of MUNICIPALITY_NAMES) expect(name, code).toBe(KNOWN.get(code));
  });

  it('put every municipality in exactly one of the 25 safety regions, none empty', () => {
    expect(SAFETY_REGIONS).toHaveLength(25);
    const seen = new Map<string, string>();
    for (const region of SAFETY_REGIONS) {
      expect(region.municipalities.length, region.name).toBeGreaterThan(0);
      for (const code of region.municipalities) {
        expect(seen.get(code), `${code} in ${region.name} and ${seen.get(code)}`).toBeUndefined();
        seen.set(code, region.name);
      }
    }
    expect([...KNOWN.keys()].filter((code) => !seen.has(code))).toEqual([]);
    expect(SAFETY_REGIONS.map((region) => region.code)).toEqual(
      Array.from({ length: 25 }, (_, i) => `VR${String(i + 1).padStart(2, '0')}`),
    );
  });

  it('make the 10 police units of whole safety regions, together every municipality once', () => {
    expect(POLICE_UNITS.map((unit) => unit.code)).toEqual(Array.from({ length: 10 }, (_, i) => `RE${String(i + 1).padStart(2, '0')}`));
    const all = POLICE_UNITS.flatMap((unit) => unit.municipalities);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(342);
    for (const region of SAFETY_REGIONS) {
      const unit = POLICE_UNITS.find((candidate) => candidate.key === region.policeUnit);
      expect(unit, region.name).toBeDefined();
      for (const code of region.municipalities) expect(unit?.municipalities).toContain(code);
    }
  });

  it('keep each district inside its police unit, and every key unique and readable within its kind', () => {
    for (const district of POLICE_DISTRICTS) {
      const unit = findRegion('politie-eenheid', district.policeUnit ?? '');
      expect(district.municipalities.length).toBeGreaterThan(0);
      for (const code of district.municipalities) expect(unit?.municipalities, district.name).toContain(code);
    }
    for (const kind of REGION_KINDS) {
      const keys = regionsOfKind(kind).map((region) => region.key);
      expect(new Set(keys).size, kind).toBe(keys.length);
      for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('place Maasgouw in Limburg-Noord, police unit Limburg, district Noord- en Midden-Limburg', () => {
    expect(safetyRegionOf('GM1641')?.name).toBe('Veiligheidsregio Limburg-Noord');
    expect(findRegion('veiligheidsregio', 'limburg-noord')?.municipalities).toHaveLength(15);
    expect(findRegion('politie-eenheid', 'limburg')?.municipalities).toContain('GM1641');
    expect(findRegion('politiedistrict', 'noord-en-midden-limburg')?.municipalities).toContain('GM1641');
    expect(findRegion('veiligheidsregio', 'zuid-limburg')?.municipalities).not.toContain('GM1641');
    expect(safetyRegionOf('GM9999')).toBeUndefined();
  });
});
