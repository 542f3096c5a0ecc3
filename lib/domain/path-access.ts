// Whether another account can reach a path: each directory on the way must let it search (x), by
// owner, group or other bits as they apply to it — the first one that does not is what blocks it
// (a 0700 home such as /root). Used when Warroom runs as root and the embedded PostgreSQL runs as
// the "postgres" account. Pure: the directories' owners and modes are passed in.

export type TDirectory = { path: string; mode: number; uid: number; gid: number };
export type TAccount = { uid: number; gids: readonly number[] };

/** The permission bits (r=4, w=2, x=1) that apply to the account for one entry. */
export function bitsFor(entry: Omit<TDirectory, "path">, account: TAccount): number {
  if (account.uid === 0) return 7;
  if (entry.uid === account.uid) return (entry.mode >> 6) & 7;
  if (account.gids.includes(entry.gid)) return (entry.mode >> 3) & 7;
  return entry.mode & 7;
}

/** The first directory (from the root down) the account may not search, or null when it reaches the end. */
export function firstBlocking(directories: readonly TDirectory[], account: TAccount): TDirectory | null {
  return directories.find((dir) => (bitsFor(dir, account) & 1) === 0) ?? null;
}

/** "/root/warroom/.data" → ["/", "/root", "/root/warroom", "/root/warroom/.data"] (an absolute path). */
export function pathsToRoot(absolute: string): string[] {
  const parts = absolute.split("/").filter(Boolean);
  return ["/", ...parts.map((_, i) => `/${parts.slice(0, i + 1).join("/")}`)];
}

/** "drwx------" from a directory's mode, as `ls -l` shows it. */
export function modeText(mode: number): string {
  const bits = (shift: number) => ["r", "w", "x"].map((c, i) => ((mode >> (shift + 2 - i)) & 1 ? c : "-")).join("");
  return `d${bits(6)}${bits(3)}${bits(0)}`;
}
