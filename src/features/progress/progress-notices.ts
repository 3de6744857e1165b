/**
 * What Koers tells people about progress, in plain Dutch with a link: a round
 * opened (to everyone who reports or approves in the plan), a reminder (to
 * the people of one partner or portfolio holder), and a report sent back or
 * approved (to whoever made the report). Written with the change, in its unit
 * of work; e-mailed too when SMTP is set up.
 */
import type { Plan } from '../../domain/plan.js';
import type { ReportingPeriod } from '../../domain/reporting-periods.js';
import { formatDate } from '../../web/format.js';
import type { NewNotification } from '../notifications/notification.repository.js';
import type { Repositories } from '../unit-of-work.js';
import { activityProgressUrl, myActionsUrl } from './pages/progress-urls.js';
import type { ProgressEntry } from './progress.repository.js';

export interface Recipient {
  userId: string;
  email: string;
}

/** The partner and its parents (a basic team's people and the police's both hear of it). */
function withParents(plan: Plan, partnerKey: string): string[] {
  const parents = new Map(plan.partners.map((partner) => [partner.key, partner.parentKey]));
  const keys: string[] = [];
  let current: string | null | undefined = partnerKey;
  while (current && !keys.includes(current)) {
    keys.push(current);
    current = parents.get(current);
  }
  return keys;
}

export class ProgressNotices {
  constructor(private readonly email: boolean) {}

  private notification(recipient: Recipient, fields: Omit<NewNotification, 'userId' | 'emailTo'>): NewNotification {
    return { ...fields, userId: recipient.userId, emailTo: this.email ? recipient.email : null };
  }

  private unique(recipients: Recipient[]): Recipient[] {
    return [...new Map(recipients.map((recipient) => [recipient.userId, recipient])).values()];
  }

  async roundOpened(
    repos: Repositories,
    plan: Plan,
    municipalityIds: string[],
    period: ReportingPeriod,
    deadline: string,
  ): Promise<number> {
    const recipients = this.unique(
      await repos.accounts.usersLinkedTo(municipalityIds, {
        partnerKeys: plan.partners.map((partner) => partner.key),
        portfolioHolderKeys: plan.portfolioHolders.map((holder) => holder.key),
      }),
    );
    await repos.notifications.add(
      recipients.map((recipient) =>
        this.notification(recipient, {
          planId: plan.id,
          kind: 'round_opened',
          subject: `Meld de voortgang over ${period.label}: ${plan.title}`,
          body:
            `De rapportageronde over ${period.label} van ${plan.title} is geopend. ` +
            `Meld uiterlijk ${formatDate(deadline)} hoe de activiteiten ervoor staan waarvoor u meldt of die u goedkeurt. ` +
            'Onder Mijn acties ziet u welke dat zijn.',
          link: myActionsUrl(),
        }),
      ),
    );
    return recipients.length;
  }

  /** A reminder to the people of one partner or portfolio holder; returns how many were reminded. */
  async reminder(
    repos: Repositories,
    plan: Plan,
    municipalityIds: string[],
    period: ReportingPeriod,
    deadline: string,
    responsible: { partnerKey?: string; portfolioHolderKey?: string },
    due: number,
  ): Promise<number> {
    const recipients = this.unique(
      await repos.accounts.usersLinkedTo(municipalityIds, {
        partnerKeys: responsible.partnerKey ? withParents(plan, responsible.partnerKey) : [],
        portfolioHolderKeys: responsible.portfolioHolderKey ? [responsible.portfolioHolderKey] : [],
      }),
    );
    await repos.notifications.add(
      recipients.map((recipient) =>
        this.notification(recipient, {
          planId: plan.id,
          kind: 'reminder',
          subject: `Herinnering: voortgang over ${period.label} melden`,
          body:
            `Voor ${due === 1 ? '1 activiteit' : `${due} activiteiten`} van ${plan.title} is over ${period.label} nog geen voortgang gemeld. ` +
            `De deadline is ${formatDate(deadline)}. Wilt u de voortgang melden?`,
          link: myActionsUrl(),
        }),
      ),
    );
    return recipients.length;
  }

  /** The lead's decision on a report, to whoever made it (nobody when it was made on the command line). */
  async reviewed(
    repos: Repositories,
    plan: Plan,
    period: ReportingPeriod,
    activity: { key: string; name: string },
    entry: ProgressEntry,
    decision: 'approved' | 'sent_back',
    remark: string,
    by: string,
  ): Promise<void> {
    if (!entry.enteredBy) return;
    const reporter = await repos.accounts.findUser(entry.enteredBy);
    if (!reporter || reporter.disabledAt) return;
    const approved = decision === 'approved';
    await repos.notifications.add([
      this.notification(
        { userId: reporter.id, email: reporter.email },
        {
          planId: plan.id,
          kind: approved ? 'approved' : 'sent_back',
          subject: approved ? `Goedgekeurd: ${activity.name} (${period.label})` : `Teruggestuurd: ${activity.name} (${period.label})`,
          body: approved
            ? `${by} heeft uw melding over ${activity.name} over ${period.label} goedgekeurd.`
            : `${by} heeft uw melding over ${activity.name} over ${period.label} teruggestuurd met deze opmerking: ${remark}${/[.!?]$/.test(remark) ? '' : '.'} Past u de melding aan?`,
          link: activityProgressUrl(plan.id, period.key, activity.key),
        },
      ),
    ]);
  }
}
