import { DataSourceForm } from "@/components/admin/data-source-form";
import { DataSourceRow } from "@/components/admin/data-source-row";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { listDataSources } from "@/lib/datasources/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Data sources" };

export default async function DataSourcesPage() {
  await requirePageUser("datasources.manage");
  const sources = await listDataSources();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">Data sources</h1>
      <p className="max-w-3xl text-slate-700">
        Prometheus servers a run&apos;s rules can query directly, instead of waiting for pushed samples. The stage label tells
        Warroom which series are the canary and which production (for example <code className="font-mono">track</code> with{" "}
        <code className="font-mono">canary</code> and <code className="font-mono">stable</code>). Tokens and passwords are
        stored on the server and never shown again. <strong>Health</strong> is what the rules&apos; own queries found: a data
        source is failing once its queries have failed at its end (unreachable, timing out, an HTTP error) four times in a row,
        and is asked less and less often until it answers again.
      </p>
      <Card>
        <h2 className="mb-4 text-lg font-bold text-slate-900">Add a data source</h2>
        <DataSourceForm />
      </Card>
      <Card>
        <table className="w-full text-left text-sm [&_td]:pr-3 [&_th]:pr-3">
          <caption className="sr-only">Data sources</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-700">
              <th scope="col" className="py-2">Name</th>
              <th scope="col" className="py-2">URL</th>
              <th scope="col" className="py-2">Authentication</th>
              <th scope="col" className="py-2">Stage label (canary / production)</th>
              <th scope="col" className="py-2">Timeout</th>
              <th scope="col" className="py-2">Health</th>
              <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {sources.length === 0 && (
              <tr><td colSpan={7} className="py-3 text-slate-600">None yet.</td></tr>
            )}
            {sources.map((s) => <DataSourceRow key={s.id} source={s} />)}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
