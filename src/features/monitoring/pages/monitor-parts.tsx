/**
 * Pieces the monitoring pages share: the sub-navigation, breadcrumbs, the
 * status badge (words and a symbol, never colour alone), notices, the error
 * summary, labelled form fields with their problems beside them, and the
 * formatting of dates, signed changes and one-decimal figures.
 */
import type { Child } from 'hono/jsx';
import type { FieldProblem } from '../../../domain/errors.js';
import type { IndicatorStatus } from '../../../domain/indicator-status.js';
import { periodLabel } from '../../../domain/periods.js';
import type { Plan } from '../../../domain/plan.js';
import { CSRF_FIELD } from '../../../http/csrf.js';
import { Heading, Link, Paragraph } from '../../../web/components.js';
import { formatDate } from '../../../web/format.js';
import type { Crumb } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { planListUrl, planUrl } from '../../plans/pages/plan-urls.js';
import type { Measurement } from '../measurement.repository.js';
import { bbvUrl, districtsUrl, monitorUrl, tacticalUrl } from './monitor-urls.js';

export type MonitorPageKey = 'monitor' | 'tactical' | 'districts' | 'bbv';

const MONITOR_PAGES: { page: MonitorPageKey; url: (planId: string) => string }[] = [
  { page: 'monitor', url: monitorUrl },
  { page: 'tactical', url: (planId) => tacticalUrl(planId) },
  { page: 'districts', url: (planId) => districtsUrl(planId) },
  { page: 'bbv', url: bbvUrl },
];

/** The pages of the monitor; the plan's own navigation has no entry for them. */
export function MonitorNav({ m, plan, current }: { m: Messages; plan: Plan; current?: MonitorPageKey }) {
  return (
    <nav class="koers-plan-nav koers-monitor-nav" aria-label={m.monitoring.nav.label}>
      <ul class="koers-plan-nav__list">
        {MONITOR_PAGES.map(({ page, url }) => (
          <li>
            <Link href={url(plan.id)} current={page === current}>
              {m.monitoring.nav[page]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Plannen > plan > Monitor, and the page itself below the monitor when it is not the monitor. */
export function monitorCrumbs(m: Messages, plan: Plan, pageLabel?: string): Crumb[] {
  const crumbs: Crumb[] = [
    { label: m.common.plans, href: planListUrl() },
    { label: plan.title, href: planUrl(plan.id) },
  ];
  if (pageLabel) crumbs.push({ label: m.monitoring.nav.monitor, href: monitorUrl(plan.id) }, { label: pageLabel });
  else crumbs.push({ label: m.monitoring.nav.monitor });
  return crumbs;
}

/** "Monitor - plan title", with "Fout: " in front when the page shows form errors. */
export function pageTitle(m: Messages, plan: Plan, title: string, hasErrors = false): string {
  return `${hasErrors ? m.monitoring.form.errorTitlePrefix : ''}${title}${m.layout.titleSeparator}${plan.title}`;
}

/** A symbol per status, so the badge differs in shape and text as well as colour. */
const STATUS_SYMBOLS: Record<IndicatorStatus, string> = {
  met: '✓',
  on_course: '→',
  attention: '!',
  off_course: '✗',
  no_data: '–',
};

/** The status in words with a symbol and a border; colour only supports it. */
export function StatusBadge({ m, status }: { m: Messages; status: IndicatorStatus }) {
  return (
    <span class={`koers-status koers-status--${status.replace('_', '-')}`}>
      <span class="koers-status__symbol" aria-hidden="true">
        {STATUS_SYMBOLS[status]}
      </span>{' '}
      {m.monitoring.status[status]}
    </span>
  );
}

/** A confirmation after a form was handled (read out politely). */
export function Notice({ children }: { children?: Child }) {
  return (
    <div class="utrecht-alert utrecht-alert--ok koers-notice" role="status">
      <Paragraph>{children}</Paragraph>
    </div>
  );
}

export interface SummaryProblem {
  /** The id of the field to jump to, if the problem belongs to one. */
  fieldId?: string;
  text: string;
}

/** Every problem of a form at the top of the page, each linking to its field. */
export function ErrorSummary({
  m,
  message,
  problems,
  children,
}: {
  m: Messages;
  message?: string;
  problems: SummaryProblem[];
  children?: Child;
}) {
  return (
    <div class="utrecht-alert utrecht-alert--error koers-error-summary" role="alert" aria-labelledby="fouten-kop">
      <Heading level={2} id="fouten-kop">
        {m.monitoring.form.errorsHeading}
      </Heading>
      {message && <Paragraph>{message}</Paragraph>}
      {problems.length > 0 && (
        <ul class="koers-error-summary__list">
          {problems.map((problem) => (
            <li>{problem.fieldId ? <a href={`#${problem.fieldId}`}>{problem.text}</a> : problem.text}</li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}

/** The hidden field every state-changing form carries. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/** Values typed into a form and the problems found, to show them again beside the fields. */
export interface FormState {
  values: Record<string, string>;
  problems: FieldProblem[];
}

export function problemsOf(state: FormState | undefined, field: string): string[] {
  return (state?.problems ?? []).filter((problem) => problem.path === field).map((problem) => problem.message);
}

interface FieldProps {
  id: string;
  name: string;
  label: string;
  hint?: string;
  errors?: string[];
}

function describedBy(id: string, hint: string | undefined, errors: string[]): string | undefined {
  const ids = [hint ? `${id}-hint` : '', errors.length > 0 ? `${id}-fout` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldHelp({ id, hint, errors }: { id: string; hint?: string; errors: string[] }) {
  return (
    <>
      {hint && (
        <div class="utrecht-form-field-description" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {errors.length > 0 && (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {errors.join(' ')}
        </div>
      )}
    </>
  );
}

export function TextField({
  id,
  name,
  label,
  hint,
  errors = [],
  value,
  type = 'text',
  inputmode,
  required = false,
  accept,
}: FieldProps & {
  value?: string;
  type?: 'text' | 'file';
  inputmode?: 'decimal' | 'numeric';
  required?: boolean;
  accept?: string;
}) {
  const invalid = errors.length > 0;
  return (
    <div class={invalid ? 'utrecht-form-field utrecht-form-field--invalid' : 'utrecht-form-field'}>
      <label class="utrecht-form-label" for={id}>
        {label}
      </label>
      <FieldHelp id={id} hint={hint} errors={errors} />
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`}
        id={id}
        name={name}
        type={type}
        value={type === 'file' ? undefined : value}
        inputmode={inputmode}
        accept={accept}
        required={required}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      />
    </div>
  );
}

export function TextArea({
  id,
  name,
  label,
  hint,
  errors = [],
  value,
  required = false,
}: FieldProps & { value?: string; required?: boolean }) {
  const invalid = errors.length > 0;
  return (
    <div class={invalid ? 'utrecht-form-field utrecht-form-field--invalid' : 'utrecht-form-field'}>
      <label class="utrecht-form-label" for={id}>
        {label}
      </label>
      <FieldHelp id={id} hint={hint} errors={errors} />
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
        id={id}
        name={name}
        rows={5}
        required={required}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      >
        {value ?? ''}
      </textarea>
    </div>
  );
}

export function SelectField({
  id,
  name,
  label,
  hint,
  errors = [],
  options,
  selected,
}: FieldProps & { options: { value: string; label: string }[]; selected?: string }) {
  const invalid = errors.length > 0;
  return (
    <div class={invalid ? 'utrecht-form-field utrecht-form-field--invalid' : 'utrecht-form-field'}>
      <label class="utrecht-form-label" for={id}>
        {label}
      </label>
      <FieldHelp id={id} hint={hint} errors={errors} />
      <select
        class={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
        id={id}
        name={name}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      >
        {options.map((option) => (
          <option value={option.value} selected={option.value === selected}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField({ id, name, label, hint, errors = [], checked }: FieldProps & { checked: boolean }) {
  const invalid = errors.length > 0;
  return (
    <div
      class={
        invalid
          ? 'utrecht-form-field utrecht-form-field--checkbox utrecht-form-field--invalid'
          : 'utrecht-form-field utrecht-form-field--checkbox'
      }
    >
      <input
        class={`utrecht-checkbox utrecht-checkbox--html-input${invalid ? ' utrecht-checkbox--invalid' : ''}`}
        type="checkbox"
        id={id}
        name={name}
        value="ja"
        checked={checked}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      />{' '}
      <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
        {label}
      </label>
      <FieldHelp id={id} hint={hint} errors={errors} />
    </div>
  );
}

export function SubmitButton({ children, secondary = false }: { children?: Child; secondary?: boolean }) {
  return (
    <button
      type="submit"
      class={`utrecht-button ${secondary ? 'utrecht-button--secondary-action' : 'utrecht-button--primary-action'} utrecht-button--submit`}
    >
      {children}
    </button>
  );
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

const signedNumber = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1, useGrouping: true, signDisplay: 'exceptZero' });

/** A date only, tolerant of text that is no date (shown as given). */
export function formatDay(iso: string): string {
  try {
    return formatDate(iso);
  } catch {
    return iso;
  }
}

export { formatOneDecimal } from '../../../web/format.js';

/** +3, -2 or 0, with one decimal at most. */
export function formatSigned(value: number): string {
  return signedNumber.format(value);
}

/** "maart 2023". */
export function monthName(year: number, month: number): string {
  return periodLabel({ kind: 'month', year, number: month });
}

/** Where a measurement comes from, in words: open data with table and version, a file and row, or by hand. */
export function describeSource(m: Messages, measurement: Pick<Measurement, 'source' | 'provenance'>): string {
  const s = m.monitoring.source;
  const provenance = measurement.provenance;
  if (measurement.source === 'open_data') {
    const table = typeof provenance.tabel === 'string' ? provenance.tabel : '';
    const modified = typeof provenance.gewijzigd === 'string' ? formatDay(provenance.gewijzigd) : null;
    return s.openData(table, modified);
  }
  if (measurement.source === 'file') {
    const name = typeof provenance.bestand === 'string' ? provenance.bestand : '';
    const row = typeof provenance.rij === 'number' ? provenance.rij : null;
    return s.file(name, row);
  }
  return s.manual;
}
