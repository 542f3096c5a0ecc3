-- CreateEnum
CREATE TYPE "MetricStage" AS ENUM ('overall', 'staging', 'canary', 'production');

-- CreateEnum
CREATE TYPE "MetricRuleSeverity" AS ENUM ('success', 'escalate', 'rollback');

-- CreateEnum
CREATE TYPE "MetricWindowKind" AS ENUM ('immediate', 'sustained', 'count', 'sum');

-- CreateEnum
CREATE TYPE "MetricRuleState" AS ENUM ('ok', 'pending', 'firing', 'resolved', 'no_data');

-- CreateEnum
CREATE TYPE "RollbackAlertSource" AS ENUM ('rule', 'manual');

-- CreateEnum
CREATE TYPE "RollbackDecision" AS ENUM ('rollback', 'continue');

-- CreateTable
CREATE TABLE "MetricSample" (
    "runId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "stage" "MetricStage" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MetricSample_pkey" PRIMARY KEY ("runId","metric","stage","at")
);

-- CreateTable
CREATE TABLE "RunCustomMetric" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunCustomMetric_pkey" PRIMARY KEY ("runId","key")
);

-- CreateTable
CREATE TABLE "RunMetricRule" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "severity" "MetricRuleSeverity" NOT NULL,
    "comparator" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "unit" TEXT NOT NULL DEFAULT '',
    "windowKind" "MetricWindowKind" NOT NULL,
    "windowMinutes" DOUBLE PRECISION,
    "stage" "MetricStage",
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "version" INTEGER NOT NULL DEFAULT 0,
    "state" "MetricRuleState" NOT NULL DEFAULT 'no_data',
    "stateSince" TIMESTAMP(3),
    "stateValue" DOUBLE PRECISION,
    "stateStage" "MetricStage",

    CONSTRAINT "RunMetricRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunApiToken" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdById" TEXT,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),
    "revokedByName" TEXT,

    CONSTRAINT "RunApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RollbackAlert" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "source" "RollbackAlertSource" NOT NULL,
    "ruleId" TEXT,
    "label" TEXT NOT NULL,
    "metric" TEXT,
    "stage" "MetricStage",
    "value" DOUBLE PRECISION,
    "unit" TEXT NOT NULL DEFAULT '',
    "note" TEXT,
    "raisedAt" TIMESTAMP(3) NOT NULL,
    "raisedByName" TEXT NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedByName" TEXT,
    "decision" "RollbackDecision",
    "decisionReason" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedByName" TEXT,

    CONSTRAINT "RollbackAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RunMetricRule_runId_position_key" ON "RunMetricRule"("runId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "RunApiToken_tokenHash_key" ON "RunApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "RunApiToken_runId_idx" ON "RunApiToken"("runId");

-- CreateIndex
CREATE INDEX "RollbackAlert_runId_raisedAt_idx" ON "RollbackAlert"("runId", "raisedAt");

-- AddForeignKey
ALTER TABLE "MetricSample" ADD CONSTRAINT "MetricSample_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunCustomMetric" ADD CONSTRAINT "RunCustomMetric_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunMetricRule" ADD CONSTRAINT "RunMetricRule_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunApiToken" ADD CONSTRAINT "RunApiToken_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RollbackAlert" ADD CONSTRAINT "RollbackAlert_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
