/** Changes, revisions, adoptions and histories as the API shows them (Dutch names, changes in words). */
import type { z } from '@hono/zod-openapi';
import type { Plan } from '../../domain/plan.js';
import { changeInWords, type ElementChange, fieldInWords, type NameLookup, valueInWords } from '../../domain/plan-diff.js';
import type { ElementKind } from '../../domain/plan-elements.js';
import { ELEMENT_PATHS } from './element-paths.js';
import type { PlanRevision } from './plan.repository.js';
import type { ElementHistory } from './plan-changes.service.js';
import { BODY_NAMES } from './plan-document.mapper.js';
import { elementToDocument } from './plan-element-documents.js';
import type { AdoptionResource, ChangeResource, RevisionDetailResource, RevisionResource } from './plan-write.schema.js';

const CHANGE_WORDS = {
  added: 'toegevoegd',
  removed: 'verwijderd',
  changed: 'gewijzigd',
  moved: 'verplaatst',
  reordered: 'volgorde',
} as const satisfies Record<ElementChange['change'], string>;

const DECIDER_CODES = { council: 'raad', executive: 'college', coordinator: 'coordinator' } as const;
const REVISION_STATUS_NAMES = { open: 'open', applied: 'toegepast', withdrawn: 'ingetrokken' } as const;

export function toChangeResource(change: ElementChange, names: NameLookup): z.infer<typeof ChangeResource> {
  return {
    soort: change.kind === 'plan' ? 'plan' : ELEMENT_PATHS[change.kind],
    wijziging: CHANGE_WORDS[change.change],
    sleutel: change.key,
    naam: change.label,
    plaats: change.parentKey,
    ...(change.change === 'moved' ? { vorigePlaats: change.fromParentKey ?? null } : {}),
    velden: change.fields.map((field) => ({
      veld: fieldInWords(field.field),
      van: valueInWords(field.field, field.before, names),
      naar: valueInWords(field.field, field.after, names),
    })),
    omschrijving: changeInWords(change, names),
  };
}

export function toRevisionResource(revision: PlanRevision): z.infer<typeof RevisionResource> {
  return {
    nummer: revision.number,
    reden: revision.reason,
    besluitdatum: revision.decidedOn,
    besloten: DECIDER_CODES[revision.decidedBy],
    status: REVISION_STATUS_NAMES[revision.status],
    geopendOp: revision.openedAt,
    afgeslotenOp: revision.closedAt,
  };
}

export function toRevisionDetailResource(detail: {
  revision: PlanRevision;
  changes: ElementChange[];
  names: NameLookup;
}): z.infer<typeof RevisionDetailResource> {
  return { ...toRevisionResource(detail.revision), wijzigingen: detail.changes.map((change) => toChangeResource(change, detail.names)) };
}

export function toAdoptionResources(plan: Plan): z.infer<typeof AdoptionResource>[] {
  return plan.adoptions.map((adoption) => ({
    gemeente: adoption.municipalityCode,
    datum: adoption.adoptedOn,
    door: BODY_NAMES[adoption.body],
  }));
}

export function toHistoryResource<K extends ElementKind>(history: ElementHistory<K>) {
  return {
    soort: ELEMENT_PATHS[history.kind],
    sleutel: history.key,
    naam: history.label,
    versies: history.versions.map((version) => ({
      geldigVanaf: version.effectiveOn,
      bijstelling: version.revision ? toRevisionResource(version.revision) : null,
      element: version.value === null ? null : elementToDocument(history.kind, version.value, version.parentKey),
      wijzigingen: version.changes.map((change) => toChangeResource(change, history.names)),
    })),
    inBehandeling: history.pending.map((change) => toChangeResource(change, history.names)),
  };
}
