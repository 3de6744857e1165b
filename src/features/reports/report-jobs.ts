/**
 * Making a report version definitive as a background job: the request
 * checks that the actor may and queues the job; the job runner renders every
 * format on the actor's behalf and records progress the status page and the
 * API show. A failure ends the job with its message; nothing is half-kept
 * (the version is frozen in one write, after all files are made).
 */
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import type { JobHandler } from '../jobs/job-runner.js';
import { type JobView, jobView } from '../jobs/job-view.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { ReportService } from './report.service.js';

export const FINALISE_JOB = 'report-finalise';

interface FinalisePayload {
  planId: string;
  year: number;
  number: number;
}

export class ReportJobs {
  constructor(
    private readonly reports: ReportService,
    private readonly uow: UnitOfWork,
  ) {}

  /** Queues the finalisation of a concept; a finalisation already waiting or running for the plan is the one returned. */
  async startFinalise(actor: Actor, planId: string, year: number, number: number): Promise<{ jobId: string }> {
    const plan = await this.reports.assertMayEdit(actor, planId);
    const version = await this.uow.read(({ reports }) => reports.version(plan.id, year, number));
    if (!version) throw new NotFoundError('Rapportage', `${year}/${number}`, `Er is geen versie ${number} van de rapportage over ${year}`);
    if (version.status === 'definitief') throw new ConflictError(`Versie ${number} van de rapportage over ${year} is al definitief`);
    const by = auditActor(actor);
    return this.uow.write(async ({ jobs }) => {
      const payload: FinalisePayload = { planId: plan.id, year, number };
      const job = await jobs.enqueue({ kind: FINALISE_JOB, planId: plan.id, payload, createdBy: by.id, createdByLabel: by.label });
      return { jobId: job.id };
    });
  }

  async job(actor: Actor, planId: string, jobId: string): Promise<JobView & { report: FinalisePayload | null }> {
    await this.reports.assertMayEdit(actor, planId);
    const job = isUuid(jobId) ? await this.uow.read(({ jobs }) => jobs.find(jobId)) : undefined;
    if (!job || job.planId !== planId || job.kind !== FINALISE_JOB) throw new NotFoundError('Taak', jobId);
    return { ...jobView(job), report: job.payload as FinalisePayload };
  }

  handlers(): Record<string, JobHandler> {
    return {
      [FINALISE_JOB]: async (job, { progress, log }) => {
        const { planId, year, number } = job.payload as FinalisePayload;
        const actor: Actor = { kind: 'system', onBehalfOf: { id: job.createdBy, label: job.createdByLabel } };
        const version = await this.reports.finalise(actor, planId, year, number, (done, total, message) => progress(done, total, message));
        log.info('Rapportage definitief', { planId, year, number, checksum: version.checksum });
        return { jaar: year, versie: number, controlegetal: version.checksum, bestanden: version.files.map((file) => file.format) };
      },
    };
  }
}
