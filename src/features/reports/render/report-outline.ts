/**
 * A report as a sequence of blocks (headings, paragraphs, lists, tables,
 * figures), in the order and words every format shows. The renderers (HTML,
 * PDF, DOCX, ODT) only turn blocks into their format, so the four say the
 * same and a change to the report's content is made here once. Tables follow
 * Dutch budget documents: nulmeting, streefwaarde, realisatie per year, bron.
 * Every figure has its table beside it and a text alternative.
 */
import type { IndicatorStatus } from '../../../domain/indicator-status.js';
import { formatEuros } from '../../../domain/money.js';
import { capitalise, formatDate, formatNumber } from '../../../web/format.js';
import { wasWordtNl } from '../../next-plan/was-wordt.messages.js';
import { wasWordtTable } from '../../next-plan/was-wordt-table.js';
import type { ReportIndicator, ReportModel } from '../report-model.js';
import { INDICATOR_STATUSES, statusInWords } from '../report-model.js';
import type { ReportTexts } from '../report-texts.js';
import { indicatorChart, type ReportChart } from './document-charts.js';

export interface ReportDocument {
  model: ReportModel;
  texts: ReportTexts;
  /** The version shown; null for a report rendered outside the versions (the CLI without a version). */
  version: {
    number: number;
    status: 'concept' | 'definitief';
    reason: string;
    madeBy: string;
    madeAt: string;
    finalisedBy: string | null;
    finalisedAt: string | null;
    checksum: string | null;
  } | null;
}

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; id: string }
  | { kind: 'paragraph'; text: string; style?: 'lead' | 'meta' }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; columns: { label: string; numeric?: boolean }[]; rows: string[][] }
  | { kind: 'figure'; chart: ReportChart; id: string };

export interface ReportOutline {
  /** The document's title (PDF title, HTML title, DOCX and ODT metadata). */
  title: string;
  subtitle: string;
  /** "Concept", or "Definitief, versie 2". */
  state: string;
  language: 'nl';
  blocks: Block[];
}

const STATUS_LABELS: Record<IndicatorStatus, string> = {
  met: 'Gehaald',
  on_course: 'Op koers',
  attention: 'Aandacht',
  off_course: 'Uit koers',
  no_data: 'Geen gegevens',
};

export function reportTitle(model: ReportModel): string {
  return `Voortgangsrapportage ${model.year}: ${model.plan.title}`;
}

export function reportOutline(document: ReportDocument): ReportOutline {
  const { model, texts, version } = document;
  const blocks: Block[] = [];
  const heading = (level: 1 | 2 | 3, text: string, id: string) => blocks.push({ kind: 'heading', level, text, id });
  const paragraphs = (text: string) => {
    for (const part of text.split(/\n\s*\n/).map((line) => line.replace(/\s*\n\s*/g, ' ').trim())) {
      if (part) blocks.push({ kind: 'paragraph', text: part });
    }
  };
  const list = (items: string[], none: string) => {
    if (items.length > 0) blocks.push({ kind: 'list', items });
    else blocks.push({ kind: 'paragraph', text: none });
  };

  const state = stateLine(document);
  heading(1, `Voortgangsrapportage ${model.year}`, 'rapportage');
  blocks.push({ kind: 'paragraph', text: `${model.plan.title}${model.plan.subtitle ? `: ${model.plan.subtitle}` : ''}`, style: 'lead' });
  blocks.push({
    kind: 'paragraph',
    style: 'meta',
    text: `${model.plan.municipalities.join(' en ')} · plan ${model.plan.periodStart}-${model.plan.periodEnd} · peildatum ${formatDate(model.asOf)} · voortgang over ${model.period.label} · ${state}`,
  });
  if (version?.reason) blocks.push({ kind: 'paragraph', style: 'meta', text: `Reden van deze versie: ${version.reason}` });

  heading(2, 'Inleiding', 'inleiding');
  paragraphs(texts.introduction || 'Er is (nog) geen inleiding geschreven.');

  heading(2, 'Samenvatting', 'samenvatting');
  blocks.push({
    kind: 'table',
    caption: `Indicatoren naar status, ${model.year}`,
    columns: [{ label: 'Status' }, { label: 'Aantal indicatoren', numeric: true }],
    rows: INDICATOR_STATUSES.map((status) => [STATUS_LABELS[status], String(model.summary.indicators[status])]),
  });
  blocks.push({
    kind: 'table',
    caption: `Activiteiten naar status, ${model.period.label}`,
    columns: [{ label: 'Status' }, { label: 'Aantal activiteiten', numeric: true }],
    rows: [
      ...model.summary.activities.map((entry) => [entry.status, String(entry.count)]),
      ['Geen voortgang gemeld', String(model.summary.notReported)],
    ],
  });
  heading(3, 'Wat goed gaat', 'goed');
  list(model.summary.wentWell, 'Geen indicator is gehaald of op koers en geen activiteit is afgerond.');
  heading(3, 'Wat achterloopt', 'achter');
  list(model.summary.behind, 'Geen indicator vraagt aandacht of is uit koers, en geen activiteit loopt achter.');
  heading(3, 'Wat veranderde', 'veranderd');
  list(model.summary.changed, `In ${model.year} is het uitvoeringsprogramma niet bijgesteld en veranderde de status van geen indicator.`);

  if (model.planIndicators.length > 0) {
    heading(2, 'Indicatoren van het hele plan', 'plan-indicatoren');
    indicatorBlocks(blocks, model, model.planIndicators, 'plan');
  }

  for (const theme of model.themes) {
    const id = `thema-${theme.key}`;
    heading(2, `${theme.number}. ${theme.name}`, id);
    blocks.push({ kind: 'paragraph', style: 'meta', text: theme.kind === 'priority' ? 'Prioriteit' : 'Strategisch thema' });
    if (theme.goal) paragraphs(`Doel: ${theme.goal}`);
    heading(3, 'Toelichting', `${id}-toelichting`);
    paragraphs(texts.themes[theme.key] || 'Er is (nog) geen toelichting geschreven.');
    if (theme.indicators.length > 0) {
      heading(3, 'Indicatoren', `${id}-indicatoren`);
      indicatorBlocks(blocks, model, theme.indicators, theme.key);
    } else {
      heading(3, 'Oordeel', `${id}-oordeel`);
      if (theme.assessment) {
        paragraphs(`${capitalise(statusInWords(theme.assessment.judgement))}.${theme.assessment.text ? ` ${theme.assessment.text}` : ''}`);
      } else {
        blocks.push({
          kind: 'paragraph',
          text: `Dit thema heeft geen indicatoren; een oordeel over ${model.year} is nog niet vastgelegd.`,
        });
      }
    }
    heading(3, 'Activiteiten', `${id}-activiteiten`);
    if (theme.activities.length > 0) {
      blocks.push({
        kind: 'table',
        caption: `Activiteiten van ${theme.name}, ${model.period.label}`,
        columns: [{ label: 'Activiteit' }, { label: 'Spoor' }, { label: 'Status' }, { label: 'Toelichting' }],
        rows: theme.activities.map((activity) => [
          activity.name,
          activity.workstream,
          activity.status ?? 'Geen voortgang gemeld',
          [activity.note, activity.reportedBy ? `(${activity.reportedBy}, stand ${formatDate(activity.reportedOn ?? '')})` : '']
            .filter(Boolean)
            .join(' '),
        ]),
      });
    } else {
      blocks.push({ kind: 'paragraph', text: `Voor ${model.period.label} stonden bij dit thema geen activiteiten gepland.` });
    }
    if (theme.changes.length > 0) {
      heading(3, 'Bijstellingen van het uitvoeringsprogramma', `${id}-bijstellingen`);
      blocks.push({
        kind: 'list',
        items: theme.changes.map((change) => `Bijstelling ${change.revision} (${formatDate(change.decidedOn)}): ${change.text}`),
      });
    }
    heading(3, 'Begroting', `${id}-begroting`);
    if (theme.budget.planned + theme.budget.realised + theme.budget.requested > 0) {
      blocks.push({
        kind: 'table',
        caption: `Begroting van ${theme.name}, ${model.year}`,
        columns: [
          { label: 'Gepland', numeric: true },
          { label: 'Gerealiseerd', numeric: true },
          { label: 'Extra gevraagd', numeric: true },
        ],
        rows: [[formatEuros(theme.budget.planned), formatEuros(theme.budget.realised), formatEuros(theme.budget.requested)]],
      });
    } else {
      blocks.push({ kind: 'paragraph', text: `Voor ${model.year} zijn bij dit thema geen bedragen vastgelegd.` });
    }
  }

  // A model frozen before reports had was/wordt has no field: no section, as without a predecessor.
  if (model.wasWordt) {
    heading(2, wasWordtNl.title, 'was-wordt');
    paragraphs(wasWordtNl.intro(model.wasWordt.predecessor.title, model.plan.title));
    blocks.push({ kind: 'table', ...wasWordtTable(wasWordtNl, model.wasWordt.lines) });
  }

  heading(2, 'Wat ontbreekt', 'ontbreekt');
  list(model.missing, 'Alle gegevens die deze rapportage gebruikt, zijn er.');

  heading(2, 'Bijlage A. Indicatoren voor de jaarrekening', 'bijlage-jaarrekening');
  paragraphs(
    'De vijf verplichte veiligheidsindicatoren uit het Besluit begroting en verantwoording (BBV), per gemeente, en de indicatoren van het plan.',
  );
  for (const municipality of model.bbv) {
    const years = municipality.indicators[0]?.values.map((value) => value.year) ?? [];
    blocks.push({
      kind: 'table',
      caption: `BBV-indicatoren, ${municipality.name}`,
      columns: [{ label: 'Indicator' }, ...years.map((year) => ({ label: String(year), numeric: true }))],
      rows: municipality.indicators.map((indicator) => [
        indicator.name,
        ...indicator.values.map((value) =>
          value.value === null ? `geen waarde${value.missing ? `: ${value.missing}` : ''}` : formatOneDecimalNl(value.value),
        ),
      ]),
    });
  }
  const allIndicators = [...model.planIndicators, ...model.themes.flatMap((theme) => theme.indicators)];
  if (allIndicators.length > 0) {
    blocks.push({
      kind: 'table',
      caption: `Indicatoren van het plan, realisatie ${model.year}`,
      columns: [
        { label: 'Indicator' },
        { label: 'Nulmeting', numeric: true },
        { label: 'Streefwaarde', numeric: true },
        { label: `Realisatie ${model.year}`, numeric: true },
        { label: 'Status' },
      ],
      rows: allIndicators.map((indicator) => [
        `${indicator.name} (${indicator.unit})`,
        `${formatNumber(indicator.baseline.value)} (${indicator.baseline.year})`,
        targetInWords(indicator),
        valueIn(indicator, model.year),
        STATUS_LABELS[indicator.status],
      ]),
    });
  }

  heading(2, 'Bijlage B. Wijzigingen in het uitvoeringsprogramma', 'bijlage-wijzigingen');
  if (model.revisions.length === 0)
    blocks.push({ kind: 'paragraph', text: `In ${model.year} is het uitvoeringsprogramma niet bijgesteld.` });
  for (const revision of model.revisions) {
    heading(3, `Bijstelling ${revision.number}, ${formatDate(revision.decidedOn)}`, `bijstelling-${revision.number}`);
    paragraphs(`Besloten door ${revision.decidedBy}. Reden: ${revision.reason}`);
    list(
      revision.changes.map((change) => change.text),
      'Deze bijstelling veranderde niets aan het uitvoeringsprogramma.',
    );
  }

  heading(2, 'Bijlage C. Gegevens', 'bijlage-gegevens');
  paragraphs(
    `Elke waarde waarop deze rapportage rust, met bron, periode en herkomst. Dezelfde gegevens zijn er als CSV en JSON bij de rapportage (${model.data.length} ${model.data.length === 1 ? 'waarde' : 'waarden'}).`,
  );
  if (model.data.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Gegevens van de rapportage',
      columns: [
        { label: 'Soort' },
        { label: 'Wat' },
        { label: 'Periode' },
        { label: 'Waarde', numeric: true },
        { label: 'Bron en herkomst' },
      ],
      rows: model.data.map((datum) => [
        datum.kind,
        datum.what,
        datum.period,
        datum.value === null ? datum.unit : `${formatNumber(datum.value)} ${datum.unit}`,
        `${datum.source}; ${datum.provenance}`,
      ]),
    });
  }

  return {
    title: reportTitle(model),
    subtitle: `${model.plan.municipalities.join(' en ')}, peildatum ${formatDate(model.asOf)}`,
    state,
    language: 'nl',
    blocks,
  };
}

function indicatorBlocks(blocks: Block[], model: ReportModel, indicators: ReportIndicator[], scope: string): void {
  const years = [model.year - 2, model.year - 1, model.year];
  blocks.push({
    kind: 'table',
    caption: `Indicatoren: nulmeting, streefwaarde en realisatie${scope === 'plan' ? ', het hele plan' : ''}`,
    columns: [
      { label: 'Indicator' },
      { label: 'Nulmeting', numeric: true },
      { label: 'Streefwaarde', numeric: true },
      ...years.map((year) => ({ label: `Realisatie ${year}`, numeric: true })),
      { label: 'Status' },
      { label: 'Bron' },
    ],
    rows: indicators.map((indicator) => [
      `${indicator.name} (${indicator.unit})`,
      `${formatNumber(indicator.baseline.value)} (${indicator.baseline.year})`,
      targetInWords(indicator),
      ...years.map((year) => valueIn(indicator, year)),
      `${STATUS_LABELS[indicator.status]}${indicator.latestYear && indicator.latestYear < model.year ? ` (meting ${indicator.latestYear})` : ''}`,
      indicator.source,
    ]),
  });
  for (const indicator of indicators) {
    if (!indicator.values.some((value) => value.value !== null)) continue;
    const id = `grafiek-${scope}-${indicator.key}`.replace(/[^a-zA-Z0-9-]/g, '-');
    blocks.push({ kind: 'figure', chart: indicatorChart(indicator, id), id });
  }
}

/**
 * How wide each column of a table would like to be, as shares that add up
 * to 1: by its longest text, but never below its longest word, for the
 * formats that take widths up front (DOCX, ODT).
 */
export function columnShares(columns: { label: string }[], rows: string[][]): number[] {
  const texts = columns.map((column, index) => [column.label, ...rows.map((row) => row[index] ?? '')]);
  const weights = texts.map((cells) => {
    const longestWord = Math.max(...cells.flatMap((cell) => cell.split(/\s+/).map((word) => word.length)));
    const longest = Math.max(...cells.map((cell) => cell.length));
    // Headers are bold and cells have padding: a word needs a little more than its letters.
    return Math.max(longestWord * 1.6 + 4, Math.min(longest, 40));
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight) => weight / sum);
}

function valueIn(indicator: ReportIndicator, year: number): string {
  const found = indicator.values.find((value) => value.year === year);
  if (!found || (found.value === null && !found.suppressed)) return '-';
  if (found.value === null) return 'geheim';
  return formatNumber(found.value);
}

function targetInWords(indicator: ReportIndicator): string {
  return `${indicator.target.comparison === 'at_most' ? 'ten hoogste' : 'ten minste'} ${formatNumber(indicator.target.value)} (${indicator.target.year})`;
}

const oneDecimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function formatOneDecimalNl(value: number): string {
  return oneDecimal.format(value);
}

function stateLine(document: ReportDocument): string {
  const { version } = document;
  if (!version) return 'concept, buiten de versies';
  if (version.status === 'concept') return `concept van versie ${version.number}`;
  return `definitief, versie ${version.number}${version.finalisedAt ? ` van ${formatDate(version.finalisedAt)}` : ''}`;
}
