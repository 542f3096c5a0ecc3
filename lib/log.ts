// Warroom's logger: structured lines through pino, the same four calls everywhere
// (`log.info("message", { fields })`). LOG_FORMAT=json writes one JSON object per line (for a log
// shipper), LOG_FORMAT=pretty the human line `[warroom] WARN message {"field":…}`; unset, pretty on a
// terminal and JSON otherwise. Every line logged while serving a request carries its `reqId`
// (lib/observability/request-context.ts), and secrets are censored by field name and scrubbed from
// text (lib/observability/redaction.ts). Never pass secrets here anyway: connection strings go
// through redactUrl.
import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequestId } from "./observability/request-context";
import { REDACT_PATHS, REDACTED, scrubFields, scrubSecrets } from "./observability/redaction";

type TLevel = "debug" | "info" | "warn" | "error";
const LEVELS: readonly TLevel[] = ["debug", "info", "warn", "error"];
export type TLogFormat = "json" | "pretty";
type TFields = Record<string, unknown>;

/** LOG_FORMAT when it is json or pretty; otherwise pretty on a terminal, JSON for anything else. */
export function chooseLogFormat(value: string | undefined, isTerminal: boolean): TLogFormat {
  if (value === "json" || value === "pretty") return value;
  return isTerminal ? "pretty" : "json";
}

/** Fields pino adds that the pretty line leaves out (the JSON line keeps them). */
const PRETTY_OMITS = new Set(["level", "time", "pid", "hostname", "name", "msg"]);

/** One JSON line from pino → `[warroom] LEVEL message {fields}` (no LEVEL for info), as Warroom always printed. */
export function prettyLine(json: string): string {
  const entry = JSON.parse(json) as TFields & { level?: string; msg?: string };
  const fields = Object.fromEntries(Object.entries(entry).filter(([key]) => !PRETTY_OMITS.has(key)));
  const level = entry.level && entry.level !== "info" ? `${entry.level.toUpperCase()} ` : "";
  const suffix = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : "";
  return `[warroom] ${level}${entry.msg ?? ""}${suffix}\n`;
}

type TSink = (line: string) => void;

function sinkStream(sink: TSink, format: TLogFormat): DestinationStream {
  return { write: (line: string) => sink(format === "pretty" ? prettyLine(line) : line) };
}

/**
 * A logger writing debug and info to `out`, warn and error to `err` (stdout and stderr in the
 * process). Exported for the tests, which read what it writes.
 */
export function createLogger(options: { level: TLevel; format: TLogFormat; out: TSink; err: TSink }): Logger {
  const streams = pino.multistream(
    [
      { level: "debug", stream: sinkStream(options.out, options.format) },
      { level: "warn", stream: sinkStream(options.err, options.format) },
    ],
    { dedupe: true },
  );
  return pino(
    {
      name: "warroom",
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => scrubFields(fields),
      },
      // The message too: an error's text can carry a connection string or a token.
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg: unknown) => (typeof arg === "string" ? scrubSecrets(arg) : arg)) as typeof args;
          return method.apply(this, scrubbed);
        },
      },
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    streams,
  );
}

// Writes go straight to the file descriptors, synchronously: a line logged just before
// process.exit (a start-up failure) is never lost, and sonic-boom retries a full pipe.
function processLogger(level: TLevel, format: TLogFormat): Logger {
  const stdout = pino.destination({ dest: 1, sync: true });
  const stderr = pino.destination({ dest: 2, sync: true });
  return createLogger({ level, format, out: (line) => stdout.write(line), err: (line) => stderr.write(line) });
}

// One logger per process (server.ts and Next's bundles load this module separately), rebuilt if
// LOG_LEVEL or LOG_FORMAT change (tests set them).
const holder = globalThis as typeof globalThis & { __warroomLogger?: { key: string; logger: Logger } };

function logger(): Logger {
  const level = LEVELS.includes(process.env.LOG_LEVEL as TLevel) ? (process.env.LOG_LEVEL as TLevel) : "info";
  const format = chooseLogFormat(process.env.LOG_FORMAT, process.stdout.isTTY === true);
  const key = `${level}|${format}`;
  if (holder.__warroomLogger?.key !== key) holder.__warroomLogger = { key, logger: processLogger(level, format) };
  return holder.__warroomLogger.logger;
}

function write(level: TLevel, message: string, fields?: TFields) {
  if (fields && Object.keys(fields).length > 0) logger()[level](fields, message);
  else logger()[level](message);
}

export const log = {
  debug: (m: string, f?: TFields) => write("debug", m, f),
  info: (m: string, f?: TFields) => write("info", m, f),
  warn: (m: string, f?: TFields) => write("warn", m, f),
  error: (m: string, f?: TFields) => write("error", m, f),
};

/** "postgresql://user:secret@host:5432/db" → "postgresql://user:***@host:5432/db". */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable url>";
  }
}
