-- Destinations of every kind (issue 19): the new kinds, what each destination is sent on (webhooks
-- from before keep sending announcements only), a secret for PagerDuty and signed webhooks, and the
-- deliveries table becomes the one outbox (a delivery names its run and either its announcement or
-- its timeline event). No new enum value is used in this migration, so adding them here is safe.


ALTER TYPE "WebhookFormat" ADD VALUE 'slack_blocks';
ALTER TYPE "WebhookFormat" ADD VALUE 'teams';
ALTER TYPE "WebhookFormat" ADD VALUE 'mattermost';
ALTER TYPE "WebhookFormat" ADD VALUE 'discord';
ALTER TYPE "WebhookFormat" ADD VALUE 'pagerduty';
ALTER TYPE "WebhookFormat" ADD VALUE 'signed';

-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "secret" TEXT,
ADD COLUMN     "triggers" TEXT[] DEFAULT ARRAY['announcement.posted']::TEXT[];

-- AlterTable
ALTER TABLE "AnnouncementDelivery" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "eventSeq" INTEGER,
ADD COLUMN     "noticeKey" TEXT,
ADD COLUMN     "runId" TEXT,
ADD COLUMN     "trigger" TEXT,
ALTER COLUMN "announcementId" DROP NOT NULL;

-- Every delivery so far was an announcement's: its run is the announcement's, and it was queued
-- when the announcement was posted.
UPDATE "AnnouncementDelivery" d
SET "runId" = a."runId", "createdAt" = a."postedAt", "trigger" = 'announcement.posted'
FROM "Announcement" a
WHERE a."id" = d."announcementId";

ALTER TABLE "AnnouncementDelivery" ALTER COLUMN "runId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "AnnouncementDelivery_webhookId_createdAt_idx" ON "AnnouncementDelivery"("webhookId", "createdAt");

-- CreateIndex
CREATE INDEX "AnnouncementDelivery_runId_createdAt_idx" ON "AnnouncementDelivery"("runId", "createdAt");

-- AddForeignKey
ALTER TABLE "AnnouncementDelivery" ADD CONSTRAINT "AnnouncementDelivery_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
