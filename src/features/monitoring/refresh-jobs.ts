/**
 * "Vernieuw cijfers" as a background job: the request checks that the actor
 * may refresh and queues a job; the job runner refreshes on the actor's
 * behalf and records progress the status page shows live.
 */

import { NotFoundError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import type { JobHandler } from '../jobs/job-runner.js';
import { type JobView, jobView } from '../jobs/job-view.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { MonitoringService } from './monitoring.service.js';
import type { RefreshResult } from './open-data-refresh.js';

export const REFRESH_JOB = 'open-data-refresh';

export type RefreshJobView = JobView;

export class RefreshJobs {
  constructor(
    private readonly monitoring: MonitoringService,
    private readonly uow: UnitOfWork,
    /** Told of a cancel once it is committed, so a job running in this process stops at once. */
    private readonly onCancelRequested: (jobId: string) => void = () => {},
  ) {}

  async startRefresh(actor: Actor, planId: string): Promise<{ jobId: string }> {
    const plan = await this.monitoring.assertMayRefresh(actor, planId);
    const by = auditActor(actor);
    // A refresh already waiting or running for the plan is the one the actor gets (enqueue makes sure, also at the same moment).
    return this.uow.write(async ({ jobs }) => {
      const job = await jobs.enqueue({
        kind: REFRESH_JOB,
        planId: plan.id,
        payload: { planId: plan.id },
        createdBy: by.id,
        createdByLabel: by.label,
      });
      return { jobId: job.id };
    });
  }

  /** A job of the plan, for whoever may read the plan. */
  async job(actor: Actor, planId: string, jobId: string): Promise<RefreshJobView> {
    await this.monitoring.assertMayRefresh(actor, planId);
    const job = isUuid(jobId) ? await this.uow.read(({ jobs }) => jobs.find(jobId)) : undefined;
    if (!job || job.planId !== planId) throw new NotFoundError('Taak', jobId);
    return jobView(job);
  }

  /**
   * Cancels a refresh of the plan, for whoever may refresh it: a waiting one
   * at once, a running one at its next page or step (what was stored stays as
   * it was). A finished job stays as it is.
   */
  async cancel(actor: Actor, planId: string, jobId: string): Promise<RefreshJobView> {
    await this.job(actor, planId, jobId);
    await this.uow.write(({ jobs }) => jobs.requestCancel(jobId));
    this.onCancelRequested(jobId);
    return this.job(actor, planId, jobId);
  }

  handlers(): Record<string, JobHandler> {
    return {
      [REFRESH_JOB]: async (job, { signal, progress, log }) => {
        const { planId } = job.payload as { planId: string };
        const actor: Actor = { kind: 'system', onBehalfOf: { id: job.createdBy, label: job.createdByLabel } };
        let table: string | null = null;
        const result: RefreshResult = await this.monitoring.refresh(
          actor,
          planId,
          (step) => {
            if (step.table !== table && step.table !== null) log.debug('Tabel ophalen', { table: step.table });
            table = step.table;
            progress(step.step - 1, step.steps, step.message);
          },
          signal,
        );
        for (const imported of result.tables) {
          log.info(imported.unchanged ? 'Tabel ongewijzigd' : 'Tabel geïmporteerd', {
            table: imported.table,
            importId: imported.importId,
            modified: imported.modified,
            rowsReceived: imported.rowsReceived,
            rowsNew: imported.rowsNew,
            rowsChanged: imported.rowsChanged,
            rowsRemoved: imported.rowsRemoved,
          });
        }
        for (const failure of result.failures) log.warn('Tabel niet opgehaald', { table: failure.table, reason: failure.message });
        log.info('Metingen afgeleid', { ...result.measurements });
        progress(1, 1, 'Klaar');
        return summary(result);
      },
    };
  }
}

export function summary(result: RefreshResult) {
  return {
    tabellen: result.tables.map((table) => ({
      tabel: table.table,
      titel: table.title,
      gewijzigd: table.modified,
      ongewijzigd: table.unchanged,
      rijen: table.rowsReceived,
      nieuw: table.rowsNew,
      herzien: table.rowsChanged,
      vervallen: table.rowsRemoved,
    })),
    metingen: { nieuw: result.measurements.added, vervangen: result.measurements.replaced, ongewijzigd: result.measurements.unchanged },
    fouten: result.failures.map((failure) => ({ tabel: failure.table, melding: failure.message })),
  };
}
