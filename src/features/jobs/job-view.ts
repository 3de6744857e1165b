/** A background job as its status page and the API show it, whatever its kind. */
import type { Job } from './job.repository.js';

export interface JobView {
  id: string;
  status: Job['status'];
  /** A stop was asked while the job ran; it stops at its next page or step. */
  cancelRequested: boolean;
  progressDone: number;
  progressTotal: number | null;
  message: string | null;
  error: string | null;
  result: unknown;
  createdAt: string;
  finishedAt: string | null;
}

export function jobView(job: Job): JobView {
  return {
    id: job.id,
    status: job.status,
    cancelRequested: job.cancelRequestedAt !== null,
    progressDone: job.progressDone,
    progressTotal: job.progressTotal,
    message: job.message,
    error: job.error,
    result: job.result,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}
