/**
 * The server's log: one line per event on standard output, as JSON for a log
 * collector or as readable text on a terminal. Every line carries its time,
 * level and message, and fields (a request id, a job id, an error with its
 * cause). Fields whose name says they hold a secret (password, token, cookie,
 * secret, authorization, link) are never written, whatever their value.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'tekst';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds these fields to every line (a request id, a job id). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Where a finished line goes (without newline); standard output by default. */
  write?: (line: string) => void;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_FIELD = /pass(word)?|wachtwoord|token|secret|geheim|cookie|authori[sz]ation|link/i;
const HIDDEN = '[verborgen]';

/** The format when none is configured: text on a terminal, JSON otherwise. */
export function defaultLogFormat(stream: { isTTY?: boolean } = process.stdout): LogFormat {
  return stream.isTTY ? 'tekst' : 'json';
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const format = options.format ?? defaultLogFormat();
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const make = (base: LogFields): Logger => {
    const emit = (level: LogLevel, message: string, fields?: LogFields) => {
      if (LEVELS[level] < threshold) return;
      const entry: LogFields = { time: new Date().toISOString(), level, msg: message, ...safeFields({ ...base, ...fields }) };
      write(format === 'json' ? JSON.stringify(entry) : asText(entry));
    };
    return {
      debug: (message, fields) => emit('debug', message, fields),
      info: (message, fields) => emit('info', message, fields),
      warn: (message, fields) => emit('warn', message, fields),
      error: (message, fields) => emit('error', message, fields),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make({});
}

/** A logger that writes nothing (tests, and commands that are not the server). */
export const silentLogger: Logger = createLogger({ level: 'error', write: () => {} });

/** An error as log fields: its type, message and stack, and its cause, and the cause's cause. */
export function errorFields(error: unknown, depth = 0): LogFields {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: LogFields = { type: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') fields.code = code;
  if (error.stack) fields.stack = error.stack;
  if (error.cause !== undefined && depth < 5) fields.cause = errorFields(error.cause, depth + 1);
  return fields;
}

function safeFields(fields: LogFields, depth = 0): LogFields {
  const safe: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (SECRET_FIELD.test(key)) safe[key] = HIDDEN;
    else if (value instanceof Error) safe[key] = errorFields(value);
    else if (isRecord(value) && depth < 5) safe[key] = safeFields(value, depth + 1);
    else safe[key] = value;
  }
  return safe;
}

/** `12:00:01.123 INFO  msg  key=value ...`, with an error's stack on the lines below. */
function asText(entry: LogFields): string {
  const { time, level, msg, ...rest } = entry;
  const clock = String(time).slice(11, 23);
  const stacks: string[] = [];
  const pairs = Object.entries(rest).map(([key, value]) => {
    if (isRecord(value) && typeof value.stack === 'string') {
      stacks.push(String(value.stack));
      const { stack: _stack, ...withoutStack } = value;
      return `${key}=${JSON.stringify(withoutStack)}`;
    }
    return `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`;
  });
  const head = `${clock} ${String(level).toUpperCase().padEnd(5)} ${String(msg)}${pairs.length > 0 ? `  ${pairs.join(' ')}` : ''}`;
  return [head, ...stacks.map((stack) => stack.replace(/^/gm, '    '))].join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
