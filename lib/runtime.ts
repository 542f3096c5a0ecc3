// What server.ts decides at start (database URL, auth secret, public URL) shared with the code
// Next bundles separately. Kept on globalThis because server.ts and Next's bundles load their own
// copies of every module; only the process (and so globalThis) is common to both.
export type TRuntime = {
  databaseUrl: string;
  authSecret: string;
  appUrl: string;
  signInRateLimit: number;
  startedAt: Date;
  version: string;
};

const store = globalThis as typeof globalThis & { __warroomRuntime?: TRuntime };

export function setRuntime(value: TRuntime): void {
  store.__warroomRuntime = value;
}

export function runtime(): TRuntime {
  const value = store.__warroomRuntime;
  if (!value) throw new Error("Warroom is not initialised: start it with server.ts (npm start / npm run dev)");
  return value;
}
