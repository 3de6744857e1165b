/**
 * The one error type of the CBS open-data client. Its message is Dutch and says
 * what failed and where; `url` is the request that failed and `resumeFrom` the
 * page URL to pass as `CellQuery.resumeFrom` to continue a broken pull.
 */
export class OpenDataError extends Error {
  override name = 'OpenDataError';
  /** The URL of the request that failed, when there was one. */
  readonly url: string | null;
  /** During a pull of cells: the URL of the page that failed; restart `cells()` from here. */
  readonly resumeFrom: string | null;
  /** HTTP status of the failing answer, when there was one. */
  readonly status: number | null;

  constructor(message: string, options: { url?: string | null; resumeFrom?: string | null; status?: number | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.url = options.url ?? null;
    this.resumeFrom = options.resumeFrom ?? null;
    this.status = options.status ?? null;
  }
}
