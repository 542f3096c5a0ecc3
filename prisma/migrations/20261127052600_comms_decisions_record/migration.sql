-- CreateEnum
CREATE TYPE "WebhookFormat" AS ENUM ('slack', 'json');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'delivered', 'failed');

-- CreateEnum
CREATE TYPE "DecisionWalkStatus" AS ENUM ('open', 'decided', 'applied', 'abandoned');

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "runId" TEXT,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "format" "WebhookFormat" NOT NULL,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunCommsTemplate" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedByName" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunCommsTemplate_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "Announcement" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "templateKey" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "postedById" TEXT,
    "postedByName" TEXT NOT NULL,
    "postedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Announcement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnouncementDelivery" (
    "id" TEXT NOT NULL,
    "announcementId" TEXT NOT NULL,
    "webhookId" TEXT,
    "targetName" TEXT NOT NULL,
    "format" "WebhookFormat" NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastAttemptAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "AnnouncementDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DecisionWalk" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "treeKey" TEXT NOT NULL,
    "treeTitle" TEXT NOT NULL,
    "signal" TEXT,
    "evidence" TEXT[],
    "path" TEXT[],
    "status" "DecisionWalkStatus" NOT NULL DEFAULT 'open',
    "action" TEXT,
    "outcome" TEXT,
    "startedById" TEXT,
    "startedByName" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedByName" TEXT,
    "endedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DecisionWalk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunBaseline" (
    "runId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "capturedAt" TIMESTAMP(3) NOT NULL,
    "windowMinutes" INTEGER NOT NULL,
    "metrics" JSONB NOT NULL,

    CONSTRAINT "RunBaseline_pkey" PRIMARY KEY ("runId")
);

-- CreateIndex
CREATE INDEX "Webhook_runId_idx" ON "Webhook"("runId");

-- CreateIndex
CREATE INDEX "Announcement_runId_postedAt_idx" ON "Announcement"("runId", "postedAt");

-- CreateIndex
CREATE INDEX "AnnouncementDelivery_announcementId_idx" ON "AnnouncementDelivery"("announcementId");

-- CreateIndex
CREATE INDEX "AnnouncementDelivery_status_idx" ON "AnnouncementDelivery"("status");

-- CreateIndex
CREATE INDEX "DecisionWalk_runId_startedAt_idx" ON "DecisionWalk"("runId", "startedAt");

-- CreateIndex
CREATE INDEX "RunBaseline_service_capturedAt_idx" ON "RunBaseline"("service", "capturedAt");

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunCommsTemplate" ADD CONSTRAINT "RunCommsTemplate_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Announcement" ADD CONSTRAINT "Announcement_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementDelivery" ADD CONSTRAINT "AnnouncementDelivery_announcementId_fkey" FOREIGN KEY ("announcementId") REFERENCES "Announcement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnouncementDelivery" ADD CONSTRAINT "AnnouncementDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DecisionWalk" ADD CONSTRAINT "DecisionWalk_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunBaseline" ADD CONSTRAINT "RunBaseline_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
