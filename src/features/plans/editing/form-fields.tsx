/**
 * The fields of an edit form as HTML, from the form model: every control with
 * its label, hint and problems beside it (aria-describedby ties them
 * together), choices in fieldsets with a legend, and the error summary at the
 * top that links to each field. Optional fields say so in their label.
 */
import type { Child } from 'hono/jsx';
import type { FieldProblem } from '../../../domain/errors.js';
import { CSRF_FIELD } from '../../../http/csrf.js';
import type { Messages } from '../../../web/messages.js';
import { ErrorSummary, type SummaryProblem } from '../../monitoring/pages/monitor-parts.js';
import {
  type Choice,
  choiceName,
  type FieldSpec,
  type FormState,
  fieldId,
  fieldNames,
  fieldOf,
  labelOf,
  lineCountName,
  lineFields,
} from './form-model.js';

type Errors = ReadonlyMap<string, string[]>;

/** The problems per field; those that belong to no field are left for the summary. */
export function errorsByField(specs: FieldSpec[], problems: FieldProblem[]): Map<string, string[]> {
  const names = fieldNames(specs);
  const errors = new Map<string, string[]>();
  for (const problem of problems) {
    const name = fieldOf(problem.path, names);
    if (name !== undefined) errors.set(name, [...(errors.get(name) ?? []), problem.message]);
  }
  return errors;
}

/** The summary's lines: each problem with the label of its field and a link to it. */
export function summaryOf(m: Messages, specs: FieldSpec[], problems: FieldProblem[]): SummaryProblem[] {
  const names = fieldNames(specs);
  // In the order of the form; what belongs to no field last.
  const place = (problem: FieldProblem) => {
    const name = fieldOf(problem.path, names);
    return name === undefined ? names.length : names.indexOf(name);
  };
  return [...problems]
    .sort((a, b) => place(a) - place(b))
    .map((problem) => {
      const name = fieldOf(problem.path, names);
      if (name === undefined)
        return { text: problem.path === '$' || problem.path === '' ? problem.message : `${m.editing.form.elsewhere}: ${problem.message}` };
      return { fieldId: fieldId(name), text: `${labelOf(specs, name) ?? name}: ${problem.message}` };
    });
}

export function FormErrorSummary({
  m,
  specs,
  problems,
  message,
}: {
  m: Messages;
  specs: FieldSpec[];
  problems: FieldProblem[];
  message?: string;
}) {
  if (problems.length === 0 && !message) return null;
  return <ErrorSummary m={m} message={message} problems={summaryOf(m, specs, problems)} />;
}

export function HiddenFields({ csrf, version }: { csrf: string; version?: number }) {
  return (
    <>
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {version !== undefined && <input type="hidden" name="versie" value={String(version)} />}
    </>
  );
}

/**
 * The form's first submit button, out of sight: pressing Enter in a field
 * saves, rather than pressing the first button in the form (such as "Nog een hoofdlijn").
 */
export function DefaultSubmit() {
  return (
    <button type="submit" hidden tabindex={-1}>
      {''}
    </button>
  );
}

export function Fields({ m, specs, state }: { m: Messages; specs: FieldSpec[]; state: FormState }) {
  const errors = errorsByField(specs, state.problems);
  return (
    <>
      {specs.map((spec) => (
        <Field m={m} spec={spec} values={state.values} errors={errors} />
      ))}
    </>
  );
}

function describedBy(id: string, hint: string | undefined, errors: string[] | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : '', errors?.length ? `${id}-fout` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Help({ id, hint, errors }: { id: string; hint?: string; errors?: string[] }) {
  return (
    <>
      {hint && (
        <div class="utrecht-form-field-description" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {errors && errors.length > 0 && (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {errors.join(' ')}
        </div>
      )}
    </>
  );
}

const isOptional = (spec: FieldSpec) =>
  ('nullable' in spec && spec.nullable === true) ||
  ('omitWhenEmpty' in spec && spec.omitWhenEmpty === true) ||
  (spec.type === 'select' && spec.emptyLabel !== undefined);

function Label({ m, spec, id }: { m: Messages; spec: FieldSpec; id: string }) {
  return (
    <label class="utrecht-form-label" for={id}>
      {spec.label}
      {isOptional(spec) && <span class="koers-optional">{` ${m.editing.form.optional}`}</span>}
    </label>
  );
}

function fieldClass(invalid: boolean, extra = ''): string {
  return ['utrecht-form-field', extra, invalid ? 'utrecht-form-field--invalid' : ''].filter(Boolean).join(' ');
}

function Legend({ m, spec }: { m: Messages; spec: FieldSpec }) {
  return (
    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
      {spec.label}
      {isOptional(spec) && <span class="koers-optional">{` ${m.editing.form.optional}`}</span>}
    </legend>
  );
}

function Fieldset({
  m,
  spec,
  errors,
  extra,
  children,
}: {
  m: Messages;
  spec: FieldSpec;
  errors?: string[];
  extra?: string;
  children?: Child;
}) {
  const id = fieldId(spec.name);
  const invalid = (errors?.length ?? 0) > 0;
  return (
    <fieldset
      id={id}
      class={[
        'utrecht-form-fieldset',
        'utrecht-form-fieldset--html-fieldset',
        'koers-fieldset',
        extra ?? '',
        invalid ? 'utrecht-form-fieldset--invalid koers-fieldset--invalid' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      aria-describedby={describedBy(id, spec.hint, errors)}
    >
      <Legend m={m} spec={spec} />
      <Help id={id} hint={spec.hint} errors={errors} />
      {children}
    </fieldset>
  );
}

function Options({ choices, selected }: { choices: Choice[]; selected: string }) {
  const groups = [...new Set(choices.map((option) => option.group))];
  if (groups.every((group) => group === undefined))
    return (
      <>
        {choices.map((option) => (
          <option value={option.value} selected={option.value === selected}>
            {option.label}
          </option>
        ))}
      </>
    );
  return (
    <>
      {groups.map((group) => (
        <optgroup label={group ?? ''}>
          <Options choices={choices.filter((option) => option.group === group).map(({ group: _, ...rest }) => rest)} selected={selected} />
        </optgroup>
      ))}
    </>
  );
}

function Field({ m, spec, values, errors }: { m: Messages; spec: FieldSpec; values: Record<string, string>; errors: Errors }) {
  const id = fieldId(spec.name);
  const own = errors.get(spec.name);
  const invalid = (own?.length ?? 0) > 0;
  const value = values[spec.name] ?? '';
  const aria = { 'aria-invalid': invalid ? ('true' as const) : undefined, 'aria-describedby': describedBy(id, spec.hint, own) };
  switch (spec.type) {
    case 'text':
    case 'date':
    case 'number':
      return (
        <div class={fieldClass(invalid)}>
          <Label m={m} spec={spec} id={id} />
          <Help id={id} hint={spec.hint} errors={own} />
          <input
            class={`utrecht-textbox utrecht-textbox--html-input${spec.type === 'text' ? '' : ' koers-textbox--short'}${invalid ? ' utrecht-textbox--invalid' : ''}`}
            id={id}
            name={spec.name}
            type="text"
            autocomplete={spec.type === 'date' ? 'off' : undefined}
            inputmode={spec.type === 'number' ? (spec.whole ? 'numeric' : 'decimal') : undefined}
            value={value}
            {...aria}
          />
        </div>
      );
    case 'textarea':
    case 'dimensions':
      return (
        <div class={fieldClass(invalid)}>
          <Label m={m} spec={spec} id={id} />
          <Help id={id} hint={spec.hint} errors={own} />
          <textarea
            class={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
            id={id}
            name={spec.name}
            rows={spec.type === 'dimensions' ? 3 : 4}
            {...aria}
          >
            {value}
          </textarea>
        </div>
      );
    case 'select': {
      const empty = spec.emptyLabel ?? (value === '' ? m.editing.form.chooseOption : undefined);
      return (
        <div class={fieldClass(invalid)}>
          <Label m={m} spec={spec} id={id} />
          <Help id={id} hint={spec.hint} errors={own} />
          <select
            class={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
            id={id}
            name={spec.name}
            {...aria}
          >
            {empty !== undefined && (
              <option value="" selected={value === ''}>
                {empty}
              </option>
            )}
            <Options choices={spec.choices} selected={value} />
          </select>
        </div>
      );
    }
    case 'radios':
      return (
        <Fieldset m={m} spec={spec} errors={own}>
          {spec.choices.map((option, index) => (
            <div class="utrecht-form-field utrecht-form-field--radio koers-choice">
              <input
                class="utrecht-radio-button utrecht-radio-button--html-input"
                type="radio"
                id={`${id}-${index}`}
                name={spec.name}
                value={option.value}
                checked={option.value === value}
              />{' '}
              <label class="utrecht-form-label utrecht-form-label--radio-button" for={`${id}-${index}`}>
                {option.label}
              </label>
            </div>
          ))}
        </Fieldset>
      );
    case 'checkbox':
      return (
        <div class={fieldClass(invalid, 'utrecht-form-field--checkbox koers-choice')}>
          <input
            class="utrecht-checkbox utrecht-checkbox--html-input"
            type="checkbox"
            id={id}
            name={spec.name}
            value="ja"
            checked={value !== ''}
            {...aria}
          />{' '}
          <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
            {spec.label}
          </label>
          <Help id={id} hint={spec.hint} errors={own} />
        </div>
      );
    case 'checkboxes':
      return (
        <Fieldset m={m} spec={spec} errors={own}>
          {spec.choices.length === 0 ? (
            <p class="utrecht-paragraph koers-muted">{m.editing.field.noChoices}</p>
          ) : (
            <div class={spec.many ? 'koers-choices koers-choices--many' : 'koers-choices'}>
              {spec.choices.map((option, index) => (
                <div class="utrecht-form-field utrecht-form-field--checkbox koers-choice">
                  <input
                    class="utrecht-checkbox utrecht-checkbox--html-input"
                    type="checkbox"
                    id={`${id}-${index}`}
                    name={choiceName(spec.name, option.value)}
                    value="ja"
                    checked={values[choiceName(spec.name, option.value)] === 'ja'}
                  />{' '}
                  <label class="utrecht-form-label utrecht-form-label--checkbox" for={`${id}-${index}`}>
                    {option.label}
                  </label>
                </div>
              ))}
            </div>
          )}
        </Fieldset>
      );
    case 'group':
      return (
        <Fieldset m={m} spec={spec} errors={own} extra={spec.inline ? 'koers-fieldset--inline' : undefined}>
          {spec.fields.map((field) => (
            <Field m={m} spec={field} values={values} errors={errors} />
          ))}
        </Fieldset>
      );
    case 'lines':
      return (
        <Fieldset m={m} spec={spec} errors={own}>
          <input type="hidden" name={lineCountName(spec.name)} value={String(spec.count)} />
          {Array.from({ length: spec.count }, (_, index) => (
            <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset koers-fieldset koers-fieldset--line">
              <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{spec.lineLegend(index + 1)}</legend>
              {lineFields(spec, index).map((field) => (
                <Field m={m} spec={field} values={values} errors={errors} />
              ))}
            </fieldset>
          ))}
          <button type="submit" name="_meer" value={spec.name} class="utrecht-button utrecht-button--secondary-action">
            {spec.addLabel}
          </button>
        </Fieldset>
      );
    case 'fixed':
      return (
        <div class="utrecht-form-field koers-fixed-field">
          <p class="utrecht-paragraph">
            <span class="koers-fixed-field__label">{`${spec.label}: `}</span>
            {spec.display}
          </p>
        </div>
      );
  }
}
