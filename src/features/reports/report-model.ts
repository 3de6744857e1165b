/**
 * The model of a progress report (voortgangsrapportage) of a plan over one
 * year, built from what Koers already holds: the monitor (indicators with
 * their measurements and status), the progress of the activities in the
 * year, the themes' assessments, the revisions of the implementation plan,
 * the budget and the five BBV indicators. Every renderer (HTML, PDF, DOCX,
 * ODT) is made from this model, and the tests check the model, not the
 * bytes. Pure: built from views the service read. Where data are missing the
 * model says so, and why, in `missing`. It holds plain data only (JSON), so
 * a definitive version keeps it as it was.
 */
import type { BbvValue } from '../../domain/bbv.js';
import type { IndicatorStatus, Judgement } from '../../domain/indicator-status.js';
import type { ReportingPeriod } from '../../domain/reporting-periods.js';
import { unitInWords } from '../../domain/units.js';
import { formatDate } from '../../web/format.js';
import { nameOfLabel } from '../accounts/actor.js';
import type { BudgetView } from '../budget/budget.service.js';
import type { MonitorView } from '../monitoring/monitoring.service.js';
import type { BbvView } from '../monitoring/police-figures.js';
import type { WasWordtLine } from '../next-plan/was-wordt-table.js';
import type { ProgressView } from '../progress/progress-view.js';

export const INDICATOR_STATUSES: readonly IndicatorStatus[] = ['met', 'on_course', 'attention', 'off_course', 'no_data'];

export interface ReportIndicator {
  key: string;
  name: string;
  source: string;
  /** The unit in words: 'per 1.000 inwoners', 'aantal', 'procent'. */
  unit: string;
  baseline: { value: number; year: number };
  target: { comparison: 'at_most' | 'at_least'; value: number; year: number };
  /** Every year from the baseline up to the report's year, with the value measured (null: none, or suppressed). */
  values: { year: number; value: number | null; suppressed: boolean; status: IndicatorStatus }[];
  /** The status in the report's year: of the latest measurement up to and including it. */
  status: IndicatorStatus;
  /** The status a year earlier, to say what changed. */
  previousStatus: IndicatorStatus;
  /** The year of the latest measurement the status rests on; null without one. */
  latestYear: number | null;
}

export interface ReportActivity {
  key: string;
  name: string;
  workstream: string;
  /** The status's label, or null when nothing was reported for the period. */
  status: string | null;
  meaning: string | null;
  note: string;
  /** Who reported, and the date the report speaks of. */
  reportedBy: string | null;
  reportedOn: string | null;
}

/** A change to the implementation plan made by a revision applied in the report's year. */
export interface ReportChange {
  revision: number;
  decidedOn: string;
  /** The theme the change belongs to, by key; null for the plan as a whole. */
  themeKey: string | null;
  text: string;
}

export interface ReportRevision {
  number: number;
  reason: string;
  decidedOn: string;
  decidedBy: string;
  changes: ReportChange[];
}

export interface ReportTheme {
  key: string;
  kind: 'priority' | 'strategic';
  number: number;
  name: string;
  goal: string;
  indicators: ReportIndicator[];
  /** The judgement recorded for a theme without indicators. */
  assessment: { judgement: Judgement; text: string } | null;
  activities: ReportActivity[];
  changes: ReportChange[];
  /** In whole euro cents. */
  budget: { planned: number; realised: number; requested: number };
}

export interface ReportBbvMunicipality {
  code: string;
  name: string;
  /** Per BBV indicator, in catalogue order, the values of the report's year and the year before. */
  indicators: { key: string; name: string; values: { year: number; value: number | null; missing: string | null }[] }[];
}

/** Was/wordt against the plan before this one: per catalogue theme what it was and what it becomes, with the coordinator's note. */
export interface ReportWasWordt {
  predecessor: { title: string; periodStart: number; periodEnd: number };
  lines: WasWordtLine[];
}

export interface ReportDatum {
  kind: 'meting' | 'oordeel' | 'voortgang' | 'begroting' | 'bbv';
  /** The key of the indicator, activity or theme; for BBV the indicator's key with the municipality's code. */
  key: string;
  what: string;
  period: string;
  value: number | null;
  unit: string;
  source: string;
  provenance: string;
}

export interface ReportModel {
  plan: { id: string; title: string; subtitle: string | null; municipalities: string[]; periodStart: number; periodEnd: number };
  year: number;
  /** The period of the progress the report shows: the latest of the year with progress reported. */
  period: Pick<ReportingPeriod, 'key' | 'label' | 'start' | 'end'>;
  /** The reference date (peildatum). */
  asOf: string;
  summary: {
    indicators: Record<IndicatorStatus, number>;
    activities: { status: string; count: number }[];
    notReported: number;
    wentWell: string[];
    behind: string[];
    changed: string[];
  };
  /** The plan-wide indicators. */
  planIndicators: ReportIndicator[];
  themes: ReportTheme[];
  revisions: ReportRevision[];
  bbv: ReportBbvMunicipality[];
  /** In whole euro cents. */
  budgetTotal: { planned: number; realised: number; requested: number };
  /** What the report cannot show, and why, in plain words. */
  missing: string[];
  /** Every value the report rests on, with its source: the data annex. */
  data: ReportDatum[];
  /**
   * Was/wordt when the plan has a predecessor the reader may see; null
   * without one. Absent in models frozen before reports had it: read those
   * as null.
   */
  wasWordt?: ReportWasWordt | null;
}

/** What the service reads for a report; `revisions` are the applied revisions decided in the year, each with its changes in words. */
export interface ReportInput {
  year: number;
  asOf: string;
  monitor: MonitorView;
  progress: ProgressView;
  budget: BudgetView;
  bbv: BbvView;
  revisions: ReportRevision[];
  /** Was/wordt against the predecessor; null or absent without one. */
  wasWordt?: ReportWasWordt | null;
}

const STATUS_WORDS: Record<IndicatorStatus, string> = {
  met: 'gehaald',
  on_course: 'op koers',
  attention: 'aandacht',
  off_course: 'uit koers',
  no_data: 'geen gegevens',
};

export function statusInWords(status: IndicatorStatus): string {
  return STATUS_WORDS[status];
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { year, monitor, progress, budget } = input;
  const plan = monitor.plan;
  const missing: string[] = [];
  const data: ReportDatum[] = [];

  const indicatorsOf = (themeKey: string | null) =>
    monitor.indicators
      .filter((entry) => (entry.theme?.key ?? null) === themeKey)
      .map((entry): ReportIndicator => {
        const indicator = entry.indicator;
        const unit = unitInWords(indicator);
        const measuredUpTo = (last: number) => entry.years.filter((measured) => measured.year <= last && measured.value !== null).at(-1);
        const latest = measuredUpTo(year);
        const values: ReportIndicator['values'] = [];
        for (let shown = Math.min(indicator.baselineYear, year); shown <= year; shown++) {
          const measured = entry.years.find((candidate) => candidate.year === shown);
          values.push({
            year: shown,
            value: measured?.value ?? null,
            suppressed: measured?.suppressed ?? false,
            status: measured?.value != null ? measured.status : 'no_data',
          });
          if (measured) {
            data.push({
              kind: 'meting',
              key: indicator.key,
              what: indicator.name,
              period: String(shown),
              value: measured.value,
              unit,
              source: measured.measurement.source === 'open_data' ? `${indicator.source} (open data)` : indicator.source,
              provenance: provenanceInWords(
                measured.measurement.provenance,
                measured.measurement.enteredByLabel,
                measured.measurement.enteredAt,
              ),
            });
          }
        }
        if (!latest) {
          missing.push(
            `${indicator.name}: geen meting tot en met ${year}${
              entry.binding
                ? '; de open data zijn nog niet opgehaald, of hebben over dat jaar nog geen cijfer'
                : '; er is nog geen meting ingevoerd'
            }.`,
          );
        } else if (latest.year < year) {
          missing.push(`${indicator.name}: de laatste meting is van ${latest.year}; over ${year} is nog geen cijfer.`);
        }
        return {
          key: indicator.key,
          name: indicator.name,
          source: indicator.source,
          unit,
          baseline: { value: indicator.baselineValue, year: indicator.baselineYear },
          target: { comparison: indicator.targetComparison, value: indicator.targetValue, year: indicator.targetYear },
          values,
          status: latest?.status ?? 'no_data',
          previousStatus: measuredUpTo(year - 1)?.status ?? 'no_data',
          latestYear: latest?.year ?? null,
        };
      });

  const activityRows = progress.rows.filter((row) => row.state !== 'not_planned' || row.entry !== null);
  for (const row of activityRows) {
    if (!row.entry) continue;
    data.push({
      kind: 'voortgang',
      key: row.activity.key,
      what: row.activity.name,
      period: progress.period.key,
      value: row.entry.realised,
      unit: row.status?.label ?? row.entry.statusKey,
      source: 'voortgangsmelding',
      provenance: `gemeld door ${nameOfLabel(row.entry.enteredByLabel)} op ${row.entry.enteredAt.slice(0, 10)}, stand ${row.entry.asOf}`,
    });
  }

  const planIndicators = indicatorsOf(null);
  const themes = plan.themes.map((theme): ReportTheme => {
    const rows = activityRows.filter((row) => row.theme.id === theme.id);
    const cell = budget.cells.find((candidate) => candidate.theme.id === theme.id && candidate.year === year);
    const recorded = monitor.qualitativeThemes
      .find((entry) => entry.theme.id === theme.id)
      ?.assessments.find((entry) => entry.year === year);
    if (theme.indicators.length === 0) {
      if (recorded) {
        data.push({
          kind: 'oordeel',
          key: theme.key,
          what: theme.name,
          period: String(year),
          value: null,
          unit: statusInWords(recorded.judgement),
          source: 'oordeel van de gemeente',
          provenance: `vastgelegd door ${nameOfLabel(recorded.enteredByLabel)} op ${recorded.enteredAt.slice(0, 10)}`,
        });
      } else {
        missing.push(`${theme.name}: dit thema heeft geen indicatoren en voor ${year} is nog geen oordeel vastgelegd.`);
      }
    }
    return {
      key: theme.key,
      kind: theme.kind,
      number: theme.number,
      name: theme.name,
      goal: theme.goal,
      indicators: indicatorsOf(theme.key),
      assessment: recorded ? { judgement: recorded.judgement, text: recorded.text } : null,
      activities: rows.map((row) => ({
        key: row.activity.key,
        name: row.activity.name,
        workstream: row.workstream.name,
        status: row.status?.label ?? null,
        meaning: row.status?.meaning ?? null,
        note: row.entry?.note ?? '',
        reportedBy: row.entry ? nameOfLabel(row.entry.enteredByLabel) : null,
        reportedOn: row.entry?.asOf ?? null,
      })),
      changes: input.revisions.flatMap((revision) => revision.changes.filter((change) => change.themeKey === theme.key)),
      budget: { planned: cell?.planned ?? 0, realised: cell?.realised ?? 0, requested: cell?.requested ?? 0 },
    };
  });

  for (const line of budget.lines.filter((candidate) => candidate.year === year)) {
    data.push({
      kind: 'begroting',
      key: line.activity ? line.activity.key : line.theme.key,
      what: line.activity ? line.activity.name : line.theme.name,
      period: String(year),
      value: line.amountCents / 100,
      unit: `euro, ${BUDGET_KIND_WORDS[line.kind as keyof typeof BUDGET_KIND_WORDS] ?? line.kind}`,
      source: line.source,
      provenance: `ingevoerd door ${nameOfLabel(line.enteredByLabel)} op ${line.enteredAt.slice(0, 10)}`,
    });
  }
  const total = budget.totals.find((entry) => entry.year === year);
  if (budget.lines.length === 0) missing.push('Er zijn geen bedragen van de begroting vastgelegd.');

  const bbv = bbvAnnex(input.bbv, year, data, missing);

  const allIndicators = [...planIndicators, ...themes.flatMap((theme) => theme.indicators)];
  const indicatorCounts = Object.fromEntries(INDICATOR_STATUSES.map((status) => [status, 0])) as Record<IndicatorStatus, number>;
  for (const indicator of allIndicators) indicatorCounts[indicator.status]++;
  const notReported = progress.whole.rollUp.byStatus.find((entry) => entry.key === 'niet-gerapporteerd')?.count ?? 0;
  if (notReported > 0) {
    missing.push(
      `Voor ${notReported} ${notReported === 1 ? 'activiteit' : 'activiteiten'} is over ${progress.period.label} geen voortgang gemeld.`,
    );
  }
  const statusLabel = new Map(progress.statuses.map((status) => [status.key, status.label]));
  const changed = [
    ...input.revisions.map(
      (revision) =>
        `Bijstelling ${revision.number} van het uitvoeringsprogramma (${formatDate(revision.decidedOn)}): ${revision.reason} (${revision.changes.length} ${
          revision.changes.length === 1 ? 'wijziging' : 'wijzigingen'
        })`,
    ),
    ...allIndicators
      .filter((indicator) => indicator.status !== indicator.previousStatus && indicator.status !== 'no_data')
      .map((indicator) => `${indicator.name}: van ${statusInWords(indicator.previousStatus)} naar ${statusInWords(indicator.status)}`),
  ];
  return {
    plan: {
      id: plan.id,
      title: plan.title,
      subtitle: plan.subtitle,
      municipalities: plan.municipalities.map((municipality) => municipality.name),
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
    },
    year,
    period: { key: progress.period.key, label: progress.period.label, start: progress.period.start, end: progress.period.end },
    asOf: input.asOf,
    summary: {
      indicators: indicatorCounts,
      activities: progress.whole.rollUp.byStatus
        .filter((entry) => entry.key !== 'niet-gerapporteerd' && entry.count > 0)
        .map((entry) => ({ status: statusLabel.get(entry.key) ?? entry.key, count: entry.count })),
      notReported,
      wentWell: [
        ...allIndicators
          .filter((indicator) => indicator.status === 'met' || indicator.status === 'on_course')
          .map((indicator) => indicator.name),
        ...activityRows.filter((row) => row.status?.meaning === 'done').map((row) => row.activity.name),
      ],
      behind: [
        ...allIndicators
          .filter((indicator) => indicator.status === 'attention' || indicator.status === 'off_course')
          .map((indicator) => indicator.name),
        ...activityRows
          .filter((row) => row.status?.meaning === 'delayed' || row.status?.meaning === 'stopped')
          .map((row) => row.activity.name),
      ],
      changed,
    },
    planIndicators,
    themes,
    revisions: input.revisions,
    bbv,
    budgetTotal: { planned: total?.planned ?? 0, realised: total?.realised ?? 0, requested: total?.requested ?? 0 },
    missing,
    data,
    wasWordt: input.wasWordt ?? null,
  };
}

const BUDGET_KIND_WORDS = { planned: 'gepland', realised: 'gerealiseerd', requested: 'extra gevraagd' } as const;

function bbvAnnex(view: BbvView, year: number, data: ReportDatum[], missing: string[]): ReportBbvMunicipality[] {
  const shown = [year - 1, year].filter((candidate) => view.years.includes(candidate));
  return view.municipalities.map((municipality) => {
    const ofYear = (wanted: number): BbvValue[] => municipality.years[view.years.indexOf(wanted)] ?? [];
    const first = ofYear(year);
    for (const value of first) {
      data.push({
        kind: 'bbv',
        key: `${value.key}:${municipality.code}`,
        what: `${value.name}, ${municipality.name}`,
        period: String(year),
        value: value.value,
        unit: unitInWords(value.unit),
        source: value.key === 'verwijzingen-halt' ? 'Halt, ingevoerd door de gemeente' : 'Politie, CBS-tabel 47022NED',
        provenance: value.missing ?? `telling ${value.count ?? '-'} op ${value.denominator ?? '-'}`,
      });
      if (value.value === null) missing.push(`BBV ${value.name}, ${municipality.name}, ${year}: ${value.missing ?? 'geen waarde'}.`);
    }
    return {
      code: municipality.code,
      name: municipality.name,
      indicators: first.map((value, index) => ({
        key: value.key,
        name: value.name,
        values: shown.map((wanted) => {
          const found = ofYear(wanted)[index];
          return { year: wanted, value: found?.value ?? null, missing: found?.missing ?? null };
        }),
      })),
    };
  });
}

function provenanceInWords(provenance: Record<string, unknown>, by: string, at: string): string {
  const parts: string[] = [];
  if (typeof provenance.tabel === 'string') parts.push(`tabel ${provenance.tabel}`);
  if (typeof provenance.gewijzigd === 'string') parts.push(`gewijzigd ${provenance.gewijzigd}`);
  if (typeof provenance.bestand === 'string') parts.push(`bestand ${provenance.bestand}`);
  if (typeof provenance.rij === 'number') parts.push(`rij ${provenance.rij}`);
  parts.push(`vastgelegd door ${nameOfLabel(by)} op ${at.slice(0, 10)}`);
  return parts.join(', ');
}
