-- CreateTable
CREATE TABLE "RunCheckRound" (
    "id" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "note" TEXT,
    "completedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunCheckRound_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RunCheckRound_sectionId_completedAt_idx" ON "RunCheckRound"("sectionId", "completedAt");

-- AddForeignKey
ALTER TABLE "RunCheckRound" ADD CONSTRAINT "RunCheckRound_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "RunSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
