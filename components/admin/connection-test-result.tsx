// What "test connection" found: one line, green with the version or red with what failed.
import type { TConnectionResult } from "@/lib/datasources/prometheus/test-connection";

export function ConnectionTestResult({ result }: { result: TConnectionResult }) {
  if (result.isOk) {
    return <p role="status" data-testid="connection-test" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">✓ {result.message}</p>;
  }
  return (
    <p role="alert" data-testid="connection-test" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
      <span aria-hidden="true">⚠ </span>
      {result.message}
    </p>
  );
}
