/**
 * Pieces the progress pages share: a roll-up as a stacked bar with its
 * numbers in words beside it (colour never alone), the state of an activity in
 * words, and the text of a status.
 */
import type { Judgement } from '../../../domain/indicator-status.js';
import { NOT_REPORTED, type ProgressStatus, type RollUp } from '../../../domain/progress.js';
import { formatNumber } from '../../../web/format.js';
import type { Messages } from '../../../web/messages.js';
import type { ActivityState, ProgressRollUp } from '../progress-view.js';

/** The width of a bar in SVG units; the bar stretches to its box. */
const BAR_UNITS = 1000;

/** The label of a status key, or "Niet gemeld" for the activities without a report. */
export function statusLabel(m: Messages, statuses: ProgressStatus[], key: string): string {
  if (key === NOT_REPORTED) return m.progress.notReported;
  return statuses.find((status) => status.key === key)?.label ?? key;
}

function partClass(statuses: ProgressStatus[], key: string): string {
  if (key === NOT_REPORTED) return 'koers-bar__part koers-bar__part--not-reported';
  const meaning = statuses.find((status) => status.key === key)?.meaning ?? 'not_started';
  return `koers-bar__part koers-bar__part--${meaning.replace('_', '-')}`;
}

/** "3 loopt, 1 vertraagd, 2 niet gemeld": the bar in words. */
export function rollUpInWords(m: Messages, statuses: ProgressStatus[], rolled: RollUp): string {
  if (rolled.counted === 0) return m.progress.nothingCounted;
  return rolled.byStatus.map((entry) => `${entry.count} ${statusLabel(m, statuses, entry.key).toLowerCase()}`).join(m.common.listSeparator);
}

/**
 * A roll-up as a stacked bar: one part per status, in the order of the
 * statuses, with a legend that names each part and its number. The bar is an
 * image with the same text as its name; the legend is read as text.
 */
export function ProgressBar({
  m,
  name,
  statuses,
  progress,
}: {
  m: Messages;
  name: string;
  statuses: ProgressStatus[];
  progress: ProgressRollUp;
}) {
  const rolled = progress.rollUp;
  let x = 0;
  const parts = rolled.byStatus.map((entry) => {
    const width = Math.round(entry.share * BAR_UNITS * 10) / 10;
    const part = { key: entry.key, x, width, count: entry.count };
    x += width;
    return part;
  });
  return (
    <div class="koers-progress">
      <svg
        class="koers-bar"
        viewBox={`0 0 ${BAR_UNITS} 20`}
        preserveAspectRatio="none"
        role="img"
        aria-label={m.progress.barLabel(name, rollUpInWords(m, statuses, rolled))}
      >
        <rect class="koers-bar__track" x="0" y="0" width={BAR_UNITS} height="20" />
        {parts.map((part) => (
          <rect class={partClass(statuses, part.key)} x={part.x} y="0" width={part.width} height="20" />
        ))}
      </svg>
      <ul class="koers-bar-legend" aria-hidden="true">
        {rolled.counted === 0 ? (
          <li>{m.progress.nothingCounted}</li>
        ) : (
          rolled.byStatus.map((entry) => (
            <li>
              <span
                class={`koers-bar-legend__swatch ${partClass(statuses, entry.key).replace(/koers-bar__part/g, 'koers-bar-legend__swatch')}`}
              />
              {`${statusLabel(m, statuses, entry.key)} ${entry.count}`}
            </li>
          ))
        )}
        {rolled.stopped > 0 && <li>{`${m.progress.meanings.stopped} ${rolled.stopped}`}</li>}
      </ul>
    </div>
  );
}

/** Realised against planned quantities, or nothing. */
export function quantitiesText(m: Messages, rolled: RollUp): string | null {
  return rolled.quantities
    ? m.progress.quantitiesValue(formatNumber(rolled.quantities.realised), formatNumber(rolled.quantities.planned))
    : null;
}

/** The state of an activity in words, marked for the eye by a symbol as well as a colour. */
const STATE_SYMBOLS: Record<ActivityState, string> = {
  not_planned: '–',
  due: '○',
  submitted: '◐',
  sent_back: '↩',
  approved: '✓',
};

export function StateTag({ m, state }: { m: Messages; state: ActivityState }) {
  return (
    <span class={`koers-activity-state koers-activity-state--${state.replace('_', '-')}`}>
      <span aria-hidden="true">{STATE_SYMBOLS[state]}</span> {m.progress.states[state]}
    </span>
  );
}

export function judgementText(m: Messages, judgement: Judgement | null): string {
  return judgement ? m.progress.judgements[judgement] : m.progress.noProposal;
}
