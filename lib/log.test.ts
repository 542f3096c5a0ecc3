import { describe, expect, it } from "vitest";
import { chooseLogFormat, createLogger, prettyLine, type TLogFormat } from "./log";
import { runWithRequestContext, requestIdFrom } from "./observability/request-context";
import { loggablePath } from "./observability/request-ids";
import { REDACTED, SECRET_FIELDS, scrubSecrets } from "./observability/redaction";

function capture(format: TLogFormat, level: "debug" | "info" | "warn" | "error" = "debug") {
  const out: string[] = [];
  const err: string[] = [];
  const logger = createLogger({ level, format, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { logger, out, err, json: () => [...out, ...err].map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("log format", () => {
  it("LOG_FORMAT wins; unset or unknown, pretty on a terminal and JSON elsewhere", () => {
    expect(chooseLogFormat("json", true)).toBe("json");
    expect(chooseLogFormat("pretty", false)).toBe("pretty");
    expect(chooseLogFormat(undefined, true)).toBe("pretty");
    expect(chooseLogFormat(undefined, false)).toBe("json");
  });

  it("JSON: one object per line with level, time, message and fields; warn and error on the error stream", () => {
    const { logger, out, err } = capture("json");
    logger.info({ runId: "r1" }, "started");
    logger.warn("slow");
    expect(out).toHaveLength(1);
    expect(err).toHaveLength(1);
    const line = JSON.parse(out[0]) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "info", msg: "started", runId: "r1", name: "warroom" });
    expect(new Date(String(line.time)).toISOString()).toBe(line.time);
    expect(JSON.parse(err[0])).toMatchObject({ level: "warn", msg: "slow" });
  });

  it("pretty: the human line Warroom always printed, level only when not info", () => {
    const { logger, out, err } = capture("pretty");
    logger.info("stopped");
    logger.error({ deliveryId: "d1" }, "webhook delivery crashed");
    expect(out).toEqual(["[warroom] stopped\n"]);
    expect(err).toEqual(['[warroom] ERROR webhook delivery crashed {"deliveryId":"d1"}\n']);
    expect(prettyLine(JSON.stringify({ level: "debug", msg: "x", pid: 1, hostname: "h", time: "t" }))).toBe("[warroom] DEBUG x\n");
  });

  it("honours the level", () => {
    const { logger, out, err } = capture("json", "warn");
    logger.info("hidden");
    logger.debug("hidden too");
    logger.error("shown");
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
  });
});

describe("request ids", () => {
  it("every line logged inside a request carries its id, and none outside", async () => {
    const { logger, json } = capture("json");
    await runWithRequestContext({ requestId: "req-12345678" }, async () => {
      logger.info("before");
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info("after an await");
    });
    logger.info("outside");
    expect(json().map((l) => l.reqId)).toEqual(["req-12345678", "req-12345678", undefined]);
  });

  it("keeps a proxy's sane X-Request-Id and replaces anything else", () => {
    expect(requestIdFrom("5f2b8a6c9d0e41f2a3b4c5d6e7f80912")).toBe("5f2b8a6c9d0e41f2a3b4c5d6e7f80912");
    for (const bad of [undefined, "", "short", "a b c d e f g h", "x".repeat(200), 'evil"}\n{"level":"error']) {
      const id = requestIdFrom(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe("no secrets in logs", () => {
  it.each(SECRET_FIELDS)("censors the field %s at the top level, one and two levels down", (field) => {
    const { logger, out } = capture("json");
    const secret = `s3cret-${field}-value`;
    logger.info({ [field]: secret, request: { [field]: secret }, webhook: { headers: { [field]: secret } }, keep: "visible" }, "event");
    expect(out[0]).not.toContain(secret);
    const line = JSON.parse(out[0]) as Record<string, Record<string, Record<string, unknown>>>;
    expect(line[field]).toBe(REDACTED);
    expect(line.request[field]).toBe(REDACTED);
    expect(line.webhook.headers[field]).toBe(REDACTED);
    expect(line.keep).toBe("visible");
  });

  it("scrubs secrets inside text: URL passwords, bearer tokens, API keys, query tokens", () => {
    const { logger, out, err } = capture("pretty");
    logger.error(
      { message: "connect ECONNREFUSED postgresql://warroom:pg-pass-123@db:5432/warroom", nested: [{ header: "Authorization: Bearer abc.def.ghi" }] },
      "Redis at rediss://:redis-pass-456@cache:6380 failed; key wrm_live_0123456789abcdef; /set-password?token=tok-789xyz",
    );
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    const text = err[0];
    for (const secret of ["pg-pass-123", "abc.def.ghi", "redis-pass-456", "wrm_live_0123456789abcdef", "tok-789xyz"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("postgresql://warroom:[redacted]@db:5432/warroom");
    expect(text).toContain("Bearer [redacted]");
  });

  it("leaves ordinary text alone, and a URL redactUrl already masked", () => {
    for (const text of ["item pre_deployment.1.1 ticked by Ada at https://warroom.example.com/runs/abc?tab=metrics", "Redis at redis://:***@127.0.0.1:1 is unreachable"]) {
      expect(scrubSecrets(text)).toBe(text);
    }
  });
});

describe("request lines", () => {
  it("leave out query strings and status-link tokens", () => {
    expect(loggablePath("/api/runs/abc/metrics")).toBe("/api/runs/abc/metrics");
    expect(loggablePath("/set-password?token=secret-token-value")).toBe("/set-password");
    expect(loggablePath("/status/Zx9fQ2kP7wLm3nR8tV1yB4cD6eF0gH5j")).toBe("/status/[redacted]");
    expect(loggablePath("/status/Zx9fQ2kP7wLm3nR8tV1yB4cD6eF0gH5j/icon?x=1")).toBe("/status/[redacted]/icon");
  });
});
