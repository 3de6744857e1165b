/**
 * The coordinator's texts of a report: an introduction and a text per theme.
 * A new report starts with a factual summary made from its model: counts,
 * statuses and amounts as they stand, never a judgement the data do not hold.
 * The coordinator rewrites them; they are kept per version.
 */
import { formatEuros } from '../../domain/money.js';
import { formatDate } from '../../web/format.js';
import { INDICATOR_STATUSES, type ReportModel, type ReportTheme, statusInWords } from './report-model.js';

export interface ReportTexts {
  introduction: string;
  /** By theme key. */
  themes: Record<string, string>;
}

/** The most a text may hold, in characters. */
export const MAX_REPORT_TEXT = 20_000;

export function defaultTexts(model: ReportModel): ReportTexts {
  return {
    introduction: defaultIntroduction(model),
    themes: Object.fromEntries(model.themes.map((theme) => [theme.key, defaultThemeText(theme)])),
  };
}

function defaultIntroduction(model: ReportModel): string {
  const { summary } = model;
  const indicatorTotal = INDICATOR_STATUSES.reduce((sum, status) => sum + summary.indicators[status], 0);
  const byStatus = INDICATOR_STATUSES.filter((status) => summary.indicators[status] > 0)
    .map((status) => `${summary.indicators[status]} ${statusInWords(status)}`)
    .join(', ');
  const activityTotal = summary.activities.reduce((sum, entry) => sum + entry.count, 0) + summary.notReported;
  const activities = summary.activities.map((entry) => `${entry.count} ${entry.status.toLocaleLowerCase('nl-NL')}`).join(', ');
  const lines = [
    `Deze rapportage geeft de stand van ${model.plan.title} over ${model.year}, met ${formatDate(model.asOf)} als peildatum.`,
    `Van de ${indicatorTotal} indicatoren ${indicatorTotal === 1 ? 'is' : 'zijn'} er ${byStatus || 'geen gemeten'}.`,
    activityTotal > 0
      ? `Over ${model.period.label} ${activityTotal === 1 ? 'stond 1 activiteit' : `stonden ${activityTotal} activiteiten`} gepland${
          activities ? `: ${activities}` : ''
        }${summary.notReported > 0 ? `; voor ${summary.notReported} is geen voortgang gemeld` : ''}.`
      : `Over ${model.period.label} stonden geen activiteiten gepland.`,
  ];
  if (model.revisions.length > 0) {
    lines.push(
      `In ${model.year} ${model.revisions.length === 1 ? 'is het uitvoeringsprogramma één keer' : `is het uitvoeringsprogramma ${model.revisions.length} keer`} bijgesteld.`,
    );
  }
  return lines.join(' ');
}

function defaultThemeText(theme: ReportTheme): string {
  const lines: string[] = [];
  if (theme.indicators.length > 0) {
    lines.push(
      `${theme.indicators.length === 1 ? 'De indicator' : 'De indicatoren'}: ${theme.indicators
        .map(
          (indicator) =>
            `${indicator.name} (${statusInWords(indicator.status)}${indicator.latestYear ? `, laatste meting ${indicator.latestYear}` : ''})`,
        )
        .join('; ')}.`,
    );
  } else if (theme.assessment) {
    lines.push(`Het oordeel over dit thema: ${statusInWords(theme.assessment.judgement)}.`);
  } else {
    lines.push('Voor dit thema is nog geen oordeel vastgelegd.');
  }
  if (theme.activities.length > 0) {
    const reported = theme.activities.filter((activity) => activity.status !== null).length;
    lines.push(`Van de ${theme.activities.length} activiteiten in deze periode is voor ${reported} voortgang gemeld.`);
  }
  if (theme.changes.length > 0) lines.push(`Het uitvoeringsprogramma van dit thema is bijgesteld (${theme.changes.length} wijzigingen).`);
  if (theme.budget.planned > 0 || theme.budget.realised > 0) {
    lines.push(`Begroot: ${formatEuros(theme.budget.planned)}; gerealiseerd: ${formatEuros(theme.budget.realised)}.`);
  }
  return lines.join(' ');
}
