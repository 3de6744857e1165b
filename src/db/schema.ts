/**
 * The database as Kysely sees it, in camelCase (CamelCasePlugin maps to the
 * snake_case of the migrations). Keep in step with src/db/migrations.
 */
import type { ColumnType, Generated } from 'kysely';
import type { IndicatorUnit } from '../domain/units.js';

type Numeric = ColumnType<number, number, number>;

export interface MunicipalityTable {
  id: string;
  code: string;
  name: string;
}

export interface PlanTable {
  id: string;
  title: string;
  subtitle: string | null;
  periodStart: number;
  periodEnd: number;
  status: 'draft' | 'adopted' | 'closed';
  adoptedOn: string | null;
  catalogueEdition: string;
  summary: string;
  budgetNote: string | null;
  createdAt: Generated<string>;
  published: Generated<boolean>;
  version: Generated<number>;
  predecessorId: string | null;
  reportingFrequency: Generated<'year' | 'half_year' | 'quarter'>;
}

export interface PlanMunicipalityTable {
  planId: string;
  municipalityId: string;
  position: number;
  adoptedOn: string | null;
  adoptedBy: 'council' | 'executive' | null;
}

export interface PlanGoalTable {
  id: string;
  planId: string;
  key: string;
  position: number;
  title: string;
  description: string;
  /** The version of the plan from which the element is no longer part of it; null while it is. */
  endedVersion: Generated<number | null>;
}

export interface PlanPrincipleTable {
  id: string;
  planId: string;
  position: number;
  name: string;
  description: string;
  key: string;
  /** The version of the plan from which the element is no longer part of it; null while it is. */
  endedVersion: Generated<number | null>;
}

export interface PlanFieldContextTable {
  planId: string;
  fieldNumber: number;
  summary: string;
}

export interface PortfolioHolderTable {
  id: string;
  planId: string;
  key: string;
  position: number;
  name: string;
  /** The version of the plan from which the element is no longer part of it; null while it is. */
  endedVersion: Generated<number | null>;
}

export interface PartnerTable {
  id: string;
  planId: string;
  key: string;
  position: number;
  name: string;
  kind: 'department' | 'shared_service' | 'external';
  isCore: boolean;
  parentId: string | null;
  description: string | null;
  /** The version of the plan from which the element is no longer part of it; null while it is. */
  endedVersion: Generated<number | null>;
}

export interface PlanThemeTable {
  id: string;
  planId: string;
  key: string;
  position: number;
  kind: 'priority' | 'strategic';
  number: number;
  paragraph: string;
  name: string;
  summary: string;
  goal: string;
  qualitativeAssessment: string | null;
  previousPlanNote: string | null;
  outsideCatalogueReason: string | null;
  /** The version of the plan from which the element is no longer part of it; null while it is. */
  endedVersion: Generated<number | null>;
}

export interface PlanThemeApproachLineTable {
  themeId: string;
  position: number;
  title: string;
  description: string;
}

export interface PlanThemeCatalogueThemeTable {
  themeId: string;
  catalogueThemeCode: string;
  position: number;
}

export interface IndicatorTable {
  id: string;
  planId: string;
  themeId: string | null;
  goalId: string | null;
  key: string;
  position: number;
  name: string;
  source: string;
  unit: IndicatorUnit;
  /** The age band of a rate per youths (both ages included); null for every other unit. */
  ageFrom: number | null;
  ageTo: number | null;
  seriesCode: string | null;
  baselineValue: Numeric;
  baselineYear: number;
  targetComparison: 'at_most' | 'at_least';
  targetValue: Numeric;
  targetYear: number;
  /** The open-data series the indicator is fed from (see features/monitoring/series.ts); null when measured otherwise. */
  binding: ColumnType<unknown, string | null, string | null>;
  lineageId: string;
  /** The version of the plan from which the element is no longer part of it; null while it is. */
  endedVersion: Generated<number | null>;
}

export interface WorkstreamTable {
  id: string;
  planId: string;
  themeId: string;
  position: number;
  name: string;
  key: string;
  /** The version of the plan from which the element is no longer part of it; null while it is. */
  endedVersion: Generated<number | null>;
}

export interface ActivityTable {
  id: string;
  planId: string;
  workstreamId: string;
  position: number;
  name: string;
  description: string;
  groupLabel: string | null;
  quantity: Numeric | null;
  quantityUnit: string | null;
  cadence: string | null;
  /** How much the activity counts in the progress roll-up; null counts 1. */
  weight: Numeric | null;
  ongoing: boolean;
  startYear: number | null;
  startQuarter: number | null;
  endYear: number | null;
  key: string;
  /** The version of the plan from which the element is no longer part of it; null while it is. */
  endedVersion: Generated<number | null>;
}

export interface ActivityLeadTable {
  planId: string;
  activityId: string;
  portfolioHolderId: string;
  position: number;
}

export interface ActivityPartnerTable {
  planId: string;
  activityId: string;
  partnerId: string;
  position: number;
}

export interface MeetingTable {
  id: string;
  planId: string;
  position: number;
  name: string;
  cadence: string;
  description: string;
  key: string;
  /** The version of the plan from which the element is no longer part of it; null while it is. */
  endedVersion: Generated<number | null>;
}

export interface MeetingPartnerTable {
  planId: string;
  meetingId: string;
  partnerId: string;
  position: number;
}

export interface AccountabilityMomentTable {
  id: string;
  planId: string;
  position: number;
  name: string;
  timing: string;
  audience: string;
  description: string;
  key: string;
  /** The version of the plan from which the element is no longer part of it; null while it is. */
  endedVersion: Generated<number | null>;
}

export interface PolicyFrameworkTable {
  id: string;
  planId: string;
  position: number;
  name: string;
  level: 'local' | 'regional' | 'national';
  description: string;
  key: string;
  /** The version of the plan from which the element is no longer part of it; null while it is. */
  endedVersion: Generated<number | null>;
}

export interface PlanCatalogueExclusionTable {
  planId: string;
  catalogueThemeCode: string;
  position: number;
  reason: string;
}

export interface PlanRevisionTable {
  id: string;
  planId: string;
  number: number;
  reason: string;
  decidedOn: string;
  decidedBy: 'council' | 'executive' | 'coordinator';
  status: 'open' | 'applied' | 'withdrawn';
  openedAt: Generated<string>;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface PlanSnapshotTable {
  planId: string;
  sequence: number;
  revisionId: string | null;
  effectiveOn: string;
  version: number;
  /** The plan as it stood (src/domain/plan.ts, Plan), as JSON. */
  content: ColumnType<unknown, string, never>;
  createdAt: Generated<string>;
}

export interface PlanChangeTable {
  planId: string;
  version: number;
  revisionId: string | null;
  madeAt: Generated<string>;
  madeBy: string;
  /** The changes of this version (src/domain/plan-diff.ts, ElementChange[]), as JSON. */
  changes: ColumnType<unknown, string, never>;
}

export type RoleCode = 'beheerder' | 'coordinator' | 'portefeuillehouder' | 'partner' | 'lezer';

export interface UserAccountTable {
  id: string;
  name: string;
  email: string;
  passwordHash: string | null;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  isAdministrator: Generated<boolean>;
  createdAt: Generated<string>;
  disabledAt: string | null;
  /** The municipality whose beheerder issued the link that set the password; null: nobody but the person and administrators. */
  passwordKnownIn: string | null;
}

export interface PasswordLinkTable {
  tokenHash: string;
  userId: string;
  municipalityId: string | null;
  issuedBy: string | null;
  issuedByLabel: string;
  createdAt: Generated<string>;
  expiresAt: string;
  usedAt: string | null;
  voidedAt: string | null;
}

export interface RoleTable {
  code: RoleCode;
  name: string;
  description: string;
  position: number;
}

export interface RolePermissionTable {
  roleCode: RoleCode;
  permission: string;
}

export interface UserRoleTable {
  userId: string;
  municipalityId: string;
  roleCode: RoleCode;
  /** For the partner role: the key of the partner (in the municipality's plans) the person reports for. */
  partnerKey: string | null;
  /** For the portfolio holder role: the key of the portfolio holder whose activities the person leads. */
  portfolioHolderKey: string | null;
}

export interface UserSessionTable {
  tokenHash: string;
  userId: string;
  createdAt: Generated<string>;
  lastSeenAt: Generated<string>;
  expiresAt: string;
  ip: string | null;
}

export interface ApiTokenTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: Generated<string>;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  ip: string;
  account: string;
  attemptedAt: Generated<string>;
  succeeded: boolean;
}

export interface AuditEventTable {
  sequence: Generated<number>;
  occurredAt: Generated<string>;
  actorId: string | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string;
  municipalityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  previousHash: string;
  hash: string;
}

export interface OpenDataTableTable {
  id: Generated<number>;
  service: 'opendata' | 'dataderden' | 'datasets';
  tableCode: string;
  title: string;
  categoryDimensions: Generated<string[]>;
}

export interface OpenDataCodeTable {
  tableId: number;
  dimension: string;
  code: string;
  title: string;
}

export interface OpenDataObservationTable {
  tableId: number;
  regionKey: string;
  categoryKey: string;
  periodKey: string;
  topic: string;
  /** null: suppressed by the source. */
  value: number | null;
}

export type PeriodStatusColumn = 'definitief' | 'voorlopig' | 'nader-voorlopig';

export interface OpenDataPeriodTable {
  tableId: number;
  periodKey: string;
  status: PeriodStatusColumn | null;
}

export interface OpenDataImportTable {
  id: string;
  tableId: number;
  scope: string;
  /** The label of the pull the import belongs to (see pullLabel); null for imports from before pulls were labelled. */
  pull: string | null;
  modified: string;
  status: 'running' | 'done' | 'failed';
  startedAt: Generated<string>;
  finishedAt: string | null;
  rowsReceived: Generated<number>;
  rowsNew: Generated<number>;
  rowsChanged: Generated<number>;
  rowsRemoved: Generated<number>;
  unchanged: Generated<boolean>;
  error: string | null;
  actorLabel: string;
  /** Moved on while the import runs; an import without one for long has lost its process. */
  heartbeatAt: Generated<string | null>;
}

/** A pull that failed before its import was recorded: its metadata, codes or scope could not be had. */
export interface OpenDataPullFailureTable {
  id: string;
  service: 'opendata' | 'dataderden' | 'datasets';
  tableCode: string;
  pull: string;
  error: string;
  actorLabel: string;
  failedAt: Generated<string>;
}

export interface OpenDataRevisionTable {
  importId: string;
  tableId: number;
  regionKey: string;
  categoryKey: string;
  periodKey: string;
  topic: string;
  previousValue: number | null;
  newValue: number | null;
  change: 'changed' | 'removed';
}

export interface MeasurementTable {
  id: string;
  planId: string;
  indicatorId: string;
  periodKind: 'year' | 'quarter' | 'month';
  periodYear: number;
  periodNumber: number;
  value: Numeric | null;
  suppressed: boolean;
  numerator: Numeric | null;
  denominator: Numeric | null;
  periodStatus: PeriodStatusColumn | null;
  source: 'open_data' | 'file' | 'manual';
  provenance: ColumnType<unknown, string, string>;
  note: string | null;
  enteredBy: string | null;
  enteredByLabel: string;
  enteredAt: Generated<string>;
  supersededAt: string | null;
}

export interface ThemeAssessmentTable {
  id: string;
  planId: string;
  themeId: string;
  year: number;
  judgement: 'met' | 'on_course' | 'attention' | 'off_course';
  /** What the roll-up of a theme's activities proposed, when the assessment confirms or overrides a proposal. */
  proposedJudgement: 'met' | 'on_course' | 'attention' | 'off_course' | null;
  text: string;
  enteredBy: string | null;
  enteredByLabel: string;
  enteredAt: Generated<string>;
  supersededAt: string | null;
}

export interface BbvEntryTable {
  id: string;
  municipalityId: string;
  indicatorKey: 'verwijzingen-halt';
  year: number;
  value: Numeric;
  enteredBy: string | null;
  enteredByLabel: string;
  enteredAt: Generated<string>;
  supersededAt: string | null;
}

export interface ProgressStatusTable {
  planId: string;
  key: string;
  label: string;
  meaning: 'not_started' | 'running' | 'delayed' | 'done' | 'ongoing' | 'stopped';
  position: number;
}

export interface ReportingRoundTable {
  id: string;
  planId: string;
  periodKey: string;
  deadline: ColumnType<string, string, string>;
  openedBy: string | null;
  openedByLabel: string;
  openedAt: Generated<string>;
  closedBy: string | null;
  closedByLabel: string | null;
  closedAt: string | null;
}

export interface ProgressEntryTable {
  id: string;
  planId: string;
  activityId: string;
  periodKey: string;
  statusKey: string;
  note: string;
  asOf: string;
  realised: Numeric | null;
  occurrences: number | null;
  enteredBy: string | null;
  enteredByLabel: string;
  enteredAs: 'coordinator' | 'lead' | 'partner' | 'system';
  /** The partner or portfolio holder key the entry was made for, when made as one. */
  enteredFor: string | null;
  /** The address the entry came from; null on the command line. */
  enteredFrom: string | null;
  enteredVia: 'web' | 'api' | 'file' | 'cli';
  enteredAt: Generated<string>;
  supersededAt: string | null;
}

export interface ProgressReviewTable {
  id: string;
  planId: string;
  roundId: string;
  activityId: string;
  entryId: string;
  decision: 'approved' | 'sent_back';
  remark: string;
  decidedBy: string | null;
  decidedByLabel: string;
  decidedAt: Generated<string>;
  supersededAt: string | null;
}

export interface NotificationTable {
  id: string;
  userId: string;
  planId: string | null;
  kind: 'round_opened' | 'reminder' | 'sent_back' | 'approved';
  subject: string;
  body: string;
  /** A path within Koers, such as /mijn-acties. */
  link: string;
  createdAt: Generated<string>;
  readAt: string | null;
  /** The address the e-mail goes to; null when no e-mail is sent (no SMTP, or no address). */
  emailTo: string | null;
  emailStatus: Generated<'none' | 'pending' | 'sent' | 'failed'>;
  emailAttempts: Generated<number>;
  emailNextAt: string | null;
  /** While a sender holds the e-mail; another sender takes it over after this moment. */
  emailClaimedUntil: string | null;
  emailError: string | null;
  emailSentAt: string | null;
}

export interface BudgetLineTable {
  id: string;
  planId: string;
  /** The theme or the activity the amount is for: exactly one of the two. */
  themeId: string | null;
  activityId: string | null;
  year: number;
  kind: 'planned' | 'realised' | 'requested';
  source: 'programmabegroting' | 'ivp-budget' | 'extern' | 'subsidie';
  /** Whole euro cents; never a floating-point number of euros. */
  amountCents: ColumnType<number, number, number>;
  note: string;
  enteredBy: string | null;
  enteredByLabel: string;
  enteredAt: Generated<string>;
  supersededAt: string | null;
}

export interface ReportVersionTable {
  id: string;
  planId: string;
  year: number;
  /** 1, 2, ... per plan and year. */
  number: number;
  status: 'concept' | 'definitief';
  /** Why this version follows the one before it; empty for the first. */
  reason: string;
  /** The coordinator's texts: { inleiding, themas: { [themeKey]: text } }. */
  texts: ColumnType<unknown, string, string>;
  /** The report model as it was frozen; null while a concept. */
  model: ColumnType<unknown, string | null, string | null>;
  /** SHA-256 over the frozen model, texts and files; null while a concept. */
  checksum: string | null;
  createdBy: string | null;
  createdByLabel: string;
  createdAt: Generated<string>;
  textsEditedByLabel: string | null;
  textsEditedAt: string | null;
  finalisedByLabel: string | null;
  finalisedAt: string | null;
}

export interface ReportFileTable {
  versionId: string;
  format: 'html' | 'pdf' | 'docx' | 'odt' | 'csv' | 'json';
  content: Uint8Array;
  sha256: string;
}

export interface PrioritisationTable {
  id: string;
  planId: string;
  municipalityId: string;
  /** The edition of Kernbeleid Veiligheid whose themes are scored. */
  catalogueEdition: string;
  /** [{ key, name, weight }], in the order the municipality set them. */
  criteria: ColumnType<unknown, string, string>;
  /** { [themeCode]: { [criterionKey]: 0..5 } }. */
  scores: ColumnType<unknown, string, string>;
  /** { [themeCode]: text }. */
  notes: ColumnType<unknown, string, string>;
  /** Catalogue theme codes, in order. */
  priorities: ColumnType<unknown, string, string>;
  strategic: ColumnType<unknown, string, string>;
  version: number;
  /** The concept of the next plan made from this prioritisation; null until it is made. */
  conceptPlanId: string | null;
  updatedBy: string | null;
  updatedByLabel: string;
  updatedAt: Generated<string>;
  createdAt: Generated<string>;
}

export interface JobTable {
  id: string;
  kind: string;
  planId: string | null;
  payload: ColumnType<unknown, string, string>;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progressDone: Generated<number>;
  progressTotal: number | null;
  message: string | null;
  result: ColumnType<unknown, string | null, string | null>;
  error: string | null;
  createdBy: string | null;
  createdByLabel: string;
  createdAt: Generated<string>;
  startedAt: string | null;
  heartbeatAt: string | null;
  finishedAt: string | null;
  /** The claim token of the runner that holds the job while it runs. */
  owner: string | null;
  /** How often a runner has started the job. */
  attempts: Generated<number>;
  cancelRequestedAt: string | null;
}

export interface Database {
  municipality: MunicipalityTable;
  plan: PlanTable;
  planMunicipality: PlanMunicipalityTable;
  planGoal: PlanGoalTable;
  planPrinciple: PlanPrincipleTable;
  planFieldContext: PlanFieldContextTable;
  portfolioHolder: PortfolioHolderTable;
  partner: PartnerTable;
  planTheme: PlanThemeTable;
  planThemeApproachLine: PlanThemeApproachLineTable;
  planThemeCatalogueTheme: PlanThemeCatalogueThemeTable;
  indicator: IndicatorTable;
  workstream: WorkstreamTable;
  activity: ActivityTable;
  activityLead: ActivityLeadTable;
  activityPartner: ActivityPartnerTable;
  meeting: MeetingTable;
  meetingPartner: MeetingPartnerTable;
  accountabilityMoment: AccountabilityMomentTable;
  policyFramework: PolicyFrameworkTable;
  planCatalogueExclusion: PlanCatalogueExclusionTable;
  planRevision: PlanRevisionTable;
  planSnapshot: PlanSnapshotTable;
  planChange: PlanChangeTable;
  userAccount: UserAccountTable;
  role: RoleTable;
  rolePermission: RolePermissionTable;
  userRole: UserRoleTable;
  userSession: UserSessionTable;
  apiToken: ApiTokenTable;
  loginAttempt: LoginAttemptTable;
  passwordLink: PasswordLinkTable;
  auditEvent: AuditEventTable;
  openDataTable: OpenDataTableTable;
  openDataObservation: OpenDataObservationTable;
  openDataCode: OpenDataCodeTable;
  openDataPeriod: OpenDataPeriodTable;
  openDataImport: OpenDataImportTable;
  openDataPullFailure: OpenDataPullFailureTable;
  openDataRevision: OpenDataRevisionTable;
  measurement: MeasurementTable;
  themeAssessment: ThemeAssessmentTable;
  progressStatus: ProgressStatusTable;
  reportingRound: ReportingRoundTable;
  progressEntry: ProgressEntryTable;
  progressReview: ProgressReviewTable;
  notification: NotificationTable;
  budgetLine: BudgetLineTable;
  bbvEntry: BbvEntryTable;
  reportVersion: ReportVersionTable;
  reportFile: ReportFileTable;
  prioritisation: PrioritisationTable;
  job: JobTable;
}
