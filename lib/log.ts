// Minimal structured logger. Never pass secrets here: connection strings go through redactUrl.
type TLevel = "debug" | "info" | "warn" | "error";
const order: Record<TLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const level = (process.env.LOG_LEVEL as TLevel | undefined) ?? "info";
  return order[level] ?? order.info;
}

function write(level: TLevel, message: string, fields?: Record<string, unknown>) {
  if (order[level] < threshold()) return;
  const suffix = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : "";
  const line = `[warroom] ${level === "info" ? "" : level.toUpperCase() + " "}${message}${suffix}`;
  (level === "error" || level === "warn" ? console.error : console.log)(line);
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, f?: Record<string, unknown>) => write("error", m, f),
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
