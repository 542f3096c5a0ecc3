// Applies prisma/migrations with Prisma's WebAssembly schema engine, exactly as
// `prisma migrate deploy` would (same _prisma_migrations bookkeeping), without the native engine
// the Prisma CLI would download. Also diffs two schemas to write the next migration.
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { log } from "../log";

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");
export const SCHEMA_PATH = path.resolve(process.cwd(), "prisma/schema.prisma");

type TEngineModule = typeof import("@prisma/schema-engine-wasm");

let enginePromise: Promise<TEngineModule> | undefined;

/** Load the wasm by hand: the package's entry imports `.wasm` as a module, which Node cannot. */
function loadEngineModule(): Promise<TEngineModule> {
  enginePromise ??= (async () => {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = (await import(bgPath)) as TEngineModule & {
      __wbg_set_wasm: (exports: WebAssembly.Exports) => void;
    };
    const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    // The engine reports Rust panics through this registry before throwing.
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message: (m: string) => void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message: string) => log.error(`schema engine panic: ${message}`),
    };
    return bg;
  })();
  return enginePromise;
}

async function withEngine<T>(url: string, datamodel: string, run: (engine: SchemaEngine) => Promise<T>) {
  const { SchemaEngine } = await loadEngineModule();
  // Track the connections the engine opens: freeing the engine does not close them, and one of
  // them holds Prisma's migration advisory lock until it is closed.
  const factory = new PrismaPg({ connectionString: url });
  const opened: { dispose: () => Promise<void> }[] = [];
  const tracked = (connect: () => Promise<{ dispose: () => Promise<void> }>) => async () => {
    const adapter = await connect();
    opened.push(adapter);
    return adapter;
  };
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: tracked(() => factory.connect()),
    connectToShadowDb: tracked(() => factory.connectToShadowDb()),
  } as typeof factory);
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, datamodel]] },
    (message: string) => log.debug(`schema engine: ${message}`),
    adapter,
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((a) => a.dispose().catch(() => undefined)));
  }
}

export async function readMigrationsList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => {
        const file = path.join(dir, name, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        );
        return { path: name, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/**
 * Apply pending migrations; returns the names applied (empty when up to date). `only`: apply none
 * but these (a restore brings a database to its backup's schema first, lib/backup/restore.ts).
 */
export async function applyMigrations(url: string, options: { only?: readonly string[] } = {}): Promise<string[]> {
  const datamodel = await readFile(SCHEMA_PATH, "utf8");
  const all = await readMigrationsList();
  const { only } = options;
  const migrationsList = only ? { ...all, migrationDirectories: all.migrationDirectories.filter((m) => only.includes(m.path)) } : all;
  const result = await withEngine(url, datamodel, (engine) =>
    engine.applyMigrations({ migrationsList, filters: noFilters }),
  );
  return result.appliedMigrationNames;
}

/** SQL that turns the `from` schema (or an empty database) into the `to` schema. */
export async function diffSchemas(url: string, from: string | null, to: string): Promise<string> {
  const target = (content: string, name: string) => ({
    tag: "schemaDatamodel" as const,
    files: [{ path: name, content }],
  });
  const result = await withEngine(url, to, (engine) =>
    engine.diff({
      from: from === null ? { tag: "empty" } : target(from, "previous.prisma"),
      to: target(to, "schema.prisma"),
      script: true,
      exitCode: null,
      filters: noFilters,
    }),
  );
  return result.stdout ?? "";
}
