/**
 * `/plannen/:planId/dekking`: per safety field of the Kernbeleid Veiligheid,
 * which priority or strategic theme of the plan covers each catalogue theme.
 */
import type { Child } from 'hono/jsx';
import { type CoverageEntry, type CoverageField, type CoveringTheme, coverageCount, ownThemes } from '../../../domain/coverage.js';
import type { Plan, ThemeKind } from '../../../domain/plan.js';
import { Cell, Heading, joinChildren, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { PlanNav, planCrumbs, themeLabel } from './plan-parts.js';
import { themeUrl } from './plan-urls.js';

export function CoveragePage({ m, plan, coverage }: { m: Messages; plan: Plan; coverage: CoverageField[] }) {
  const t = m.coverage;
  const { covered, total } = coverageCount(coverage);
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="coverage" />
      <Paragraph lead>{t.intro(plan.catalogueEdition, total)}</Paragraph>
      <Paragraph class="koers-result-count">{t.count(covered, total)}</Paragraph>
      {coverage.map((field) => (
        <FieldTable m={m} plan={plan} field={field} />
      ))}
      <OwnThemes m={m} plan={plan} />
    </Layout>
  );
}

function OwnThemes({ m, plan }: { m: Messages; plan: Plan }) {
  const own = ownThemes(plan);
  if (own.length === 0) return null;
  const t = m.coverage;
  return (
    <section class="koers-section" aria-labelledby="eigen-themas">
      <Heading level={2} id="eigen-themas">
        {t.ownThemes}
      </Heading>
      <Table caption={t.ownThemesCaption} hideCaption>
        <TableHead columns={[t.columnTheme, t.columnReason]} />
        <TableBody>
          {own.map((theme) => (
            <Row>
              <RowHeader>
                <Link href={themeUrl(plan.id, theme.themeId)}>{`${themeLabel(m, theme)}: ${theme.name}`}</Link>
              </RowHeader>
              <Cell label={t.columnReason}>{theme.reason}</Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

function FieldTable({ m, plan, field }: { m: Messages; plan: Plan; field: CoverageField }) {
  const t = m.coverage;
  const { number, name } = field.field;
  const id = `veld-${number ?? 'domeinoverstijgend'}`;
  return (
    <section class="koers-section" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {t.fieldHeading(number, name)}
      </Heading>
      <Table caption={t.caption(number, name)} hideCaption>
        <TableHead columns={[t.columnCode, t.columnTheme, m.themeKind.priority, m.themeKind.strategic]} />
        <TableBody>
          {field.themes.map((entry) => (
            <EntryRow m={m} plan={plan} entry={entry} />
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

function EntryRow({ m, plan, entry }: { m: Messages; plan: Plan; entry: CoverageEntry }) {
  const { catalogueTheme, coveredBy, excludedBecause } = entry;
  return (
    <Row>
      <Cell label={m.coverage.columnCode}>{catalogueTheme.code}</Cell>
      <RowHeader>
        {catalogueTheme.name}
        {catalogueTheme.note && <span class="koers-activity__group">{catalogueTheme.note}</span>}
      </RowHeader>
      {coveredBy.length === 0 ? (
        <Cell label={m.coverage.columnCoveredBy} colspan={2}>
          {excludedBecause ? (
            <span>
              <strong>{m.coverage.excluded}</strong> {excludedBecause}
            </span>
          ) : (
            <strong class="koers-not-covered">{m.coverage.notCovered}</strong>
          )}
        </Cell>
      ) : (
        <>
          <Cell label={m.themeKind.priority}>
            <CoveringThemes m={m} plan={plan} themes={coveredBy} kind="priority" />
          </Cell>
          <Cell label={m.themeKind.strategic}>
            <CoveringThemes m={m} plan={plan} themes={coveredBy} kind="strategic" />
          </Cell>
        </>
      )}
    </Row>
  );
}

function CoveringThemes({ m, plan, themes, kind }: { m: Messages; plan: Plan; themes: CoveringTheme[]; kind: ThemeKind }) {
  const ofKind = themes.filter((theme) => theme.kind === kind);
  if (ofKind.length === 0) return <span class="koers-muted">{m.common.none}</span>;
  const links: Child[] = ofKind.map((theme) => (
    <Link href={themeUrl(plan.id, theme.themeId)}>{`${themeLabel(m, theme)}: ${theme.name}`}</Link>
  ));
  return <>{joinChildren(links, '; ')}</>;
}
