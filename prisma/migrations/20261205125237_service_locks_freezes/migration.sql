-- CreateEnum
CREATE TYPE "FreezeKind" AS ENUM ('range', 'weekly');

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "guardOverride" JSONB;

-- CreateTable
CREATE TABLE "ServiceLock" (
    "id" TEXT NOT NULL,
    "serviceKey" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "holderId" TEXT,
    "holderName" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceLock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreezeWindow" (
    "id" TEXT NOT NULL,
    "serviceKey" TEXT,
    "service" TEXT,
    "reason" TEXT NOT NULL,
    "kind" "FreezeKind" NOT NULL,
    "startsAt" TIMESTAMP(3),
    "endsAt" TIMESTAMP(3),
    "weekdays" INTEGER[],
    "startMinute" INTEGER,
    "endMinute" INTEGER,
    "timeZone" TEXT NOT NULL,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FreezeWindow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServiceLock_serviceKey_key" ON "ServiceLock"("serviceKey");
