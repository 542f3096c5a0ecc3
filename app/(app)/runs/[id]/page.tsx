import { cache } from "react";
import { notFound } from "next/navigation";
import { WarRoom } from "@/components/runs/war-room";
import { requirePageUser } from "@/lib/auth/current-user";
import { listUsers } from "@/lib/auth/users";
import { can } from "@/lib/domain/roles";
import { getRunSnapshot } from "@/lib/runs/queries";
import { loadCommsContext } from "@/lib/comms/context";
import { loadCatchUp } from "@/lib/runs/catch-up-query";
import { listDataSourceChoices } from "@/lib/datasources/queries";

export const dynamic = "force-dynamic";

// The title and the page read the same snapshot: once per request, not twice.
const snapshotOf = cache(getRunSnapshot);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const snapshot = await snapshotOf((await params).id);
  return { title: snapshot ? `${snapshot.name} — war room` : "Run not found" };
}

export default async function WarRoomPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("runs.read");
  const snapshot = await snapshotOf((await params).id);
  if (!snapshot) notFound();
  const assignableUsers = can(user.role, "users.manage") ? (await listUsers()).map(({ id, name, role }) => ({ id, name, role })) : undefined;
  const commsContext = (await loadCommsContext(snapshot.id, user.role)) ?? undefined;
  const catchUp = await loadCatchUp(snapshot.id);
  const dataSources = await listDataSourceChoices();
  return (
    <WarRoom
      initial={snapshot}
      role={user.role}
      renderedAt={new Date().toISOString()}
      viewerId={user.id}
      assignableUsers={assignableUsers}
      commsContext={commsContext}
      initialCatchUp={catchUp}
      dataSources={dataSources}
    />
  );
}
