-- CreateTable
CREATE TABLE "RunFoldCheckpoint" (
    "runId" TEXT NOT NULL,
    "fold" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "throughSeq" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunFoldCheckpoint_pkey" PRIMARY KEY ("runId","fold")
);

-- CreateIndex
CREATE INDEX "Run_createdAt_id_idx" ON "Run"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Run_service_createdAt_id_idx" ON "Run"("service", "createdAt", "id");

-- CreateIndex
CREATE INDEX "TimelineEvent_runId_type_seq_idx" ON "TimelineEvent"("runId", "type", "seq");

-- AddForeignKey
ALTER TABLE "RunFoldCheckpoint" ADD CONSTRAINT "RunFoldCheckpoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
