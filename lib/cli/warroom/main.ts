// The `warroom` CLI for pipelines (`npx warroom …` from a checkout; bin/warroom.mjs). It needs only
// WARROOM_URL and WARROOM_TOKEN and talks to the pipeline API (/api/v1) like any other client.
// Exit codes: 0 done (gate: go), 1 gate no_go, 2 gate rollback, 3 gate still waiting, 4 error.
import { Command, CommanderError, Option } from "commander";
import { parseDuration } from "../../domain/duration";
import { SENDABLE_STAGES } from "../../domain/metric-catalog";
import { mapExposition, parseExposition, parseMapping } from "../../domain/prometheus-exposition";
import { CliError, clientFromEnv, EXIT_ERROR, type TClient } from "./client";
import { describeGate, GATE_EXIT_CODES, readGate } from "./gate";
import { readInput } from "./input";
import { addTemplateCommands } from "./templates";

type TRun = { id: string; url: string; name: string; status: string; rolloutPercent: number };
type TCommandAnswer = { run: TRun; event: { seq: number; type: string }; isReplay: boolean };

const out = (line: string) => process.stdout.write(`${line}\n`);
const note = (line: string) => process.stderr.write(`${line}\n`);
const runPath = (run: string, rest = "") => `/api/v1/runs/${encodeURIComponent(run)}${rest}`;
const idempotency = (key?: string) => (key ? { "idempotency-key": key } : undefined);

function int(name: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value)) throw new CliError(`${name} must be a whole number, not “${value}”`);
    return Number(value);
  };
}

function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === null) throw new CliError(`--timeout must be a duration (30s, 5m, 1h), not “${value}”`);
  return ms;
}

function reportCommand(answer: TCommandAnswer, what: string) {
  out(`${what}${answer.isReplay ? " (already done: nothing changed)" : ""} — ${answer.run.name}: ${answer.run.status}, rollout ${answer.run.rolloutPercent}% (event #${answer.event.seq})`);
}

export function buildProgram(client: () => TClient): Command {
  const program = new Command("warroom")
    .description("Drive a Warroom run from a pipeline. Needs WARROOM_URL and WARROOM_TOKEN.")
    .showHelpAfterError()
    .exitOverride();

  const runs = program.command("runs").description("Runs");
  runs
    .command("create")
    .description("Create a run from a template; prints its id and war-room URL")
    .requiredOption("--template <name-or-id>", "the template (e.g. “Deployment Day”)")
    .requiredOption("--service <service>", "the service deployed")
    .requiredOption("--version <version>", "the release deployed")
    .option("--commit <sha>", "its commit")
    .option("--commit-at <time>", "when that commit was made, ISO 8601 (e.g. `git show -s --format=%cI`): lead time for changes runs from it")
    .option("--name <name>", "the run's name (default: “<service> <version>”)")
    .option("--idempotency-key <key>", "retrying with the same key creates the run once (e.g. the pipeline's id)")
    .option("--json", "print {\"id\", \"url\", \"conflicts\"}")
    .action(async (o: { template: string; service: string; version: string; commit?: string; commitAt?: string; name?: string; idempotencyKey?: string; json?: boolean }) => {
      const { run, conflicts = [] } = await client().call<{ run: TRun; conflicts?: { reason: string }[] }>({
        method: "POST",
        path: "/api/v1/runs",
        body: { template: o.template, service: o.service, version: o.version, commit: o.commit, commitAt: o.commitAt, name: o.name },
        headers: idempotency(o.idempotencyKey),
      });
      // Warnings, not refusals: the run exists; stderr keeps stdout to the id and URL a script reads.
      for (const conflict of conflicts) console.error(`warning: ${conflict.reason}`);
      if (o.json) out(JSON.stringify({ id: run.id, url: run.url, conflicts }));
      else {
        out(run.id);
        out(run.url);
      }
    });

  program
    .command("gate")
    .description("Read the go/no-go gate. Exits 0 go, 1 no_go, 2 rollback, 3 waiting (at the timeout), 4 error")
    .requiredOption("--run <id>", "the run")
    .addOption(new Option("--stage <stage>", "judge this stage's rules").choices(["canary", "production"]))
    .option("--step <percent>", "also require this rollout step's checkpoint", int("--step"))
    .option("--wait", "wait for a decision (go, no_go or rollback) instead of answering at once")
    .addOption(new Option("--timeout <duration>", "with --wait: how long at most (30s, 5m, 1h)").argParser(duration).default(30 * 60_000, "30m"))
    .option("--json", "print the gate as JSON")
    .action(async (o: { run: string; stage?: string; step?: number; wait?: boolean; timeout: number; json?: boolean }) => {
      const gate = await readGate(client(), {
        run: o.run,
        stage: o.stage,
        step: o.step,
        waitMs: o.wait ? o.timeout : undefined,
        onWaiting: (g) => note(`waiting: ${g.reasons.filter((r) => r.decision === "wait").map((r) => r.message).join(" | ")}`),
      });
      if (o.json) out(JSON.stringify(gate));
      else describeGate(gate).forEach(out);
      process.exitCode = GATE_EXIT_CODES[gate.decision];
    });

  for (const [name, action, summary] of [
    ["tick", "tick", "Tick a checklist item"],
    ["skip", "skip", "Skip a checklist item (needs --reason)"],
    ["fail", "fail", "Fail a checklist item (needs --reason)"],
    ["undo", "undo", "Reopen a checklist item"],
  ] as const) {
    program
      .command(name)
      .description(summary)
      .requiredOption("--run <id>", "the run")
      .requiredOption("--item <key-or-text>", "the item's stable key (pre_deployment.1.2) or its exact text")
      .option("--reason <text>", "why (skip, fail)")
      .option("--idempotency-key <key>", "retrying with the same key applies it once")
      .action(async (o: { run: string; item: string; reason?: string; idempotencyKey?: string }) => {
        const answer = await client().call<TCommandAnswer>({ method: "POST", path: runPath(o.run, "/items"), body: { item: o.item, action, ...(o.reason && { reason: o.reason }) }, headers: idempotency(o.idempotencyKey) });
        reportCommand(answer, `${name}: ${o.item}`);
      });
  }

  program
    .command("rollout")
    .description("Step the rollout to the given step (it must be the next one)")
    .requiredOption("--run <id>", "the run")
    .requiredOption("--step <percent>", "the step to reach", int("--step"))
    .option("--idempotency-key <key>", "retrying with the same key applies it once")
    .action(async (o: { run: string; step: number; idempotencyKey?: string }) => {
      const answer = await client().call<TCommandAnswer>({ method: "POST", path: runPath(o.run, "/rollout"), body: { to: o.step }, headers: idempotency(o.idempotencyKey) });
      reportCommand(answer, `rollout → ${o.step}%`);
    });

  program
    .command("status")
    .description("Move the run's status (the war room's rules apply)")
    .requiredOption("--run <id>", "the run")
    .requiredOption("--to <status>", "e.g. pre_deployment, production, validation")
    .option("--reason <text>", "why (needed to abort or roll back)")
    .option("--idempotency-key <key>", "retrying with the same key applies it once")
    .action(async (o: { run: string; to: string; reason?: string; idempotencyKey?: string }) => {
      const answer = await client().call<TCommandAnswer>({ method: "POST", path: runPath(o.run, "/status"), body: { to: o.to, ...(o.reason && { reason: o.reason }) }, headers: idempotency(o.idempotencyKey) });
      reportCommand(answer, `status → ${o.to}`);
    });

  program
    .command("announce")
    .description("Fill one of the run's announcement templates and print it; --post posts it")
    .requiredOption("--run <id>", "the run")
    .requiredOption("--template <key>", "e.g. starting, in_progress, complete")
    .option("--field <name=value>", "a value for a {{field}} the run does not know; repeatable", (value: string, all: string[] = []) => [...all, value])
    .option("--post", "post it (and send it to the run's webhooks)")
    .option("--idempotency-key <key>", "retrying with the same key posts it once")
    .action(async (o: { run: string; template: string; field?: string[]; post?: boolean; idempotencyKey?: string }) => {
      const fields = Object.fromEntries((o.field ?? []).map((f) => {
        const at = f.indexOf("=");
        if (at < 1) throw new CliError(`--field ${f}: write it as name=value`);
        return [f.slice(0, at), f.slice(at + 1)];
      }));
      const body = { template: o.template, ...(o.field && { fields }) };
      if (!o.post) {
        const { preview } = await client().call<{ preview: { body: string } }>({ method: "POST", path: runPath(o.run, "/announcements/preview"), body });
        out(preview.body);
        return;
      }
      const answer = await client().call<TCommandAnswer>({ method: "POST", path: runPath(o.run, "/announcements"), body, headers: idempotency(o.idempotencyKey) });
      reportCommand(answer, `announced: ${o.template}`);
    });

  const metrics = program.command("metrics").description("Metric samples");
  metrics
    .command("push")
    .description("Push samples from FILE or standard input (-): JSON as the API takes it, or Prometheus exposition text")
    .requiredOption("--run <id>", "the run")
    .argument("[file]", "the samples; - or nothing reads standard input")
    .addOption(new Option("--format <format>", "json or prometheus").choices(["json", "prometheus"]).default("json"))
    .addOption(new Option("--stage <stage>", "prometheus: the stage of series without a stage label").choices([...SENDABLE_STAGES]))
    .option("--map <NAME=METRIC>", "prometheus: send series NAME (optionally NAME{label=\"value\"}) as METRIC; repeatable", (value: string, all: string[] = []) => [...all, value])
    .action(async (file: string | undefined, o: { run: string; format: "json" | "prometheus"; stage?: (typeof SENDABLE_STAGES)[number]; map?: string[] }) => {
      const text = await readInput(file);
      let body: unknown;
      if (o.format === "json") {
        try {
          body = JSON.parse(text);
        } catch {
          throw new CliError("the input is not valid JSON (use --format prometheus for exposition text)");
        }
      } else {
        let mapped;
        try {
          mapped = mapExposition(parseExposition(text), { mappings: (o.map ?? []).map(parseMapping), stage: o.stage, now: Date.now() });
        } catch (error) {
          throw new CliError((error as Error).message);
        }
        if (mapped.skipped.length) note(`skipped ${mapped.skipped.length} series that map to no metric (see --map): ${mapped.skipped.slice(0, 5).join(", ")}${mapped.skipped.length > 5 ? ", …" : ""}`);
        if (mapped.clashes.length) note(`skipped ${mapped.clashes.length} series mapped to a metric and stage already sent: ${mapped.clashes.slice(0, 5).join(", ")}`);
        if (mapped.samples.length === 0) throw new CliError("no series mapped to a Warroom metric: nothing to push");
        body = { samples: mapped.samples };
      }
      const result = await client().call<{ accepted: number; duplicates: number }>({ method: "POST", path: runPath(o.run, "/metrics"), body });
      out(`pushed: ${result.accepted} accepted, ${result.duplicates} duplicates`);
    });

  program
    .command("lock")
    .description("Lock a service: its runs' gates say no_go until it is unlocked")
    .requiredOption("--service <service>", "the service")
    .requiredOption("--reason <text>", "why")
    .action(async (o: { service: string; reason: string }) => {
      const { lock } = await client().call<{ lock: { service: string; holderName: string } }>({ method: "POST", path: "/api/v1/locks", body: { service: o.service, reason: o.reason } });
      out(`locked ${lock.service} (${lock.holderName})`);
    });

  program
    .command("unlock")
    .description("Release a service's lock")
    .requiredOption("--service <service>", "the service")
    .action(async (o: { service: string }) => {
      const { lock } = await client().call<{ lock: { service: string } }>({ method: "DELETE", path: `/api/v1/locks/${encodeURIComponent(o.service)}` });
      out(`unlocked ${lock.service}`);
    });

  addTemplateCommands(program, client);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram(() => clientFromEnv());
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are not errors; a usage mistake is one (commander printed it).
      return error.code === "commander.helpDisplayed" || error.code === "commander.help" || error.code === "commander.version" ? 0 : EXIT_ERROR;
    }
    if (error instanceof CliError) {
      note(`warroom: ${error.message}`);
      return error.exitCode;
    }
    note(`warroom: ${(error as Error).message}`);
    return EXIT_ERROR;
  }
}
