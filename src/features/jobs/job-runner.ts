/**
 * Runs queued jobs: polls the jobs table, runs one job at a time with the
 * handler of its kind, and records its progress, result or error. `serve`
 * starts one runner per app instance; tests call `runPending` directly.
 */
import type { Job, JobRepository } from './job.repository.js';

export type ReportProgress = (done: number, total: number | null, message: string) => Promise<void>;
export type JobHandler = (job: Job, progress: ReportProgress) => Promise<unknown>;

export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly jobs: JobRepository,
    private readonly handlers: Record<string, JobHandler>,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Runs every waiting job, one after another, until none is left. */
  async runPending(): Promise<number> {
    let count = 0;
    for (let job = await this.jobs.claimNext(); job; job = await this.jobs.claimNext()) {
      await this.run(job);
      count++;
    }
    return count;
  }

  start(pollMs = 1000): void {
    const tick = () => {
      this.running = this.runPending()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.log(`Taken konden niet worden opgehaald: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => {
          this.running = null;
          if (this.timer) this.timer = setTimeout(tick, pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async run(job: Job): Promise<void> {
    const handler = this.handlers[job.kind];
    if (!handler) {
      await this.jobs.fail(job.id, `Onbekende soort taak: ${job.kind}`);
      return;
    }
    let lastWrite = 0;
    const progress: ReportProgress = async (done, total, message) => {
      const now = Date.now();
      if (now - lastWrite < 250 && done !== total) return;
      lastWrite = now;
      await this.jobs.progress(job.id, done, total, message);
    };
    try {
      const result = await handler(job, progress);
      await this.jobs.finish(job.id, result ?? null);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log(`Taak ${job.kind} ${job.id} mislukt: ${message}`);
      await this.jobs.fail(job.id, message);
    }
  }
}
