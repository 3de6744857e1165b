/**
 * The pages that write a plan, under /plannen/nieuw and /plannen/:planId/bewerken.
 * Mount before the plan pages (/plannen/nieuw is no plan id).
 *
 * Every form reads through readForm, carries the version it was made on and
 * answers the way the monitoring forms do: a 303 to the edit page with a
 * notice, or the form again (400) with each problem beside its field and the
 * input kept. A form made on a version where the same element has changed
 * since comes back (412) with what changed and the input kept, to be sent
 * again on the new version. An element form asked for JSON (the script that
 * edits an activity in its row) answers a change with the new version and the
 * row as the page shows it; its problems come as the same HTML as without
 * JavaScript. Who may do what, and in which state of the plan, the services
 * decide; their refusals become error pages through the app's error handler.
 */
import { type Context, Hono } from 'hono';
import {
  ConflictError,
  type FieldProblem,
  ForbiddenError,
  NotFoundError,
  StaleVersionError,
  UnauthenticatedError,
  ValidationError,
} from '../../../domain/errors.js';
import type { Plan, PlanContent } from '../../../domain/plan.js';
import { changeInWords } from '../../../domain/plan-diff.js';
import { ELEMENT_NAMES, type ElementKind, elementLabel, findElement, listElements, removeElement } from '../../../domain/plan-elements.js';
import type { AppEnv } from '../../../http/app-env.js';
import { csrfTokenFor } from '../../../http/csrf.js';
import { type FormFields, readForm } from '../../../http/form.js';
import { renderDocument } from '../../../web/layout.js';
import { type Locale, type Messages, messagesFor } from '../../../web/messages.js';
import { ELEMENT_PATHS, kindOfPath } from '../element-paths.js';
import type { PlanRevision } from '../plan.repository.js';
import type { PlanService } from '../plan.service.js';
import type { PlanChangesService } from '../plan-changes.service.js';
import { toContent } from '../plan-document.mapper.js';
import type { PlanEditingService } from '../plan-editing.service.js';
import { elementToDocument, planFieldsFromDocument, planFieldsToDocument } from '../plan-element-documents.js';
import type { PlanLifecycleService } from '../plan-lifecycle.service.js';
import { EditFormPage, elementFormFrame, RemovePage, RevisionLine, RevisionPage } from './edit-form.page.js';
import { editCrumbs, openRevisionOf } from './edit-parts.js';
import {
  adoptUrl,
  closePlanUrl,
  editUrl,
  elementAnchor,
  elementUrl,
  newElementUrl,
  openRevisionUrl,
  planFieldsUrl,
  startPlanUrl,
} from './edit-urls.js';
import {
  elementFields,
  type FormContext,
  formProblems,
  lineCountsOf,
  newElementValues,
  planFields,
  planProblems,
  readElementForm,
  readPlanFieldsForm,
} from './element-forms.js';
import { type FieldSpec, type FormState, readForm as readFields, valuesOf } from './form-model.js';
import {
  adoptFields,
  closeFields,
  readAdoptForm,
  readCloseForm,
  readRevisionForm,
  readStartForm,
  revisionFields,
  startDefaults,
  startFields,
  startProblems,
} from './lifecycle-forms.js';
import { ActivityEditRow, PlanEditPage } from './plan-edit.page.js';

export interface EditingServices {
  plans: Pick<PlanService, 'getWorkingCopy' | 'getPlan' | 'listPlans'>;
  editing: Pick<PlanEditingService, 'addElement' | 'updateElement' | 'removeElement' | 'reorder' | 'updatePlanFields'>;
  lifecycle: Pick<
    PlanLifecycleService,
    'startPlan' | 'adopt' | 'openRevision' | 'applyRevision' | 'withdrawRevision' | 'closePlan' | 'revisions' | 'startableMunicipalities'
  >;
  changes: Pick<PlanChangesService, 'revision'>;
}

type C = Context<AppEnv>;

/** What a form page carries besides its fields: its version, and when it comes back, a conflict or a message. */
interface FormExtra {
  version: number;
  conflict?: StaleVersionError;
  message?: string;
}

const wantsJson = (c: C) => (c.req.header('Accept') ?? '').includes('application/json');

/** The version a form was made on; undefined when it is missing or unreadable (the service then asks for it: 428). */
function versionOf(form: FormFields): number | undefined {
  const value = form.versie;
  return typeof value === 'string' && /^\d{1,12}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

const field = (form: FormFields, name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');

export function createPlanEditingPages(services: EditingServices, options: { locale?: Locale } = {}): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const pages = new Hono<AppEnv>();
  const { plans, editing, lifecycle, changes } = services;

  /** The working copy and the revisions, for those who may edit the plan; an anonymous visitor of a page is sent to log in. */
  const load = async (c: C) => {
    const planId = c.req.param('planId') ?? '';
    const plan = await plans.getWorkingCopy(c.var.actor, planId);
    const revisions = await lifecycle.revisions(c.var.actor, planId);
    return { plan, revisions, content: toContent(plan), open: openRevisionOf(revisions) };
  };
  const loginFirst = async (c: C) => {
    if (c.var.actor.kind !== 'anonymous') return undefined;
    // A plan that is not there stays not there; one that is asks to log in.
    await plans.getPlan(c.var.actor, c.req.param('planId') ?? '');
    return c.redirect('/inloggen', 303);
  };
  /** A form page is only offered while the plan takes edits. */
  const assertEditable = (plan: Plan, open: unknown) => {
    if (plan.status === 'closed') throw new ConflictError(m.editing.notEditable.closed);
    if (plan.status === 'adopted' && !open) throw new ConflictError(m.editing.notEditable.adopted);
  };
  const html = (c: C, page: Parameters<typeof renderDocument>[0], status: 200 | 400 | 409 | 412 = 200) =>
    c.html(renderDocument(page), status);
  const backToEdit = (c: C, planId: string, query: Record<string, string>, anchor?: string) =>
    c.redirect(`${editUrl(planId)}?${new URLSearchParams(query)}${anchor ? `#${anchor}` : ''}`, 303);
  /**
   * A form of the plan itself (its own fields, adoption, a revision, closing): the plan's crumbs, its version and,
   * when the form comes back, the conflict or the message; cancelling goes back to the part of the edit page it
   * belongs to. A lifecycle form's conflict says the plan changed state meanwhile.
   */
  const planFormPage = (
    c: C,
    plan: Plan,
    form: { title: string; intro?: string; specs: FieldSpec[]; action: string; submitLabel: string; section: 'gegevens' | 'status' },
    state: FormState,
    extra: FormExtra,
  ) => (
    <EditFormPage
      m={m}
      title={form.title}
      crumbs={editCrumbs(m, plan, form.title)}
      intro={form.intro ? <p class="utrecht-paragraph">{form.intro}</p> : undefined}
      specs={form.specs}
      state={state}
      action={form.action}
      csrf={csrfTokenFor(c)}
      version={extra.version}
      conflict={extra.conflict}
      lifecycleConflict={form.section === 'status'}
      message={extra.message}
      submitLabel={form.submitLabel}
      cancelHref={`${editUrl(plan.id)}#${form.section}`}
    />
  );
  /**
   * Makes the change a form was sent for (`change` answers with the way on), and when the service refuses it,
   * answers as every form here does: a problem it finds (ValidationError) shows the form again with the values
   * entered and each problem next to its field (400); a change someone else made meanwhile (StaleVersionError)
   * shows it again with what changed, on the current version (412). Anything else propagates.
   */
  const changeOrShowAgain = async (
    c: C,
    sent: { values: FormState['values']; version: number; onFields?: (problems: FieldProblem[]) => FieldProblem[] },
    page: (state: FormState, extra: FormExtra) => Parameters<typeof renderDocument>[0],
    change: () => Promise<Response>,
  ): Promise<Response> => {
    try {
      return await change();
    } catch (error) {
      if (error instanceof ValidationError) {
        const problems = sent.onFields ? sent.onFields(error.problems) : error.problems;
        return html(c, page({ values: sent.values, problems }, { version: sent.version, message: error.message }), 400);
      }
      if (error instanceof StaleVersionError)
        return html(c, page({ values: sent.values, problems: [] }, { version: error.currentVersion, conflict: error }), 412);
      throw error;
    }
  };

  // -------------------------------------------------------------------------
  // Starting a plan

  const startOptions = async (c: C) => {
    const municipalities = await lifecycle.startableMunicipalities(c.var.actor);
    if (municipalities.length === 0) throw new ForbiddenError(m.editing.start.notAllowed);
    const codes = municipalities.map((municipality) => municipality.code);
    const predecessors = (await plans.listPlans(c.var.actor)).filter(
      (plan) => plan.municipalities.length === 1 && codes.includes(plan.municipalities[0]?.code ?? ''),
    );
    return { municipalities, codes, specs: startFields(m, municipalities, predecessors) };
  };
  const startPage = (c: C, specs: FieldSpec[], state: FormState, message?: string) => (
    <EditFormPage
      m={m}
      title={m.editing.start.title}
      crumbs={[{ label: m.common.plans, href: '/' }, { label: m.editing.start.title }]}
      intro={<p class="utrecht-paragraph utrecht-paragraph--lead">{m.editing.start.intro}</p>}
      specs={specs}
      state={state}
      action={startPlanUrl()}
      csrf={csrfTokenFor(c)}
      message={message}
      submitLabel={m.editing.start.submit}
      cancelHref="/"
    />
  );

  pages.get('/plannen/nieuw', async (c) => {
    if (c.var.actor.kind === 'anonymous') return c.redirect('/inloggen', 303);
    const { municipalities, specs } = await startOptions(c);
    return html(c, startPage(c, specs, { values: startDefaults(municipalities, new Date().getFullYear()), problems: [] }));
  });

  pages.post('/plannen/nieuw', async (c) => {
    const form = await readForm(c);
    if (c.var.actor.kind === 'anonymous') throw new UnauthenticatedError(m.editing.start.loginFirst);
    const { codes, specs } = await startOptions(c);
    const municipality = field(form, 'gemeente');
    if (municipality !== '' && !codes.includes(municipality))
      throw new ForbiddenError(`U mag geen plan voor gemeente ${municipality} beginnen`);
    const read = readStartForm(m, specs, form);
    if (!read.ok) return html(c, startPage(c, specs, read), 400);
    try {
      const planId = await lifecycle.startPlan(c.var.actor, read.input);
      return backToEdit(c, planId, { melding: 'begonnen' });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return html(c, startPage(c, specs, { values: read.values, problems: startProblems(error.problems) }, error.message), 400);
    }
  });

  // -------------------------------------------------------------------------
  // The edit page

  pages.get('/plannen/:planId/bewerken', async (c) => {
    const login = await loginFirst(c);
    if (login) return login;
    const { plan, revisions, content, open } = await load(c);
    const pending = open ? (await changes.revision(c.var.actor, plan.id, open.number)).changes.length : undefined;
    const kind = kindOfPath(c.req.query('soort') ?? '');
    const direction = c.req.query('richting');
    const focus =
      kind && (direction === 'omhoog' || direction === 'omlaag')
        ? { kind, key: c.req.query('sleutel') ?? '', direction: direction as 'omhoog' | 'omlaag' }
        : undefined;
    const page = (
      <PlanEditPage
        m={m}
        plan={plan}
        revisions={revisions}
        pendingChanges={pending}
        csrf={csrfTokenFor(c)}
        notice={noticeOf(m, content, revisions, (name) => c.req.query(name))}
        focus={focus}
      />
    );
    return html(c, page);
  });

  // -------------------------------------------------------------------------
  // The plan's own fields

  const planFieldsPage = (c: C, plan: Plan, state: FormState, extra: FormExtra) =>
    planFormPage(
      c,
      plan,
      {
        title: m.editing.factsTitle,
        specs: planFields(m),
        action: planFieldsUrl(plan.id),
        submitLabel: m.editing.form.save,
        section: 'gegevens',
      },
      state,
      extra,
    );

  pages.get('/plannen/:planId/bewerken/gegevens', async (c) => {
    const login = await loginFirst(c);
    if (login) return login;
    const { plan, content, open } = await load(c);
    assertEditable(plan, open);
    const values = valuesOf(planFields(m), planFieldsToDocument(content) as unknown as Record<string, unknown>);
    return html(c, planFieldsPage(c, plan, { values, problems: [] }, { version: plan.version }));
  });

  pages.post('/plannen/:planId/bewerken/gegevens', async (c) => {
    const form = await readForm(c);
    const { plan } = await load(c);
    const version = versionOf(form);
    const read = readPlanFieldsForm(m, planFields(m), form);
    if (!read.ok) return html(c, planFieldsPage(c, plan, read, { version: version ?? plan.version }), 400);
    const fields = read.document;
    return changeOrShowAgain(
      c,
      { values: read.values, version: version ?? plan.version, onFields: planProblems },
      (state, extra) => planFieldsPage(c, plan, state, extra),
      async () => {
        await editing.updatePlanFields(c.var.actor, plan.id, planFieldsFromDocument(fields), { expected: version, match: 'element' });
        return backToEdit(c, plan.id, { melding: 'gegevens' }, 'gegevens');
      },
    );
  });

  // -------------------------------------------------------------------------
  // Moving an element up or down (or, from the script, a whole new order)

  pages.post('/plannen/:planId/bewerken/volgorde', async (c) => {
    const form = await readForm(c);
    const { plan, content } = await load(c);
    const kind = kindOfPath(field(form, 'soort'));
    if (!kind)
      throw new ValidationError('Deze lijst bestaat niet', [
        { path: 'soort', message: `"${field(form, 'soort')}" is geen soort onderdeel` },
      ]);
    const parentKey = field(form, 'ouder') || null;
    const current = listElements(content)
      .filter((entry) => entry.kind === kind && entry.parentKey === parentKey)
      .map((entry) => entry.key);
    const key = field(form, 'sleutel');
    let order: string[];
    if (field(form, 'volgorde') !== '')
      order = field(form, 'volgorde')
        .split(',')
        .map((each) => each.trim());
    else {
      const index = current.indexOf(key);
      if (index < 0) throw new NotFoundError(ELEMENT_NAMES[kind].one, key);
      const target = field(form, 'richting') === 'omhoog' ? index - 1 : index + 1;
      order = [...current];
      if (target >= 0 && target < order.length) [order[index], order[target]] = [order[target] as string, order[index] as string];
    }
    const result = await editing.reorder(c.var.actor, plan.id, kind, parentKey, order, { expected: versionOf(form), match: 'element' });
    if (wantsJson(c)) return c.json({ versie: result.version });
    return backToEdit(
      c,
      plan.id,
      // No anchor: a page opened at an anchor ignores autofocus, and the moved button takes the focus (and scrolls into view).
      { melding: 'verplaatst', soort: ELEMENT_PATHS[kind], sleutel: key, richting: field(form, 'richting') },
    );
  });

  // -------------------------------------------------------------------------
  // Adoption

  const adoptPage = (c: C, plan: Plan, specs: FieldSpec[], state: FormState, extra: FormExtra) =>
    planFormPage(
      c,
      plan,
      {
        title: m.editing.adopt.title,
        intro: m.editing.adopt.intro,
        specs,
        action: adoptUrl(plan.id),
        submitLabel: m.editing.adopt.submit,
        section: 'status',
      },
      state,
      extra,
    );
  const adoptable = (plan: Plan) => {
    if (plan.status === 'closed') throw new ConflictError(m.editing.adopt.closed);
    const adopted = plan.adoptions.map((adoption) => adoption.municipalityCode);
    const open = plan.municipalities.filter((municipality) => !adopted.includes(municipality.code));
    if (open.length === 0) throw new ConflictError(m.editing.adopt.allAdopted);
    return adoptFields(m, open);
  };

  pages.get('/plannen/:planId/bewerken/vaststellen', async (c) => {
    const login = await loginFirst(c);
    if (login) return login;
    const { plan } = await load(c);
    const specs = adoptable(plan);
    const first = specs[0]?.type === 'select' ? (specs[0].choices[0]?.value ?? '') : '';
    return html(c, adoptPage(c, plan, specs, { values: { gemeente: first }, problems: [] }, { version: plan.version }));
  });

  pages.post('/plannen/:planId/bewerken/vaststellen', async (c) => {
    const form = await readForm(c);
    const { plan } = await load(c);
    const specs = adoptable(plan);
    const version = versionOf(form);
    const read = readAdoptForm(m, specs, form);
    if (!read.ok) return html(c, adoptPage(c, plan, specs, read, { version: version ?? plan.version }), 400);
    return changeOrShowAgain(
      c,
      { values: read.values, version: version ?? plan.version },
      (state, extra) => adoptPage(c, plan, specs, state, extra),
      async () => {
        await lifecycle.adopt(c.var.actor, plan.id, read.input, version);
        return backToEdit(c, plan.id, { melding: 'vastgesteld', gemeente: read.input.municipalityCode }, 'status');
      },
    );
  });

  // -------------------------------------------------------------------------
  // Revisions

  const openRevisionPage = (c: C, plan: Plan, state: FormState, extra: FormExtra) =>
    planFormPage(
      c,
      plan,
      {
        title: m.editing.revision.openTitle,
        intro: m.editing.revision.openIntro,
        specs: revisionFields(m),
        action: openRevisionUrl(plan.id),
        submitLabel: m.editing.revision.submitOpen,
        section: 'status',
      },
      state,
      extra,
    );

  pages.get('/plannen/:planId/bewerken/bijstelling-openen', async (c) => {
    const login = await loginFirst(c);
    if (login) return login;
    const { plan, open } = await load(c);
    if (plan.status === 'closed') throw new ConflictError(m.editing.notEditable.closed);
    if (plan.status === 'draft') throw new ConflictError(m.editing.revision.notAdopted);
    if (open) throw new ConflictError(m.editing.close.revisionOpen(open.number));
    return html(c, openRevisionPage(c, plan, { values: {}, problems: [] }, { version: plan.version }));
  });

  pages.post('/plannen/:planId/bewerken/bijstelling-openen', async (c) => {
    const form = await readForm(c);
    const { plan } = await load(c);
    const version = versionOf(form);
    const read = readRevisionForm(m, revisionFields(m), form);
    if (!read.ok) return html(c, openRevisionPage(c, plan, read, { version: version ?? plan.version }), 400);
    return changeOrShowAgain(
      c,
      { values: read.values, version: version ?? plan.version },
      (state, extra) => openRevisionPage(c, plan, state, extra),
      async () => {
        await lifecycle.openRevision(c.var.actor, plan.id, read.input, version);
        const opened = openRevisionOf(await lifecycle.revisions(c.var.actor, plan.id));
        return backToEdit(c, plan.id, { melding: 'geopend', nummer: String(opened?.number ?? '') }, 'status');
      },
    );
  });

  const revisionView = async (c: C, conflict?: StaleVersionError) => {
    const { plan, open } = await load(c);
    if (!open) throw new ConflictError(plan.status === 'draft' ? m.editing.revision.notAdopted : m.editing.revision.noneOpen);
    const detail = await changes.revision(c.var.actor, plan.id, open.number);
    const words = detail.changes.map((change) => changeInWords(change, detail.names));
    return <RevisionPage m={m} plan={plan} revision={open} changes={words} csrf={csrfTokenFor(c)} conflict={conflict} />;
  };

  pages.get('/plannen/:planId/bewerken/bijstelling', async (c) => {
    const login = await loginFirst(c);
    if (login) return login;
    return html(c, await revisionView(c));
  });

  for (const [path, step, melding] of [
    ['bijstelling-toepassen', 'applyRevision', 'toegepast'],
    ['bijstelling-intrekken', 'withdrawRevision', 'ingetrokken'],
  ] as const) {
    pages.post(`/plannen/:planId/bewerken/${path}`, async (c) => {
      const form = await readForm(c);
      const { plan, open } = await load(c);
      try {
        await lifecycle[step](c.var.actor, plan.id, versionOf(form));
      } catch (error) {
        if (error instanceof StaleVersionError) return html(c, await revisionView(c, error), 412);
        throw error;
      }
      return backToEdit(c, plan.id, { melding, nummer: String(open?.number ?? '') }, 'status');
    });
  }

  // -------------------------------------------------------------------------
  // Closing

  const closePage = (c: C, plan: Plan, state: FormState, extra: FormExtra) =>
    planFormPage(
      c,
      plan,
      {
        title: m.editing.close.title,
        intro: m.editing.close.intro,
        specs: closeFields(m),
        action: closePlanUrl(plan.id),
        submitLabel: m.editing.close.submit,
        section: 'status',
      },
      state,
      extra,
    );
  const assertClosable = (plan: Plan, open: { number: number } | undefined) => {
    if (plan.status === 'draft') throw new ConflictError(m.editing.close.draft);
    if (plan.status === 'closed') throw new ConflictError(m.editing.close.closed);
    if (open) throw new ConflictError(m.editing.close.revisionOpen(open.number));
  };

  pages.get('/plannen/:planId/bewerken/afsluiten', async (c) => {
    const login = await loginFirst(c);
    if (login) return login;
    const { plan, open } = await load(c);
    assertClosable(plan, open);
    return html(c, closePage(c, plan, { values: {}, problems: [] }, { version: plan.version }));
  });

  pages.post('/plannen/:planId/bewerken/afsluiten', async (c) => {
    const form = await readForm(c);
    const { plan, open } = await load(c);
    assertClosable(plan, open);
    const version = versionOf(form);
    const read = readCloseForm(m, closeFields(m), form);
    if (!read.ok) return html(c, closePage(c, plan, read, { version: version ?? plan.version }), 400);
    return changeOrShowAgain(
      c,
      { values: read.values, version: version ?? plan.version },
      (state, extra) => closePage(c, plan, state, extra),
      async () => {
        await lifecycle.closePlan(c.var.actor, plan.id, version);
        return backToEdit(c, plan.id, { melding: 'afgesloten' }, 'status');
      },
    );
  });

  // -------------------------------------------------------------------------
  // Elements: new, changed, removed

  const kindOf = (c: C): ElementKind => {
    const segment = c.req.param('segment') ?? '';
    const kind = kindOfPath(segment);
    if (!kind) throw new NotFoundError('Pagina', c.req.path);
    return kind;
  };
  const entryOf = (content: PlanContent, kind: ElementKind, key: string) => {
    const entry = findElement(content, kind, key);
    if (!entry) throw new NotFoundError(ELEMENT_NAMES[kind].one, key, `${ELEMENT_NAMES[kind].one} “${key}” staat niet (meer) in dit plan`);
    return entry;
  };

  interface ElementView {
    plan: Plan;
    kind: ElementKind;
    element?: { key: string; label: string };
    specs: FieldSpec[];
    state: FormState;
    version: number;
    open?: PlanRevision;
    conflict?: StaleVersionError;
    message?: string;
  }
  const elementPage = (c: C, view: ElementView) => {
    const frame = elementFormFrame(m, view.plan, view.kind, view.element);
    return (
      <EditFormPage
        m={m}
        title={frame.title}
        crumbs={frame.crumbs}
        intro={<RevisionLine m={m} revision={view.open} />}
        specs={view.specs}
        state={view.state}
        action={view.element ? elementUrl(view.plan.id, view.kind, view.element.key) : newElementUrl(view.plan.id, view.kind)}
        csrf={csrfTokenFor(c)}
        version={view.version}
        conflict={view.conflict}
        message={view.message}
        submitLabel={m.editing.form.save}
        cancelHref={frame.cancelHref}
        elementForm
      />
    );
  };

  pages.get('/plannen/:planId/bewerken/:segment/nieuw', async (c) => {
    const kind = kindOf(c);
    const login = await loginFirst(c);
    if (login) return login;
    const { plan, content, open } = await load(c);
    assertEditable(plan, open);
    const specs = elementFields(kind, { m, content });
    const state = { values: newElementValues(kind, content, (name) => c.req.query(name)), problems: [] };
    return html(c, elementPage(c, { plan, kind, specs, state, version: plan.version, open }));
  });

  pages.post('/plannen/:planId/bewerken/:segment/nieuw', async (c) => {
    const kind = kindOf(c);
    const form = await readForm(c);
    const { plan, content, open } = await load(c);
    const more = field(form, '_meer') || undefined;
    const context: FormContext = { m, content, lineCounts: lineCountsOf(form, more) };
    const specs = elementFields(kind, context);
    const version = versionOf(form) ?? plan.version;
    const view = { plan, kind, specs, version, open };
    if (more) return html(c, elementPage(c, { ...view, state: { values: readFields(m, specs, form).values, problems: [] } }));
    const read = readElementForm(kind, specs, form, context);
    if (!read.ok) return html(c, elementPage(c, { ...view, state: read }), 400);
    return changeOrShowAgain(
      c,
      { values: read.values, version, onFields: (problems) => formProblems(problems, read.linePaths) },
      (state, extra) => elementPage(c, { ...view, state, ...extra }),
      async () => {
        const result = await editing.addElement(c.var.actor, plan.id, kind, read.document, { expected: versionOf(form), match: 'element' });
        const added = result.changes.find((change) => change.kind === kind && change.change === 'added');
        const key = added?.key ?? '';
        return backToEdit(c, plan.id, { melding: 'toegevoegd', soort: ELEMENT_PATHS[kind], sleutel: key }, elementAnchor(kind, key));
      },
    );
  });

  pages.get('/plannen/:planId/bewerken/:segment/:elementKey', async (c) => {
    const kind = kindOf(c);
    const login = await loginFirst(c);
    if (login) return login;
    const { plan, content, open } = await load(c);
    assertEditable(plan, open);
    const key = c.req.param('elementKey');
    const entry = entryOf(content, kind, key);
    const stored = elementToDocument(kind, entry.value, entry.parentKey) as Record<string, unknown>;
    const specs = elementFields(kind, { m, content, key, stored });
    const element = { key, label: elementLabel(entry) };
    return html(
      c,
      elementPage(c, { plan, kind, element, specs, state: { values: valuesOf(specs, stored), problems: [] }, version: plan.version, open }),
    );
  });

  pages.post('/plannen/:planId/bewerken/:segment/:elementKey', async (c) => {
    const kind = kindOf(c);
    const form = await readForm(c);
    const { plan, content, open } = await load(c);
    const key = c.req.param('elementKey');
    const entry = entryOf(content, kind, key);
    const stored = elementToDocument(kind, entry.value, entry.parentKey) as Record<string, unknown>;
    const more = field(form, '_meer') || undefined;
    const context: FormContext = { m, content, key, stored, lineCounts: lineCountsOf(form, more) };
    const specs = elementFields(kind, context);
    const element = { key, label: elementLabel(entry) };
    const view = { plan, kind, element, specs, version: versionOf(form) ?? plan.version, open };
    if (more) return html(c, elementPage(c, { ...view, state: { values: readFields(m, specs, form).values, problems: [] } }));
    const read = readElementForm(kind, specs, form, context);
    if (!read.ok) return html(c, elementPage(c, { ...view, state: read }), 400);
    return changeOrShowAgain(
      c,
      { values: read.values, version: view.version, onFields: (problems) => formProblems(problems, read.linePaths) },
      (state, extra) => elementPage(c, { ...view, state, ...extra }),
      async () => {
        const result = await editing.updateElement(c.var.actor, plan.id, kind, key, read.document, {
          expected: versionOf(form),
          match: 'element',
        });
        if (wantsJson(c)) return c.json(changedElementAnswer(m, kind, key, result, csrfTokenFor(c), entry.parentKey));
        const melding = result.changes.length === 0 ? 'ongewijzigd' : 'opgeslagen';
        return backToEdit(c, plan.id, { melding, soort: ELEMENT_PATHS[kind], sleutel: key }, elementAnchor(kind, key));
      },
    );
  });

  const removePage = async (c: C, extra: { conflict?: StaleVersionError; uses?: ValidationError['problems'] } = {}) => {
    const kind = kindOf(c);
    const { plan, content, open } = await load(c);
    const key = c.req.param('elementKey') ?? '';
    const entry = entryOf(content, kind, key);
    let uses = extra.uses ?? [];
    if (!extra.uses)
      try {
        removeElement(content, kind, key);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        uses = error.problems;
      }
    return {
      plan,
      open,
      page: (
        <RemovePage
          m={m}
          plan={plan}
          kind={kind}
          element={{ key, label: elementLabel(entry) }}
          csrf={csrfTokenFor(c)}
          version={extra.conflict?.currentVersion ?? plan.version}
          uses={uses}
          revision={open}
          conflict={extra.conflict}
        />
      ),
    };
  };

  pages.get('/plannen/:planId/bewerken/:segment/:elementKey/verwijderen', async (c) => {
    kindOf(c);
    const login = await loginFirst(c);
    if (login) return login;
    const { plan, open, page } = await removePage(c);
    assertEditable(plan, open);
    return html(c, page);
  });

  pages.post('/plannen/:planId/bewerken/:segment/:elementKey/verwijderen', async (c) => {
    const kind = kindOf(c);
    const form = await readForm(c);
    const { plan, content } = await load(c);
    const key = c.req.param('elementKey');
    entryOf(content, kind, key);
    try {
      await editing.removeElement(c.var.actor, plan.id, kind, key, { expected: versionOf(form), match: 'element' });
    } catch (error) {
      if (error instanceof ConflictError && error.problems.length > 0)
        return html(c, (await removePage(c, { uses: error.problems })).page, 409);
      if (error instanceof StaleVersionError) return html(c, (await removePage(c, { conflict: error })).page, 412);
      throw error;
    }
    return backToEdit(c, plan.id, { melding: 'verwijderd', soort: ELEMENT_PATHS[kind] });
  });

  return pages;
}

/** The answer to a change made in place: the new version, and for an activity its row as the edit page shows it. */
function changedElementAnswer(
  m: Messages,
  kind: ElementKind,
  key: string,
  result: { version: number; changes: unknown[]; plan: Plan },
  csrf: string,
  previousParent: string | null,
) {
  const answer: { versie: number; sleutel: string; gewijzigd: boolean; verplaatst: boolean; naam?: string; rij?: string } = {
    versie: result.version,
    sleutel: key,
    gewijzigd: result.changes.length > 0,
    verplaatst: false,
  };
  const entry = findElement(toContent(result.plan), kind, key);
  if (entry) answer.naam = elementLabel(entry);
  if (kind === 'activity' && entry) {
    answer.verplaatst = entry.parentKey !== previousParent;
    const workstream = result.plan.themes.flatMap((theme) => theme.workstreams).find((candidate) => candidate.key === entry.parentKey);
    const activity = workstream?.activities.find((candidate) => candidate.key === key);
    if (workstream && activity)
      answer.rij = String(
        <ActivityEditRow
          m={m}
          plan={result.plan}
          csrf={csrf}
          activity={activity}
          parentKey={workstream.key}
          index={workstream.activities.indexOf(activity)}
          count={workstream.activities.length}
        />,
      );
  }
  return answer;
}

/** The notice after a redirect back to the edit page, in words. */
function noticeOf(
  m: Messages,
  content: PlanContent,
  revisions: { number: number }[],
  query: (name: string) => string | undefined,
): string | undefined {
  const t = m.editing.notices;
  const kind = kindOfPath(query('soort') ?? '');
  const key = query('sleutel') ?? '';
  const entry = kind ? findElement(content, kind, key) : undefined;
  const name = entry ? elementLabel(entry) : key;
  const kindName = kind ? ELEMENT_NAMES[kind].one : '';
  const number = Number(query('nummer') ?? revisions.at(-1)?.number ?? 0);
  switch (query('melding')) {
    case 'toegevoegd':
      return kind ? t.added(kindName, name) : undefined;
    case 'opgeslagen':
      return kind ? t.saved(kindName, name) : undefined;
    case 'ongewijzigd':
      return kind ? t.unchanged(kindName, name) : undefined;
    case 'verwijderd':
      return kind ? t.removed(kindName) : undefined;
    case 'verplaatst':
      return kind ? t.moved(name) : undefined;
    case 'gegevens':
      return t.factsSaved;
    case 'begonnen':
      return t.started;
    case 'vastgesteld': {
      const code = query('gemeente');
      return t.adopted(content.municipalities.find((municipality) => municipality.code === code)?.name ?? code ?? '');
    }
    case 'geopend':
      return t.revisionOpened(number);
    case 'toegepast':
      return t.revisionApplied(number);
    case 'ingetrokken':
      return t.revisionWithdrawn(number);
    case 'afgesloten':
      return t.closed;
    default:
      return undefined;
  }
}
