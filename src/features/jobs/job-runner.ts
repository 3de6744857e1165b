/**
 * Runs queued jobs: polls the jobs table, runs one job at a time with the
 * handler of its kind, and records its progress, result or error under the
 * job's claim token. While a job runs, a heartbeat on its own timer tells the
 * other instances it is alive, whether or not the handler reports progress.
 *
 * A handler gets an AbortSignal and stops at its next page or step when it
 * fires: the job was cancelled, another runner took it over, the database
 * could not be reached for as long as a heartbeat may be missing, or the
 * instance is stopping (the job then goes back to the queue). A progress
 * write that fails is logged and never ends the job or the process.
 *
 * `serve` starts one runner per app instance; tests call `runPending`.
 */
import { type Logger, silentLogger } from '../../log.js';
import type { ClaimedJob, Job, JobRepository, Lease } from './job.repository.js';

/** Records progress; never throws and never waits (the write happens in the background). */
export type ReportProgress = (done: number, total: number | null, message: string) => void;

export interface JobContext {
  /** Fires when the handler must stop: its reason is a JobStop. */
  signal: AbortSignal;
  progress: ReportProgress;
  /** The runner's log, with the job's id on every line. */
  log: Logger;
}

export type JobHandler = (job: Job, context: JobContext) => Promise<unknown>;

/** Why a running job was stopped from outside its handler. */
export class JobStop extends Error {
  constructor(
    readonly kind: 'cancelled' | 'lost' | 'stopping',
    message: string,
  ) {
    super(message);
    this.name = 'JobStop';
  }
}

export interface JobRunnerOptions {
  log?: Logger;
  /** How often a running job's heartbeat is written; by default a fifth of the stale time. */
  heartbeatMs?: number;
  pollMs?: number;
  /** Work done on a schedule beside the jobs (clean-up): each task at start and then every `everyMs`. */
  scheduled?: ScheduledTask[];
}

export interface ScheduledTask {
  name: string;
  everyMs: number;
  run: () => Promise<void>;
}

/** Progress is written at most this often; the heartbeat writes what was held back. */
const PROGRESS_EVERY_MS = 250;

export class JobRunner {
  private pollTimer: NodeJS.Timeout | null = null;
  private scheduleTimers: NodeJS.Timeout[] = [];
  private running: Promise<void> | null = null;
  private current: { job: ClaimedJob; controller: AbortController; done: Promise<void> } | null = null;
  private stopping = false;
  private readonly log: Logger;
  private readonly heartbeatMs: number;

  constructor(
    private readonly jobs: JobRepository,
    private readonly handlers: Record<string, JobHandler>,
    private readonly options: JobRunnerOptions = {},
  ) {
    this.log = options.log ?? silentLogger;
    this.heartbeatMs = options.heartbeatMs ?? Math.max(100, (jobs.settings.staleSeconds * 1000) / 5);
  }

  /** Runs every waiting job, one after another, until none is left (or the runner stops). */
  async runPending(): Promise<number> {
    let count = 0;
    while (!this.stopping) {
      const job = await this.jobs.claimNext();
      if (!job) break;
      await this.run(job);
      count++;
    }
    return count;
  }

  start(pollMs = this.options.pollMs ?? 1000): void {
    this.stopping = false;
    const tick = () => {
      this.running = this.runPending()
        .then(() => undefined)
        .catch((error: unknown) => this.log.error('Taken konden niet worden opgehaald', { err: error }))
        .finally(() => {
          this.running = null;
          if (this.pollTimer) this.pollTimer = setTimeout(tick, pollMs);
        });
    };
    this.pollTimer = setTimeout(tick, 0);
    for (const task of this.options.scheduled ?? []) {
      let busy = false;
      const run = () => {
        if (busy) return;
        busy = true;
        task
          .run()
          .catch((error: unknown) => this.log.error(`${task.name} mislukt`, { err: error }))
          .finally(() => {
            busy = false;
          });
      };
      const timer = setInterval(run, task.everyMs);
      timer.unref();
      this.scheduleTimers.push(timer);
      run();
    }
  }

  /**
   * Stops polling, and hands a running job back to the queue: its handler is
   * told to stop and gets `timeoutMs` to do so; after that the job is handed
   * back without waiting further.
   */
  async stop(timeoutMs = 30_000): Promise<void> {
    this.stopping = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    for (const timer of this.scheduleTimers) clearInterval(timer);
    this.pollTimer = null;
    this.scheduleTimers = [];
    const current = this.current;
    if (current) {
      this.log.info('Lopende taak wordt teruggegeven aan de wachtrij', { jobId: current.job.id, kind: current.job.kind });
      current.controller.abort(new JobStop('stopping', 'Koers wordt gestopt'));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        current.done.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        // The handler waits on something that does not come (a page of the source): leave it, it can no longer write.
        this.log.warn('De taak stopte niet op tijd; hij wordt toch teruggegeven', { jobId: current.job.id, timeoutMs });
        await this.settle(current.job, () => this.jobs.release(current.job, handedBackMessage()), 'teruggeven');
        return;
      }
    }
    await this.running;
  }

  /**
   * Stops the job at once when this runner is running it: a cancel asked in
   * the same process does not wait for the next progress write or heartbeat.
   * Call it after the cancel request is committed; a job on another instance
   * learns of it through its own next write.
   */
  cancelRunning(jobId: string): void {
    const current = this.current;
    if (current?.job.id === jobId && !current.controller.signal.aborted) {
      current.controller.abort(new JobStop('cancelled', 'Geannuleerd'));
    }
  }

  /** Whether a job is running in this runner now. */
  get busy(): boolean {
    return this.current !== null;
  }

  private async run(job: ClaimedJob): Promise<void> {
    const log = this.log.child({ jobId: job.id, kind: job.kind });
    const handler = this.handlers[job.kind];
    if (!handler) {
      log.error('Onbekende soort taak');
      await this.settle(job, () => this.jobs.fail(job, `Onbekende soort taak: ${job.kind}`), 'afsluiten');
      return;
    }
    const claim = new Claim(this.jobs, job, log, this.heartbeatMs);
    let resolveDone = () => {};
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });
    this.current = { job, controller: claim.controller, done };
    const started = Date.now();
    log.info(job.attempts > 1 ? 'Taak opnieuw begonnen' : 'Taak begonnen', { attempt: job.attempts, planId: job.planId });
    try {
      const result = await handler(job, { signal: claim.controller.signal, progress: claim.progress, log });
      await claim.close();
      const finished = await this.settle(job, () => this.jobs.finish(job, result ?? null), 'afsluiten');
      if (finished) log.info('Taak klaar', { durationMs: Date.now() - started });
      else log.warn('Taak klaar, maar niet meer van deze uitvoering: de uitkomst is niet opgeslagen');
    } catch (error) {
      await claim.close();
      const reason: unknown = claim.controller.signal.reason;
      const stop = reason instanceof JobStop ? reason : null;
      if (stop?.kind === 'cancelled') {
        await this.settle(job, () => this.jobs.confirmCancelled(job), 'annuleren');
        log.info('Taak geannuleerd', { durationMs: Date.now() - started });
      } else if (stop?.kind === 'lost') {
        log.warn('Taak afgebroken', { reason: stop.message });
      } else if (stop?.kind === 'stopping') {
        await this.settle(job, () => this.jobs.release(job, handedBackMessage()), 'teruggeven');
        log.info('Taak teruggegeven aan de wachtrij');
      } else {
        const message = error instanceof Error ? error.message : String(error);
        await this.settle(job, () => this.jobs.fail(job, message), 'afsluiten');
        log.error('Taak mislukt', { err: error, durationMs: Date.now() - started });
      }
    } finally {
      await claim.close();
      this.current = null;
      resolveDone();
    }
  }

  /** The last write of a job; when it fails the job stays running in the table until its heartbeat goes stale and another runner takes it. */
  private async settle(job: ClaimedJob, write: () => Promise<boolean>, what: string): Promise<boolean> {
    try {
      return await write();
    } catch (error) {
      this.log.error(`Taak ${what} mislukt: de database is niet bereikbaar`, { jobId: job.id, err: error });
      return false;
    }
  }
}

/**
 * A running job's claim: the heartbeat on its own timer, progress writes
 * (at most every PROGRESS_EVERY_MS, the rest held for the next beat), and
 * what the database answers to them, which may stop the handler.
 */
class Claim {
  readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private held: [number, number | null, string] | null = null;
  private lastProgress = 0;
  private lastContact = Date.now();
  private writing: Promise<void> | null = null;

  constructor(
    private readonly jobs: JobRepository,
    private readonly job: ClaimedJob,
    private readonly log: Logger,
    heartbeatMs: number,
  ) {
    this.timer = setInterval(() => this.beat(), heartbeatMs);
  }

  readonly progress: ReportProgress = (done, total, message) => {
    this.held = [done, total, message];
    if (Date.now() - this.lastProgress >= PROGRESS_EVERY_MS || done === total) this.beat();
  };

  /** Stops the heartbeat and waits for a write under way. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.writing;
  }

  private beat(): void {
    if (this.writing) return;
    this.writing = this.write().finally(() => {
      this.writing = null;
    });
  }

  /** Writes the held progress, or else a heartbeat; never rejects. */
  private async write(): Promise<void> {
    const held = this.held;
    this.held = null;
    try {
      if (held) {
        this.lastProgress = Date.now();
        this.observe(await this.jobs.progress(this.job, ...held));
      } else {
        this.observe(await this.jobs.heartbeat(this.job));
      }
    } catch (error) {
      this.log.warn(held ? 'Voortgang van de taak niet opgeslagen' : 'Hartslag van de taak niet opgeslagen', { err: error });
      // Without the database for as long as a heartbeat may be missing, another instance may take the job over: stop.
      if (Date.now() - this.lastContact > this.jobs.settings.staleSeconds * 1000) {
        this.abort(new JobStop('lost', 'De database was te lang niet bereikbaar'));
      }
    }
  }

  private observe(lease: Lease): void {
    this.lastContact = Date.now();
    if (lease === 'cancel-requested') this.abort(new JobStop('cancelled', 'Geannuleerd'));
    if (lease === 'lost') this.abort(new JobStop('lost', 'Een andere uitvoering heeft de taak overgenomen'));
  }

  private abort(reason: JobStop): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }
}

function handedBackMessage(): string {
  return 'In de wachtrij gezet: de instantie die de taak uitvoerde werd gestopt';
}
