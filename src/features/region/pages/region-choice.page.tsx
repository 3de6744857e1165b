/**
 * `/regio`: choose a safety region, a police unit or district (links), or
 * municipalities by hand (a plain GET form, so it works without JavaScript).
 */
import type { Region } from '../../../catalogue/regions.js';
import { Cell, Heading, Paragraph, Row, Table, TableBody, TableHead } from '../../../web/components.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import type { RegionCatalogue } from '../region.service.js';
import { regionUrl } from '../region-urls.js';

export function RegionChoicePage({ m, catalogue, picked = '' }: { m: Messages; catalogue: RegionCatalogue; picked?: string }) {
  const t = m.region;
  return (
    <Layout m={m} title={t.title} crumbs={[{ label: m.common.plans, href: '/' }, { label: t.title }]}>
      <Heading level={1}>{t.title}</Heading>
      <Paragraph lead>{t.chooseIntro}</Paragraph>
      <RegionList id="veiligheidsregios" heading={t.safetyRegions} regions={catalogue.safetyRegions} m={m} />
      <RegionList id="politie-eenheden" heading={t.policeUnits} regions={catalogue.policeUnits} m={m} />
      <RegionList id="politiedistricten" heading={t.districts} regions={catalogue.districts} m={m} note={t.districtsNote} />
      <section class="koers-section" aria-labelledby="eigen-keuze">
        <Heading level={2} id="eigen-keuze">
          {t.ownChoice}
        </Heading>
        <form class="koers-form" method="get" action="/regio/eigen">
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="gemeenten">
              {t.ownChoiceLabel}
            </label>
            <div class="utrecht-form-field-description" id="gemeenten-uitleg">
              {t.ownChoiceHint}
            </div>
            <input
              class="utrecht-textbox utrecht-textbox--html-input region-form-input"
              type="text"
              id="gemeenten"
              name="gemeenten"
              value={picked}
              aria-describedby="gemeenten-uitleg"
              autocomplete="off"
              spellcheck={false}
            />
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action utrecht-button--submit">
            {t.show}
          </button>
        </form>
        <details class="koers-details">
          <summary>{t.codesSummary}</summary>
          <Table caption={t.codesCaption} cardsOnPhone={false}>
            <TableHead columns={[t.municipality, t.code]} />
            <TableBody>
              {[...catalogue.municipalities]
                .sort(([, a], [, b]) => a.localeCompare(b, 'nl'))
                .map(([code, name]) => (
                  <Row>
                    <Cell label={t.municipality}>{name}</Cell>
                    <Cell label={t.code}>{code}</Cell>
                  </Row>
                ))}
            </TableBody>
          </Table>
        </details>
      </section>
    </Layout>
  );
}

function RegionList({
  m,
  id,
  heading,
  regions,
  note,
}: {
  m: Messages;
  id: string;
  heading: string;
  regions: readonly Region[];
  note?: string;
}) {
  return (
    <section class="koers-section" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {heading}
      </Heading>
      {note && <Paragraph>{note}</Paragraph>}
      <ul class="utrecht-unordered-list region-choice-list">
        {regions.map((region) => (
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link utrecht-link--html-a" href={regionUrl(region.kind, region.key)}>
              {region.name}
            </a>
            {` (${m.region.municipalityCount(region.municipalities.length)})`}
          </li>
        ))}
      </ul>
    </section>
  );
}
