/**
 * `/plannen/:planId/prioritering` and its forms: the criteria, the scores,
 * the choice (each saved as a whole prioritisation at the version the page
 * showed, then back to the page), and the next plan's concept (to the new
 * plan). Bad input shows the page again with what was typed and the messages
 * at the fields; a stale save shows the prioritisation as it now is (409).
 * Mount with `app.route('/', createPrioritisationPages(service))`.
 */
import { type Context, Hono } from 'hono';
import { ConflictError, ValidationError } from '../../domain/errors.js';
import type { Criterion, Scores } from '../../domain/prioritisation.js';
import type { AppEnv } from '../../http/app-env.js';
import { csrfTokenFor } from '../../http/csrf.js';
import { type FormFields, readForm } from '../../http/form.js';
import { renderDocument } from '../../web/layout.js';
import { type Locale, type Messages, messagesFor } from '../../web/messages.js';
import { planUrl, prioritisationPageUrl } from '../plans/pages/plan-urls.js';
import { PrioritisationPage } from './prioritisation.page.js';
import {
  contentProblems,
  type PrioritisationContent,
  type PrioritisationService,
  type PrioritisationView,
} from './prioritisation.service.js';
import { CHOICES, type FailedForm, FIELDS, type PrioritisationForm } from './prioritisation-forms.js';

type Problem = FailedForm['problems'][number];

export function createPrioritisationPages(service: PrioritisationService, options: { locale?: Locale } = {}): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const t = m.prioritisation;
  const pages = new Hono<AppEnv>();

  const render = async (c: Context<AppEnv>, extra: { notice?: string; failed?: FailedForm } = {}, status: 200 | 400 | 409 = 200) => {
    const view = await service.view(c.var.actor, c.req.param('planId') ?? '');
    c.header('Cache-Control', 'no-store');
    return c.html(renderDocument(<PrioritisationPage m={m} view={view} csrf={csrfTokenFor(c)} {...extra} />), status);
  };

  /** Saves what a form changed on the prioritisation as it stands; problems go back to the form's fields. */
  const saveFrom = async (
    c: Context<AppEnv>,
    form: PrioritisationForm,
    change: (
      view: PrioritisationView,
      fields: FormFields,
    ) => { content: PrioritisationContent; problems: Problem[]; fieldOf: (path: string) => Problem },
  ) => {
    const planId = c.req.param('planId') ?? '';
    await service.assertMayEdit(c.var.actor, planId);
    const fields = await readForm(c);
    const values = textsOf(fields);
    const view = await service.view(c.var.actor, planId, { facts: false });
    const { content, problems, fieldOf } = change(view, fields);
    if (problems.length > 0) {
      // Every problem at once: what the form could not read, and what the prioritisation would not take.
      const known = new Set(problems.map((problem) => problem.field));
      for (const problem of contentProblems(content, view.state.catalogueEdition)) {
        const at = { ...fieldOf(problem.path), message: problem.message };
        if (!at.field || !known.has(at.field)) problems.push(at);
      }
      return render(c, { failed: { form, message: '', values, problems } }, 400);
    }
    try {
      await service.save(c.var.actor, planId, content, versionOf(values));
    } catch (error) {
      return failure(c, error, form, values, fieldOf);
    }
    return c.redirect(`${prioritisationPageUrl(planId)}?gedaan=${form}`, 303);
  };

  const failure = (
    c: Context<AppEnv>,
    error: unknown,
    form: PrioritisationForm,
    values: Record<string, string>,
    fieldOf: (path: string) => Problem,
  ) => {
    if (error instanceof ConflictError)
      return render(c, { failed: { form: null, message: t.stale, values: {}, problems: [{ message: error.message }] } }, 409);
    if (!(error instanceof ValidationError)) throw error;
    return render(
      c,
      {
        failed: {
          form,
          message: error.message,
          values,
          problems: error.problems.map((problem) => ({ ...fieldOf(problem.path), message: problem.message })),
        },
      },
      400,
    );
  };

  pages.get('/plannen/:planId/prioritering', (c) => {
    const done = c.req.query('gedaan');
    return render(c, { notice: done ? t.done[done] : undefined });
  });

  pages.post('/plannen/:planId/prioritering/criteria', (c) => saveFrom(c, 'criteria', (view, fields) => criteriaFrom(m, view, fields)));
  pages.post('/plannen/:planId/prioritering/scores', (c) => saveFrom(c, 'scores', (view, fields) => scoresFrom(m, view, fields)));
  pages.post('/plannen/:planId/prioritering/keuze', (c) => saveFrom(c, 'choice', (view, fields) => choiceFrom(m, view, fields)));

  pages.post('/plannen/:planId/prioritering/volgend-plan', async (c) => {
    const planId = c.req.param('planId');
    await service.assertMayEdit(c.var.actor, planId);
    const values = textsOf(await readForm(c));
    const problems: Problem[] = [];
    const year = (name: string, label: string) => {
      if (/^\d{4}$/.test(values[name] ?? '')) return Number(values[name]);
      problems.push({ field: name, label, message: t.yearNumber });
      return 0;
    };
    const periodStart = year(FIELDS.from, t.conceptFrom);
    const periodEnd = year(FIELDS.to, t.conceptTo);
    if (problems.length > 0) return render(c, { failed: { form: 'concept', message: '', values, problems } }, 400);
    const fieldOf = (path: string): Problem => {
      const field = { titel: FIELDS.title, 'periode.van': FIELDS.from, 'periode.tot': FIELDS.to }[path];
      const label = { titel: t.conceptTitle, 'periode.van': t.conceptFrom, 'periode.tot': t.conceptTo }[path];
      return field ? { field, label, message: '' } : { message: '' };
    };
    try {
      const made = await service.makeConcept(
        c.var.actor,
        planId,
        { title: values[FIELDS.title] ?? '', periodStart, periodEnd },
        versionOf(values),
      );
      return c.redirect(planUrl(made.planId), 303);
    } catch (error) {
      return failure(c, error, 'concept', values, fieldOf);
    }
  });

  return pages;
}

function textsOf(fields: FormFields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value.trim()]] : [])));
}

function versionOf(values: Record<string, string>): number {
  const version = Number(values[FIELDS.version]);
  return Number.isInteger(version) && version >= 0 ? version : -1;
}

/** A Dutch number: 1, 1,5 or 1.5. */
function parseWeight(text: string): number | null {
  if (!/^\d+([.,]\d+)?$/.test(text)) return null;
  return Number(text.replace(',', '.'));
}

/** A key for a new criterion from its name: kleine letters, cijfers en koppeltekens, unique among the keys there are. */
export function keyForName(name: string, taken: readonly string[]): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50)
      .replace(/-+$/, '') || 'criterium';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}-${n}`;
  return key;
}

function criteriaFrom(m: Messages, view: PrioritisationView, fields: FormFields) {
  const t = m.prioritisation;
  const values = textsOf(fields);
  const problems: Problem[] = [];
  const criteria: Criterion[] = [];
  /** The form's name prefix of each criterion sent on, by its place in the list. */
  const origin: { name: string; weight: string; nameLabel: string; weightLabel: string }[] = [];
  const weightOf = (name: string, label: string) => {
    const text = values[name] ?? '';
    const weight = parseWeight(text);
    if (weight === null) problems.push({ field: name, label, message: text === '' ? t.weightRequired : t.weightNumber });
    return weight ?? 0;
  };
  for (let index = 0; values[FIELDS.criterion(index, 'sleutel')] !== undefined && index < 100; index++) {
    if ((values[FIELDS.criterion(index, 'weg')] ?? '') !== '') continue;
    const at = {
      name: FIELDS.criterion(index, 'naam'),
      weight: FIELDS.criterion(index, 'gewicht'),
      nameLabel: t.criterionLegend(index + 1),
      weightLabel: t.weightOf(index + 1),
    };
    criteria.push({
      key: values[FIELDS.criterion(index, 'sleutel')] ?? '',
      name: values[at.name] ?? '',
      weight: weightOf(at.weight, at.weightLabel),
    });
    origin.push(at);
  }
  const newName = values[FIELDS.newName] ?? '';
  if (newName !== '') {
    const weightText = values[FIELDS.newWeight] ?? '';
    criteria.push({
      key: keyForName(
        newName,
        criteria.map((criterion) => criterion.key),
      ),
      name: newName,
      weight: weightText === '' ? 1 : weightOf(FIELDS.newWeight, t.newWeight),
    });
    origin.push({ name: FIELDS.newName, weight: FIELDS.newWeight, nameLabel: t.newCriterion, weightLabel: t.newWeight });
  }
  // The scores on a criterion taken away lapse with it; the audit trail keeps them.
  const kept = new Set(criteria.map((criterion) => criterion.key));
  const scores: Scores = Object.fromEntries(
    Object.entries(view.state.scores).map(([code, perCriterion]) => [
      code,
      Object.fromEntries(Object.entries(perCriterion).filter(([key]) => kept.has(key))),
    ]),
  );
  const fieldOf = (path: string): Problem => {
    const match = /^criteria\[(\d+)\]\.(naam|gewicht|sleutel)$/.exec(path);
    const at = match ? origin[Number(match[1])] : undefined;
    if (!match || !at) return { message: '' };
    return match[2] === 'gewicht'
      ? { field: at.weight, label: at.weightLabel, message: '' }
      : { field: at.name, label: at.nameLabel, message: '' };
  };
  return { content: { ...view.state, criteria, scores }, problems, fieldOf };
}

function scoresFrom(m: Messages, view: PrioritisationView, fields: FormFields) {
  const t = m.prioritisation;
  const values = textsOf(fields);
  const problems: Problem[] = [];
  const scores: Scores = {};
  const notes: Record<string, string> = {};
  const codes = view.fields.flatMap((field) => field.themes.map((theme) => theme.code));
  for (const code of codes) {
    for (const criterion of view.state.criteria) {
      const name = FIELDS.score(code, criterion.key);
      const text = values[name] ?? '';
      if (text === '') continue;
      // Anything but a whole number from 0 to 5 is named by the domain (scoreProblems), at this field.
      const own = scores[code] ?? {};
      own[criterion.key] = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
      scores[code] = own;
    }
    const note = values[FIELDS.note(code)] ?? '';
    if (note !== '') notes[code] = note;
  }
  const names = new Map(view.state.criteria.map((criterion) => [criterion.key, criterion.name]));
  const fieldOf = (path: string): Problem => {
    const score = /^scores\.([1-9D]\.\d+)\.(.+)$/.exec(path);
    if (score?.[1] && score[2])
      return { field: FIELDS.score(score[1], score[2]), label: t.scoreLabel(score[1], names.get(score[2]) ?? score[2]), message: '' };
    const note = /^toelichtingen\.([1-9D]\.\d+)$/.exec(path);
    if (note?.[1]) return { field: FIELDS.note(note[1]), label: t.noteLabel(note[1]), message: '' };
    return { message: '' };
  };
  return { content: { ...view.state, scores, notes }, problems, fieldOf };
}

function choiceFrom(m: Messages, view: PrioritisationView, fields: FormFields) {
  const t = m.prioritisation;
  const values = textsOf(fields);
  const problems: Problem[] = [];
  const picked: { code: string; choice: string; order: number; position: number }[] = [];
  view.ranking.forEach((row, position) => {
    const choice = values[FIELDS.choice(row.code)] ?? '';
    const orderText = values[FIELDS.order(row.code)] ?? '';
    if (orderText !== '' && !/^\d{1,3}$/.test(orderText))
      problems.push({ field: FIELDS.order(row.code), label: t.orderLabel(row.code), message: t.orderNumber });
    if (choice === '') return;
    picked.push({ code: row.code, choice, order: orderText === '' ? Number.POSITIVE_INFINITY : Number(orderText), position });
  });
  picked.sort((a, b) => a.order - b.order || a.position - b.position);
  const of = (choice: string) => picked.filter((entry) => entry.choice === choice).map((entry) => entry.code);
  const priorities = of(CHOICES.priority);
  const strategic = of(CHOICES.strategic);
  for (const entry of picked) {
    if (entry.choice !== CHOICES.priority && entry.choice !== CHOICES.strategic)
      problems.push({ field: FIELDS.choice(entry.code), label: t.choiceLabel(entry.code), message: t.choiceInvalid });
  }
  const fieldOf = (path: string): Problem => {
    const match = /^(prioriteiten|strategischeThemas)\[(\d+)\]$/.exec(path);
    const code = match ? (match[1] === 'prioriteiten' ? priorities : strategic)[Number(match[2])] : undefined;
    return code ? { field: FIELDS.choice(code), label: t.choiceLabel(code), message: '' } : { message: '' };
  };
  return { content: { ...view.state, priorities, strategic }, problems, fieldOf };
}
