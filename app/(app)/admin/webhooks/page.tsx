import { AddGlobalWebhookForm, GlobalDeliveries, GlobalWebhookRow } from "@/components/comms/global-webhooks";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/current-user";
import { listGlobalWebhooks } from "@/lib/comms/queries";

export const dynamic = "force-dynamic";
export const metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  await requirePageUser("webhooks.manage");
  const webhooks = await listGlobalWebhooks();
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold text-slate-900">Webhooks</h1>
      <p className="max-w-3xl text-slate-700">
        Every run sends to these destinations what each is chosen for: announcements, status changes, go/no-go, rollout
        steps, checkpoints, rollback recommendations and decisions, rules that lose their feed, the end of the run. Each
        kind speaks its tool (Slack Block Kit, Teams cards, Mattermost, Discord, PagerDuty incidents, signed event
        webhooks), after the change is saved, with retries. Leads add destinations for one run in its war room. Only the
        host of a URL is ever shown again (a webhook URL is its own password), and no key or secret is.
      </p>
      <Card>
        <h2 className="mb-4 text-lg font-bold text-slate-900">Add a destination for every run</h2>
        <AddGlobalWebhookForm />
      </Card>
      <Card>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Webhooks every run posts to</caption>
          <thead>
            <tr className="border-b border-slate-200 text-slate-700">
              <th scope="col" className="py-2">Name</th>
              <th scope="col" className="py-2">Kind</th>
              <th scope="col" className="py-2">Host</th>
              <th scope="col" className="py-2">Sends on</th>
              <th scope="col" className="py-2">State</th>
              <th scope="col" className="py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {webhooks.length === 0 && (
              <tr><td colSpan={6} className="py-3 text-slate-600">None yet.</td></tr>
            )}
            {webhooks.map((w) => <GlobalWebhookRow key={w.id} webhook={w} />)}
          </tbody>
        </table>
      </Card>
      <Card>
        <GlobalDeliveries webhooks={webhooks} />
      </Card>
    </div>
  );
}
