-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "commitAt" TIMESTAMP(3),
ADD COLUMN     "faultyAt" TIMESTAMP(3),
ADD COLUMN     "faultyByName" TEXT,
ADD COLUMN     "faultyReason" TEXT;

-- CreateIndex
CREATE INDEX "Run_endedAt_idx" ON "Run"("endedAt");
