// Headless bootstrap for containers and CI: on a database with no users, WARROOM_ADMIN_EMAIL and
// WARROOM_ADMIN_PASSWORD (or WARROOM_ADMIN_PASSWORD_FILE, for secrets mounted as files) create the
// first admin at start, exactly as the /setup page would. The password is never logged, nor put in
// an error message: a refusal names the variable and the rule.
import { readFile } from "node:fs/promises";
import type { TEnv } from "../env";
import { AppError } from "../errors";
import { createFirstAdmin, hasAnyUser } from "./users";

export type TBootstrapOutcome = "created" | "users_exist" | "not_configured";

type TBootstrapEnv = Pick<TEnv, "WARROOM_ADMIN_EMAIL" | "WARROOM_ADMIN_PASSWORD" | "WARROOM_ADMIN_PASSWORD_FILE" | "WARROOM_ADMIN_NAME">;

async function readPassword(env: TBootstrapEnv): Promise<string> {
  if (env.WARROOM_ADMIN_PASSWORD !== undefined) return env.WARROOM_ADMIN_PASSWORD;
  const file = env.WARROOM_ADMIN_PASSWORD_FILE!;
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new Error(`WARROOM_ADMIN_PASSWORD_FILE cannot be read (${error.code ?? error.message}): ${file}`);
  });
  // A file written by `echo` or a secrets manager ends with a newline that is not part of the password.
  return text.replace(/\r?\n$/, "");
}

export async function bootstrapAdmin(env: TBootstrapEnv): Promise<TBootstrapOutcome> {
  if (!env.WARROOM_ADMIN_EMAIL) return "not_configured";
  if (await hasAnyUser()) return "users_exist";
  const password = await readPassword(env);
  try {
    await createFirstAdmin({ name: env.WARROOM_ADMIN_NAME, email: env.WARROOM_ADMIN_EMAIL, password });
  } catch (error) {
    // Another instance starting on the same database created it first.
    if (error instanceof AppError && error.code === "setup_done") return "users_exist";
    if (error instanceof AppError && error.code === "invalid_input") {
      throw new Error(`WARROOM_ADMIN_PASSWORD${env.WARROOM_ADMIN_PASSWORD_FILE ? "_FILE" : ""}: ${error.message.replace(/^password: /, "")}`);
    }
    throw error;
  }
  return "created";
}
