/**
 * The forms of the prioritisation page, each a plain POST that works without
 * JavaScript: the criteria, the scores per theme (one table per field of
 * Kernbeleid Veiligheid, read-only for who may not edit), the choice of
 * priorities and strategic themes, and the next plan's concept. Shown again
 * after bad input with what was typed and the messages at the fields. The
 * field names are here too, for the routes that read them.
 */
import { Cell, Heading, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../web/components.js';
import { formatNumber } from '../../web/format.js';
import type { Messages } from '../../web/messages.js';
import { CsrfField, SubmitButton, TextField } from '../monitoring/pages/monitor-parts.js';
import { prioritisationPageUrl } from '../plans/pages/plan-urls.js';
import type { PrioritisationView } from './prioritisation.service.js';
import { Facts } from './prioritisation-facts.js';

export type PrioritisationForm = 'criteria' | 'scores' | 'choice' | 'concept';

/** A form sent with problems: what was typed, and each problem at its field (by name) with a label for the summary. */
export interface FailedForm {
  form: PrioritisationForm | null;
  message: string;
  values: Record<string, string>;
  problems: { field?: string; label?: string; message: string }[];
}

export const FIELDS = {
  version: 'versie',
  criterion: (index: number, part: 'sleutel' | 'naam' | 'gewicht' | 'weg') => `criterium-${index}-${part}`,
  newName: 'nieuw-naam',
  newWeight: 'nieuw-gewicht',
  score: (code: string, key: string) => `score-${code}-${key}`,
  note: (code: string) => `toelichting-${code}`,
  choice: (code: string) => `keuze-${code}`,
  order: (code: string) => `volgorde-${code}`,
  title: 'titel',
  from: 'van',
  to: 'tot',
} as const;

export const CHOICES = { priority: 'prioriteit', strategic: 'strategisch' } as const;

export const fieldId = (name: string) => `prioritering-${name.replace(/\./g, '-')}`;
export const themeTitle = (code: string, name: string) => `${code} ${name}`;

/** The form's address: the page's, followed by its part. */
export const formUrl = (planId: string, part: 'criteria' | 'scores' | 'keuze' | 'volgend-plan') =>
  `${prioritisationPageUrl(planId)}/${part}`;

function typed(failed: FailedForm | undefined, form: PrioritisationForm, name: string, fallback: string): string {
  return failed?.form === form ? (failed.values[name] ?? '') : fallback;
}

function errorsAt(failed: FailedForm | undefined, name: string): string[] {
  return (failed?.problems ?? []).filter((problem) => problem.field === name).map((problem) => problem.message);
}

export function CriteriaForm({ m, view, csrf, failed }: { m: Messages; view: PrioritisationView; csrf: string; failed?: FailedForm }) {
  const t = m.prioritisation;
  const value = (name: string, fallback: string) => typed(failed, 'criteria', name, fallback);
  const text = (name: string, label: string, fallback: string, inputmode?: 'decimal') => (
    <CellText
      name={name}
      label={label}
      value={value(name, fallback)}
      errors={errorsAt(failed, name)}
      short={inputmode === 'decimal'}
      inputmode={inputmode}
    />
  );
  return (
    <form class="koers-prioritisation-form" method="post" action={formUrl(view.plan.id, 'criteria')} aria-labelledby="criteria-kop">
      <CsrfField token={csrf} />
      <input type="hidden" name={FIELDS.version} value={String(view.state.version)} />
      <Table caption={t.criteriaCaption}>
        <TableHead columns={[t.criterion, t.weight, t.removeColumn]} />
        <TableBody>
          {view.state.criteria.map((criterion, index) => (
            <Row>
              <Cell label={t.criterion}>
                <input type="hidden" name={FIELDS.criterion(index, 'sleutel')} value={criterion.key} />
                {text(FIELDS.criterion(index, 'naam'), t.criterionLegend(index + 1), criterion.name)}
              </Cell>
              <Cell label={t.weight}>
                {text(FIELDS.criterion(index, 'gewicht'), t.weightOf(index + 1), formatNumber(criterion.weight), 'decimal')}
              </Cell>
              <Cell label={t.removeColumn}>
                <CellCheckbox
                  name={FIELDS.criterion(index, 'weg')}
                  label={t.remove(index + 1)}
                  checked={value(FIELDS.criterion(index, 'weg'), '') !== ''}
                />
              </Cell>
            </Row>
          ))}
          <Row>
            <Cell label={t.newCriterion}>{text(FIELDS.newName, t.newCriterion, '')}</Cell>
            <Cell label={t.newWeight}>{text(FIELDS.newWeight, t.newWeight, '1', 'decimal')}</Cell>
            <Cell label={t.removeColumn}>{t.dash}</Cell>
          </Row>
        </TableBody>
      </Table>
      <Paragraph>{t.weightHint}</Paragraph>
      <SubmitButton>{t.saveCriteria}</SubmitButton>
    </form>
  );
}

/** The scores per theme, one table per field; with `editable` a select per criterion and a note, in one form. */
export function ScoresTable({
  m,
  view,
  csrf,
  failed,
  editable,
}: {
  m: Messages;
  view: PrioritisationView;
  csrf: string;
  failed?: FailedForm;
  editable: boolean;
}) {
  const t = m.prioritisation;
  const { criteria, scores, notes } = view.state;
  const tables = view.fields.map((field) => {
    const fieldName = field.number === null ? t.crossCutting : `${field.number}. ${field.name}`;
    return (
      <Table caption={t.scoresCaption(fieldName)}>
        <TableHead columns={[t.theme, ...criteria.map((criterion) => criterion.name), t.note]} />
        <TableBody>
          {field.themes.map((theme) => {
            const title = themeTitle(theme.code, theme.name);
            return (
              <Row>
                <RowHeader>
                  {title}
                  <Facts m={m} view={view} code={theme.code} />
                </RowHeader>
                {criteria.map((criterion) => {
                  const stored = scores[theme.code]?.[criterion.key];
                  const name = FIELDS.score(theme.code, criterion.key);
                  return (
                    <Cell label={criterion.name}>
                      {editable ? (
                        <CellSelect
                          name={name}
                          label={t.scoreLabel(theme.code, criterion.name)}
                          options={[
                            { value: '', label: t.dash },
                            ...[0, 1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) })),
                          ]}
                          selected={typed(failed, 'scores', name, stored === undefined ? '' : String(stored))}
                          errors={errorsAt(failed, name)}
                        />
                      ) : stored === undefined ? (
                        t.dash
                      ) : (
                        String(stored)
                      )}
                    </Cell>
                  );
                })}
                <Cell label={t.note}>
                  {editable ? (
                    <CellText
                      name={FIELDS.note(theme.code)}
                      label={t.noteLabel(theme.code)}
                      value={typed(failed, 'scores', FIELDS.note(theme.code), notes[theme.code] ?? '')}
                      errors={errorsAt(failed, FIELDS.note(theme.code))}
                    />
                  ) : (
                    (notes[theme.code] ?? m.common.none)
                  )}
                </Cell>
              </Row>
            );
          })}
        </TableBody>
      </Table>
    );
  });
  if (!editable) return <>{tables}</>;
  return (
    <form class="koers-prioritisation-form" method="post" action={formUrl(view.plan.id, 'scores')}>
      <CsrfField token={csrf} />
      <input type="hidden" name={FIELDS.version} value={String(view.state.version)} />
      {tables}
      <SubmitButton>{t.saveScores}</SubmitButton>
    </form>
  );
}

export function ChoiceForm({ m, view, csrf, failed }: { m: Messages; view: PrioritisationView; csrf: string; failed?: FailedForm }) {
  const t = m.prioritisation;
  const hasChoice = view.state.priorities.length + view.state.strategic.length > 0;
  const chosen = hasChoice ? view.state : view.proposal;
  const initial = (code: string): { choice: string; order: string } => {
    const priority = chosen.priorities.indexOf(code);
    if (priority >= 0) return { choice: CHOICES.priority, order: String(priority + 1) };
    const strategic = chosen.strategic.indexOf(code);
    if (strategic >= 0) return { choice: CHOICES.strategic, order: String(strategic + 1) };
    return { choice: '', order: '' };
  };
  return (
    <form class="koers-prioritisation-form" method="post" action={formUrl(view.plan.id, 'keuze')} aria-labelledby="keuze-kop">
      <CsrfField token={csrf} />
      <input type="hidden" name={FIELDS.version} value={String(view.state.version)} />
      <Paragraph>{t.choiceIntro}</Paragraph>
      {!hasChoice && view.proposal.priorities.length > 0 && (
        <Paragraph>{t.choiceProposed(view.proposal.priorities.length, view.proposal.strategic.length)}</Paragraph>
      )}
      <Table caption={t.choiceCaption}>
        <TableHead columns={[t.theme, t.proposal, t.choice, t.order]} />
        <TableBody>
          {view.ranking.map((row) => {
            const start = initial(row.code);
            return (
              <Row>
                <RowHeader>{themeTitle(row.code, row.name)}</RowHeader>
                <Cell label={t.proposal}>{row.rank === null ? t.notScored : t.proposalRank(row.rank, formatNumber(row.total ?? 0))}</Cell>
                <Cell label={t.choice}>
                  <CellSelect
                    name={FIELDS.choice(row.code)}
                    label={t.choiceLabel(row.code)}
                    options={[
                      { value: '', label: t.options.none },
                      { value: CHOICES.priority, label: t.options.priority },
                      { value: CHOICES.strategic, label: t.options.strategic },
                    ]}
                    selected={typed(failed, 'choice', FIELDS.choice(row.code), start.choice)}
                    errors={errorsAt(failed, FIELDS.choice(row.code))}
                  />
                </Cell>
                <Cell label={t.order}>
                  <CellText
                    name={FIELDS.order(row.code)}
                    label={t.orderLabel(row.code)}
                    value={typed(failed, 'choice', FIELDS.order(row.code), start.order)}
                    errors={errorsAt(failed, FIELDS.order(row.code))}
                    short
                    inputmode="numeric"
                  />
                </Cell>
              </Row>
            );
          })}
        </TableBody>
      </Table>
      <SubmitButton>{t.saveChoice}</SubmitButton>
    </form>
  );
}

export function ConceptForm({ m, view, csrf, failed }: { m: Messages; view: PrioritisationView; csrf: string; failed?: FailedForm }) {
  const t = m.prioritisation;
  const value = (name: string, fallback: string) => typed(failed, 'concept', name, fallback);
  const field = (name: string) => ({ id: fieldId(name), name, errors: errorsAt(failed, name) });
  const defaults = view.conceptDefaults;
  return (
    <form class="koers-form" method="post" action={formUrl(view.plan.id, 'volgend-plan')} aria-labelledby="concept-formulier-kop">
      <Heading level={3} id="concept-formulier-kop">
        {t.conceptFormHeading}
      </Heading>
      <CsrfField token={csrf} />
      <input type="hidden" name={FIELDS.version} value={String(view.state.version)} />
      <TextField {...field(FIELDS.title)} label={t.conceptTitle} value={value(FIELDS.title, defaults.title)} />
      <TextField
        {...field(FIELDS.from)}
        label={t.conceptFrom}
        inputmode="numeric"
        value={value(FIELDS.from, String(defaults.periodStart))}
      />
      <TextField {...field(FIELDS.to)} label={t.conceptTo} inputmode="numeric" value={value(FIELDS.to, String(defaults.periodEnd))} />
      <SubmitButton>{t.makeConcept}</SubmitButton>
    </form>
  );
}

function describedBy(id: string, errors: string[]): string | undefined {
  return errors.length > 0 ? `${id}-fout` : undefined;
}

function CellSelect({
  name,
  label,
  options,
  selected,
  errors,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  selected: string;
  errors: string[];
}) {
  const id = fieldId(name);
  const invalid = errors.length > 0;
  return (
    <div class={invalid ? 'koers-prioritisation-field koers-prioritisation-field--invalid' : 'koers-prioritisation-field'}>
      <label class="koers-visually-hidden" for={id}>
        {label}
      </label>
      <select
        class={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
        id={id}
        name={name}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(id, errors)}
      >
        {options.map((option) => (
          <option value={option.value} selected={option.value === selected}>
            {option.label}
          </option>
        ))}
      </select>
      {invalid && (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {errors.join(' ')}
        </div>
      )}
    </div>
  );
}

function CellText({
  name,
  label,
  value,
  errors,
  short = false,
  inputmode,
}: {
  name: string;
  label: string;
  value: string;
  errors: string[];
  short?: boolean;
  inputmode?: 'decimal' | 'numeric';
}) {
  const id = fieldId(name);
  const invalid = errors.length > 0;
  return (
    <div class={invalid ? 'koers-prioritisation-field koers-prioritisation-field--invalid' : 'koers-prioritisation-field'}>
      <label class="koers-visually-hidden" for={id}>
        {label}
      </label>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${short ? ' koers-prioritisation-short' : ''}${invalid ? ' utrecht-textbox--invalid' : ''}`}
        id={id}
        name={name}
        type="text"
        value={value}
        inputmode={inputmode}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(id, errors)}
      />
      {invalid && (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {errors.join(' ')}
        </div>
      )}
    </div>
  );
}

function CellCheckbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  const id = fieldId(name);
  return (
    <div class="koers-prioritisation-field">
      <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id={id} name={name} value="ja" checked={checked} />{' '}
      <label class="koers-visually-hidden" for={id}>
        {label}
      </label>
    </div>
  );
}
