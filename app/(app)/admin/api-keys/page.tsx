import { ApiKeyRow, CreateApiKeyForm } from "@/components/admin/api-keys";
import { Card } from "@/components/ui/card";
import { listWorkspaceKeys } from "@/lib/api/keys";
import { requirePageUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";
export const metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const user = await requirePageUser("apikeys.manage");
  const keys = await listWorkspaceKeys(user);
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">API keys</h1>
      <p className="max-w-3xl text-slate-700">
        Workspace keys let pipelines create runs and act on any run, within their scopes; their changes show on the
        timeline as “API key <em>name</em>”. Leads make keys for one run in its war room. See the{" "}
        <a className="underline" href="/api/v1/reference">API reference</a>.
      </p>
      <Card>
        <h2 className="mb-4 text-lg font-bold text-slate-900">Create a workspace key</h2>
        <CreateApiKeyForm />
      </Card>
      <Card>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Workspace API keys</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-700">
              <th scope="col" className="py-2">Name</th>
              <th scope="col" className="py-2">Key</th>
              <th scope="col" className="py-2">Scopes</th>
              <th scope="col" className="py-2">Last used</th>
              <th scope="col" className="py-2">State</th>
              <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {keys.length === 0 && (
              <tr><td colSpan={6} className="py-3 text-slate-600">None yet.</td></tr>
            )}
            {keys.map((k) => <ApiKeyRow key={k.id} apiKey={k} />)}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
