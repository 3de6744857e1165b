/**
 * `/plannen/:planId/zoeken?q=`: the themes, partners and activities of the
 * plan that hold every word searched for, each linking to its page.
 */

import type { Plan } from '../../../domain/plan.js';
import type { PlanSearchResult } from '../../../domain/plan-search.js';
import { Heading, Link, ListItem, Paragraph, UnorderedList } from '../../../web/components.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { PlanNav, planCrumbs, themeLabel } from './plan-parts.js';
import { implementationUrl, partnerUrl, planPath, themeUrl, withQuery } from './plan-urls.js';

export function SearchForm({ m, plan, text = '' }: { m: Messages; plan: Plan; text?: string }) {
  const t = m.search;
  return (
    <form class="koers-search" method="get" action={`${planPath(plan.id)}/zoeken`}>
      <label class="koers-search__label" for="zoek-in-plan">
        {t.label}
      </label>{' '}
      <input class="utrecht-textbox utrecht-textbox--html-input" id="zoek-in-plan" name="q" type="search" value={text} />{' '}
      <button type="submit" class="utrecht-button utrecht-button--secondary-action utrecht-button--submit">
        {t.submit}
      </button>
    </form>
  );
}

export function SearchPage({ m, plan, text, result }: { m: Messages; plan: Plan; text: string; result: PlanSearchResult }) {
  const t = m.search;
  const total = result.themes.length + result.partners.length + result.activities.length;
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} />
      <SearchForm m={m} plan={plan} text={text} />
      <Paragraph class="koers-result-count">{result.words.length === 0 ? t.empty : t.count(total, text)}</Paragraph>
      {result.themes.length > 0 && (
        <section class="koers-section" aria-labelledby="gevonden-themas">
          <Heading level={2} id="gevonden-themas">
            {t.themes(result.themes.length)}
          </Heading>
          <UnorderedList>
            {result.themes.map((theme) => (
              <ListItem>
                <Link href={themeUrl(plan.id, theme.id)}>{`${themeLabel(m, theme)}: ${theme.name}`}</Link>
              </ListItem>
            ))}
          </UnorderedList>
        </section>
      )}
      {result.partners.length > 0 && (
        <section class="koers-section" aria-labelledby="gevonden-partners">
          <Heading level={2} id="gevonden-partners">
            {t.partners(result.partners.length)}
          </Heading>
          <UnorderedList>
            {result.partners.map((partner) => (
              <ListItem>
                <Link href={partnerUrl(plan.id, partner.key)}>{partner.name}</Link>
              </ListItem>
            ))}
          </UnorderedList>
        </section>
      )}
      {result.activities.length > 0 && (
        <section class="koers-section" aria-labelledby="gevonden-activiteiten">
          <Heading level={2} id="gevonden-activiteiten">
            {t.activities(result.activities.length)}
          </Heading>
          <UnorderedList>
            {result.activities.map((row) => (
              <ListItem>
                <Link href={themeUrl(plan.id, row.theme.id)}>{row.activity.name}</Link>
                <span class="koers-muted">{` (${themeLabel(m, row.theme)}, ${row.workstream.name})`}</span>
              </ListItem>
            ))}
          </UnorderedList>
          <Paragraph>
            <Link href={withQuery(implementationUrl(plan.id), { zoek: text })}>{t.inImplementationPlan}</Link>
          </Paragraph>
        </section>
      )}
    </Layout>
  );
}
