/**
 * "Stand van zaken" at the top of a plan's overview: per theme a card with
 * its indicators by status, its activities as a bar with their numbers, what
 * is behind, and what changed since the period before.
 */
import type { IndicatorStatus } from '../../../domain/indicator-status.js';
import type { StoredTheme } from '../../../domain/plan.js';
import { NOT_REPORTED } from '../../../domain/progress.js';
import { Heading, Link, Paragraph } from '../../../web/components.js';
import { formatDate } from '../../../web/format.js';
import type { Messages } from '../../../web/messages.js';
import { StatusBadge } from '../../monitoring/pages/monitor-parts.js';
import { themeLabel } from '../../plans/pages/plan-parts.js';
import { themeUrl } from '../../plans/pages/plan-urls.js';
import type { Glance } from '../progress.service.js';
import type { ProgressView } from '../progress-view.js';
import { judgementText, ProgressBar, statusLabel } from './progress-parts.js';
import { activityProgressUrl, progressUrl } from './progress-urls.js';

const STATUS_ORDER: IndicatorStatus[] = ['off_course', 'attention', 'on_course', 'met', 'no_data'];
/** How many activities that are behind a card names before it says how many more there are. */
const BEHIND_SHOWN = 3;

/** Per status key, how many more (or fewer) activities of the theme have it than in the period before. */
function changes(theme: StoredTheme, view: ProgressView, previous: ProgressView): { key: string; delta: number }[] {
  const counts = (of: ProgressView) =>
    new Map(
      of.themes.find((entry) => entry.theme.id === theme.id)?.progress.rollUp.byStatus.map((entry) => [entry.key, entry.count]) ?? [],
    );
  const now = counts(view);
  const before = counts(previous);
  const keys = [...new Set([...now.keys(), ...before.keys()])].filter((key) => key !== NOT_REPORTED);
  return keys.map((key) => ({ key, delta: (now.get(key) ?? 0) - (before.get(key) ?? 0) })).filter((change) => change.delta !== 0);
}

export function StateOfPlay({ m, glance, statuses }: { m: Messages; glance: Glance; statuses?: ReadonlyMap<string, IndicatorStatus> }) {
  const t = m.progress;
  const { view, previous } = glance;
  const plan = view.plan;
  return (
    <section class="koers-section" aria-labelledby="stand-van-zaken">
      <Heading level={2} id="stand-van-zaken">
        {t.glanceHeading}
      </Heading>
      <Paragraph>{t.glanceIntro(formatDate(view.asOf), view.period.label)}</Paragraph>
      <ul class="koers-glance">
        {view.themes.map((entry) => {
          const theme = entry.theme;
          const name = `${themeLabel(m, theme)}: ${theme.name}`;
          const behind = view.rows.filter((row) => row.theme.id === theme.id && row.status?.meaning === 'delayed');
          const counted = STATUS_ORDER.map((status) => ({
            status,
            count: theme.indicators.filter((indicator) => (statuses?.get(indicator.key) ?? 'no_data') === status).length,
          })).filter((item) => item.count > 0);
          const changed = previous ? changes(theme, view, previous) : [];
          return (
            <li class="koers-glance__card">
              <Heading level={3}>
                <Link href={themeUrl(plan.id, theme.id)}>{name}</Link>
              </Heading>
              <p class="koers-glance__label">{t.glanceIndicators}</p>
              {theme.indicators.length === 0 ? (
                <Paragraph>{`${t.glanceNoIndicators} ${t.proposal}: ${judgementText(m, entry.progress.proposal)}.`}</Paragraph>
              ) : (
                <ul class="koers-inline-list">
                  {counted.map((item) => (
                    <li>
                      <StatusBadge m={m} status={item.status} /> {String(item.count)}
                    </li>
                  ))}
                </ul>
              )}
              <p class="koers-glance__label">{t.glanceActivities}</p>
              <ProgressBar m={m} name={name} statuses={view.statuses} progress={entry.progress} />
              <p class="koers-glance__label">{t.glanceBehind}</p>
              {behind.length === 0 ? (
                <Paragraph>{t.glanceNothingBehind}</Paragraph>
              ) : (
                <ul>
                  {behind.slice(0, BEHIND_SHOWN).map((row) => (
                    <li>
                      <Link href={activityProgressUrl(plan.id, view.period.key, row.activity.key)}>{row.activity.name}</Link>
                    </li>
                  ))}
                  {behind.length > BEHIND_SHOWN && (
                    <li>
                      <Link href={progressUrl(plan.id, { periode: view.period.key, status: behind[0]?.status?.key })}>
                        {`+ ${behind.length - BEHIND_SHOWN}`}
                      </Link>
                    </li>
                  )}
                </ul>
              )}
              {previous && (
                <>
                  <p class="koers-glance__label">{t.glanceChanges(previous.period.label)}</p>
                  <Paragraph>
                    {changed.length === 0
                      ? t.glanceNoChanges
                      : changed
                          .map((change) => t.glanceChange(statusLabel(m, view.statuses, change.key), change.delta))
                          .join(m.common.listSeparator)}
                  </Paragraph>
                </>
              )}
            </li>
          );
        })}
      </ul>
      <Paragraph>
        <Link href={progressUrl(plan.id, { periode: view.period.key })}>{t.glanceMore}</Link>
      </Paragraph>
    </section>
  );
}
