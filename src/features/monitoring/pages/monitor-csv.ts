/**
 * The monitor's tables as CSV downloads (see src/web/csv.ts): every indicator
 * with its status and its value per year, the BBV indicators per municipality
 * and year with the reason a value is missing, and the figures per wijk of the
 * chosen source, type and year.
 */
import { toCsv } from '../../../web/csv.js';
import type { Messages } from '../../../web/messages.js';
import { themeTitle } from '../../plans/pages/plan-parts.js';
import type { MonitorView } from '../monitoring.service.js';
import type { BbvView, DistrictView } from '../police-figures.js';
import { missingCause } from './monitor-state.js';

export function monitorCsv(m: Messages, view: MonitorView): string {
  const t = m.monitoring.monitor;
  const c = m.indicatorTable;
  const years = [...new Set(view.indicators.flatMap((monitor) => monitor.years.map((entry) => entry.year)))].sort((a, b) => a - b);
  return toCsv(
    [
      t.columnIndicator,
      t.columnTheme,
      c.unit,
      t.columnStatus,
      t.columnLatest,
      t.columnLatestYear,
      t.columnMissing,
      c.baseline,
      c.baselineYear,
      c.comparison,
      c.target,
      c.targetYear,
      t.columnProjection,
      ...years.map(String),
    ],
    view.indicators.map((monitor) => {
      const { indicator } = monitor;
      const cause = missingCause(view, monitor);
      return [
        indicator.name,
        monitor.theme ? themeTitle(m, monitor.theme) : t.planWide,
        m.unit(indicator),
        m.monitoring.status[monitor.current.status],
        monitor.current.value,
        monitor.current.year,
        cause ? t.missingCauses[cause] : null,
        indicator.baselineValue,
        indicator.baselineYear,
        c.comparisons[indicator.targetComparison],
        indicator.targetValue,
        indicator.targetYear,
        monitor.projection?.projectedValue ?? null,
        ...years.map((year) => monitor.years.find((entry) => entry.year === year)?.value ?? null),
      ];
    }),
  );
}

export function bbvCsv(m: Messages, view: BbvView): string {
  const t = m.monitoring.bbv;
  return toCsv(
    [t.municipality, t.municipalityCode, t.columnIndicator, t.year, t.columnCount, t.columnDenominator, t.columnValue, t.columnMissing],
    view.municipalities.flatMap((municipality) =>
      municipality.years.flatMap((values) =>
        values.map((value) => [
          municipality.name,
          municipality.code,
          value.name,
          value.year,
          value.count,
          value.denominator,
          value.value === null ? null : Math.round(value.value * 10) / 10,
          value.causes.map((cause) => t.causes[cause]).join(' ') || null,
        ]),
      ),
    ),
  );
}

export function districtsCsv(m: Messages, view: DistrictView & { codes: { code: string; title: string }[] }): string {
  const t = m.monitoring.districts;
  const kind = view.codes.find((candidate) => candidate.code === view.code)?.title ?? view.code;
  const row = (name: string, value: number | null) => [view.municipality.name, t.sources[view.source], kind, view.year, name, value];
  return toCsv(
    [t.municipality, t.source, t.code, t.year, t.columnDistrict, t.columnValue],
    view.year === null
      ? []
      : [...view.districts.map((district) => row(district.name, district.value)), row(t.total(view.municipality.name), view.total)],
  );
}
