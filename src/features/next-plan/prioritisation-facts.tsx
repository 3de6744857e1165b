/**
 * What helps to score a theme, beside it on the prioritisation page: what the
 * plan made of it, the trends of its police figures (those that rise or fall
 * by name, the others counted) and how it stands beside similar
 * municipalities.
 */
import { formatNumber } from '../../web/format.js';
import type { Messages } from '../../web/messages.js';
import type { PrioritisationView } from './prioritisation.service.js';

export function Facts({ m, view, code }: { m: Messages; view: PrioritisationView; code: string }) {
  const t = m.prioritisation;
  const facts = view.facts[code];
  if (!facts) return null;
  const lines = [t.previous[facts.previous ?? 'none']];
  if (view.analysis.available) {
    // Per theme the police keep up to a dozen kinds: what changes by name, the rest counted.
    const moving = (direction: 'rising' | 'falling') =>
      facts.trends.flatMap(({ title, trend }) =>
        trend.kind === 'trend' && trend.direction === direction
          ? [t.trendItem(title, formatNumber(Math.round(trend.yearlyChange * 1000) / 10))]
          : [],
      );
    const rising = moving('rising');
    const falling = moving('falling');
    const steady = facts.trends.filter(({ trend }) => trend.kind === 'trend' && trend.direction === 'no_clear_change').length;
    const short = facts.trends.filter(({ trend }) => trend.kind !== 'trend').length;
    if (facts.trends.length === 0) lines.push(t.noPoliceFigures);
    if (rising.length > 0) lines.push(t.trendsRising(rising.join('; ')));
    if (falling.length > 0) lines.push(t.trendsFalling(falling.join('; ')));
    if (steady > 0) lines.push(t.trendsSteady(steady));
    if (short > 0) lines.push(t.trendsTooShort(short));
  }
  for (const entry of facts.group) lines.push(t.group[entry.position](entry.year, entry.source));
  return (
    <span class="koers-prioritisation-facts">
      {lines.map((line) => (
        <span class="koers-prioritisation-fact">{line}</span>
      ))}
    </span>
  );
}
