// The matrix's server actions (every export of every "use server" module): the permission each
// needs and how to make a valid call.
import { randomUUID } from "node:crypto";
import { createWorkspaceKey } from "../../api/keys";
import { createGlobalWebhook } from "../../comms/webhooks";
import { createDataSource } from "../../datasources/commands";
import { db } from "../../db/client";
import { createShareLink } from "../../share/server/share-links";
import { copyTemplate } from "../../templates/edit-commands";
import { getTemplateForEditor } from "../../templates/editor-queries";
import { createUser } from "../users";
import { removeGlobalWebhooks, smallTemplate, spareUser, webhookUrl } from "./arrange";
import { actionCall, form, type TEntry } from "./calls";
import { NOTIFY_ACTION_ENTRIES } from "./notify-entries";
import { world } from "./world";

/** An action on an admin's existing global webhook; each case removes the global webhooks it left. */
const existingGlobalWebhookEntry = (action: string, args: (webhookId: unknown) => unknown[]): [string, TEntry] => [
  `action lib/comms/actions.ts#${action}`,
  {
    permission: "webhooks.manage",
    isMutation: true,
    prepare: async () => (await createGlobalWebhook(world.team.admin, { name: "Company chat", url: webhookUrl(), format: "json" })).id,
    call: actionCall("lib/comms/actions.ts", action, (_c, webhookId) => args(webhookId)),
    cleanup: removeGlobalWebhooks,
  },
];

/** A data source at a port nothing listens on: testing it answers "refused" at once. */
const DATA_SOURCE_FIELDS = { name: "Prometheus", url: "http://127.0.0.1:1", authKind: "none", timeoutSeconds: "2", stageLabel: "track", stageCanary: "canary", stageProduction: "stable", stageStaging: "staging" };
const removeDataSources = async () => void (await db().dataSource.deleteMany({}));

export const ACTION_ENTRIES: Record<string, TEntry> = Object.fromEntries<TEntry>([
  [
    "action lib/auth/actions.ts#setupAction",
    {
      permission: "nobody",
      rule: "only before the first account exists",
      isMutation: true,
      prepare: async () => form({ name: "Mallory", email: `m-${randomUUID()}@example.com`, password: "long enough password" }),
      call: actionCall("lib/auth/actions.ts", "setupAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/auth/actions.ts#createUserAction",
    {
      permission: "users.manage",
      isMutation: true,
      prepare: async () => form({ name: "New Person", email: `n-${randomUUID()}@example.com`, role: "member" }),
      call: actionCall("lib/auth/actions.ts", "createUserAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/auth/actions.ts#setUserRoleAction",
    {
      permission: "users.manage",
      isMutation: true,
      prepare: async () => (await spareUser("member")).id,
      call: actionCall("lib/auth/actions.ts", "setUserRoleAction", (_c, userId) => [userId, "lead"]),
    },
  ],
  [
    "action lib/auth/actions.ts#issuePasswordResetAction",
    {
      permission: "users.manage",
      isMutation: true,
      prepare: async () => (await spareUser("member")).id,
      call: actionCall("lib/auth/actions.ts", "issuePasswordResetAction", (_c, userId) => [userId]),
    },
  ],
  [
    "action lib/auth/actions.ts#setPasswordAction",
    {
      permission: "anyone",
      rule: "the one-time link is the credential: whoever holds a live one sets that account's password, once",
      isMutation: true,
      prepare: async () => {
        const { inviteToken } = await createUser(world.team.admin, { name: "Invitee", email: `i-${randomUUID()}@example.com` });
        return form({ token: inviteToken, password: "a long and unusual passphrase" });
      },
      call: actionCall("lib/auth/actions.ts", "setPasswordAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/auth/actions.ts#setUserDisabledAction",
    {
      permission: "users.manage",
      isMutation: true,
      prepare: async () => (await spareUser("member")).id,
      call: actionCall("lib/auth/actions.ts", "setUserDisabledAction", (_c, userId) => [userId, true]),
    },
  ],
  [
    "action lib/runs/actions.ts#createRunAction",
    {
      permission: "runs.create",
      isMutation: true,
      prepare: async () => {
        const template = await db().template.findFirstOrThrow({ where: { isDefault: true } });
        return form({ templateId: template.id, name: "Matrix run", service: "api", targetVersion: "1.0.0", plannedStart: new Date().toISOString(), plannedDurationMin: "60" });
      },
      call: actionCall("lib/runs/actions.ts", "createRunAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/templates/actions.ts#copyTemplateAction",
    {
      permission: "templates.edit",
      isMutation: true,
      prepare: async () => form({ templateId: await smallTemplate(), name: `Matrix copy ${randomUUID()}` }),
      call: actionCall("lib/templates/actions.ts", "copyTemplateAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/templates/actions.ts#saveTemplateAction",
    {
      permission: "templates.edit",
      rule: "not a built-in template, and only over the version it was opened at",
      isMutation: true,
      prepare: async () => {
        const { id } = await copyTemplate(world.team.lead, { templateId: await smallTemplate(), name: `Matrix edit ${randomUUID()}` });
        const { version, draft } = (await getTemplateForEditor(id))!;
        return { templateId: id, version, draft: { ...draft, name: `Edited ${randomUUID()}` } };
      },
      call: actionCall("lib/templates/actions.ts", "saveTemplateAction", (_c, input) => [input]),
    },
  ],
  [
    "action lib/tower/actions.ts#checkWindowAction",
    {
      permission: "runs.read",
      isMutation: false,
      prepare: async () => null,
      call: actionCall("lib/tower/actions.ts", "checkWindowAction", (c) => [{ runId: c.run.id, service: "matrix-svc", plannedStart: new Date().toISOString(), plannedDurationMin: 60 }]),
    },
  ],
  [
    "action lib/templates/actions.ts#previewRunbookAction",
    {
      permission: "templates.edit",
      isMutation: false,
      prepare: async () => ({ markdown: "## Pre-Deployment (30 minutes)\n### Checks\n- [ ] Backup taken\n" }),
      call: actionCall("lib/templates/actions.ts", "previewRunbookAction", (_c, input) => [input]),
    },
  ],
  [
    "action lib/templates/actions.ts#importRunbookAction",
    {
      permission: "templates.edit",
      isMutation: true,
      prepare: async () => ({ markdown: "## Pre-Deployment (30 minutes)\n### Checks\n- [ ] Backup taken\n", name: `Matrix import ${randomUUID()}` }),
      call: actionCall("lib/templates/actions.ts", "importRunbookAction", (_c, input) => [input]),
    },
  ],
  [
    "action lib/comms/actions.ts#refreshCommsContextAction",
    {
      permission: "runs.read",
      isMutation: false,
      prepare: async () => null,
      call: actionCall("lib/comms/actions.ts", "refreshCommsContextAction", (c) => [c.run.id]),
    },
  ],
  [
    "action lib/comms/actions.ts#createGlobalWebhookAction",
    {
      permission: "webhooks.manage",
      isMutation: true,
      prepare: async () => form({ name: "Company chat", url: webhookUrl(), format: "json" }),
      call: actionCall("lib/comms/actions.ts", "createGlobalWebhookAction", (_c, input) => [null, input]),
      cleanup: removeGlobalWebhooks,
    },
  ],
  existingGlobalWebhookEntry("setGlobalWebhookEnabledAction", (webhookId) => [webhookId, false]),
  existingGlobalWebhookEntry("removeGlobalWebhookAction", (webhookId) => [webhookId]),
  ...NOTIFY_ACTION_ENTRIES,
  [
    "action lib/share/server/actions.ts#createShareLinkAction",
    {
      permission: "share.manage",
      isMutation: true,
      prepare: async (c) => ({ runId: c.run.id, label: "Stakeholders" }),
      call: actionCall("lib/share/server/actions.ts", "createShareLinkAction", (_c, input) => [input]),
    },
  ],
  [
    "action lib/share/server/actions.ts#revokeShareLinkAction",
    {
      permission: "share.manage",
      isMutation: true,
      prepare: async (c) => ({ runId: c.run.id, linkId: (await createShareLink(world.team.lead, { runId: c.run.id, label: "To revoke" })).link.id }),
      call: actionCall("lib/share/server/actions.ts", "revokeShareLinkAction", (_c, input) => [input]),
    },
  ],
  [
    "action lib/api/actions.ts#createWorkspaceKeyAction",
    {
      permission: "apikeys.manage",
      isMutation: true,
      prepare: async () => {
        const data = form({ name: "ci-deploy" });
        data.append("scopes", "runs:read");
        return data;
      },
      call: actionCall("lib/api/actions.ts", "createWorkspaceKeyAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/api/actions.ts#revokeWorkspaceKeyAction",
    {
      permission: "apikeys.manage",
      isMutation: true,
      prepare: async () => (await createWorkspaceKey(world.team.admin, { name: "to revoke", scopes: ["runs:read"] })).key.id,
      call: actionCall("lib/api/actions.ts", "revokeWorkspaceKeyAction", (_c, id) => [id]),
    },
  ],
  [
    "action lib/datasources/actions.ts#saveDataSourceAction",
    {
      permission: "datasources.manage",
      isMutation: true,
      prepare: async () => form(DATA_SOURCE_FIELDS),
      call: actionCall("lib/datasources/actions.ts", "saveDataSourceAction", (_c, input) => [null, input]),
      cleanup: removeDataSources,
    },
  ],
  [
    "action lib/datasources/actions.ts#deleteDataSourceAction",
    {
      permission: "datasources.manage",
      isMutation: true,
      prepare: async () =>
        (await createDataSource(world.team.admin, { name: "Prometheus", url: "http://127.0.0.1:1", authKind: "none", timeoutMs: 2000, stageLabel: { label: "track", values: { staging: "staging", canary: "canary", production: "stable" } } })).id,
      call: actionCall("lib/datasources/actions.ts", "deleteDataSourceAction", (_c, id) => [id]),
      cleanup: removeDataSources,
    },
  ],
  [
    "action lib/datasources/actions.ts#testDataSourceAction",
    {
      permission: "datasources.manage",
      isMutation: false,
      prepare: async () => form(DATA_SOURCE_FIELDS),
      call: actionCall("lib/datasources/actions.ts", "testDataSourceAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/locks/actions.ts#takeLockAction",
    {
      permission: "locks.manage",
      isMutation: true,
      prepare: async () => form({ service: `svc-${randomUUID()}`, reason: "Incident 4411" }),
      call: actionCall("lib/locks/actions.ts", "takeLockAction", (_c, input) => [null, input]),
    },
  ],
  [
    "action lib/locks/actions.ts#releaseLockAction",
    {
      permission: "locks.manage",
      isMutation: true,
      prepare: async () => (await db().serviceLock.create({ data: { serviceKey: `svc-${randomUUID()}`, service: "svc", reason: "Matrix", holderName: "Ada Admin" } })).serviceKey,
      call: actionCall("lib/locks/actions.ts", "releaseLockAction", (_c, service) => [service]),
    },
  ],
  [
    "action lib/locks/actions.ts#saveFreezeAction",
    {
      permission: "locks.manage",
      isMutation: true,
      prepare: async () => {
        const fields = form({ kind: "weekly", service: "", reason: "Nights", start: "18:00", end: "08:00", timeZone: "Europe/Paris" });
        for (const day of ["1", "2", "3"]) fields.append("weekdays", day);
        return fields;
      },
      call: actionCall("lib/locks/actions.ts", "saveFreezeAction", (_c, input) => [null, input]),
      cleanup: async () => void (await db().freezeWindow.deleteMany({})),
    },
  ],
  [
    "action lib/locks/actions.ts#removeFreezeAction",
    {
      permission: "locks.manage",
      isMutation: true,
      prepare: async () => (await db().freezeWindow.create({ data: { kind: "range", service: "matrix", serviceKey: "matrix", reason: "Audit", startsAt: new Date(), endsAt: new Date(Date.now() + 60_000), timeZone: "UTC", weekdays: [], createdByName: "Ada Admin" } })).id,
      call: actionCall("lib/locks/actions.ts", "removeFreezeAction", (_c, id) => [id]),
    },
  ],
]);
