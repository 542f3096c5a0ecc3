// Types of e2e-target.mjs for the specs that import it.
export function e2ePort(): string;
export function e2eDatabaseName(port: string): string;
export function e2eDataDir(port: string): string;
