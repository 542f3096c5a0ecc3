-- CreateEnum
CREATE TYPE "GoNoGoPollStatus" AS ENUM ('open', 'closed');

-- CreateEnum
CREATE TYPE "GoNoGoOutcome" AS ENUM ('proceed', 'reschedule');

-- CreateEnum
CREATE TYPE "GoNoGoAnswer" AS ENUM ('go', 'no_go');

-- CreateTable
CREATE TABLE "GoNoGoPoll" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "questions" TEXT[],
    "positions" "RunRoleKind"[],
    "status" "GoNoGoPollStatus" NOT NULL DEFAULT 'open',
    "openedSeq" INTEGER NOT NULL,
    "openedById" TEXT,
    "openedByName" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedById" TEXT,
    "closedByName" TEXT,
    "closedAt" TIMESTAMP(3),
    "outcome" "GoNoGoOutcome",
    "overrideReason" TEXT,
    "overrideById" TEXT,
    "overrideByName" TEXT,
    "overriddenAt" TIMESTAMP(3),
    "decision" JSONB,

    CONSTRAINT "GoNoGoPoll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoNoGoVote" (
    "id" TEXT NOT NULL,
    "pollId" TEXT NOT NULL,
    "position" "RunRoleKind" NOT NULL,
    "questionIndex" INTEGER NOT NULL,
    "answer" "GoNoGoAnswer" NOT NULL,
    "reason" TEXT,
    "voterId" TEXT,
    "voterName" TEXT NOT NULL,
    "votedAt" TIMESTAMP(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "GoNoGoVote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "GoNoGoPoll_runId_round_key" ON "GoNoGoPoll"("runId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "GoNoGoVote_pollId_position_questionIndex_key" ON "GoNoGoVote"("pollId", "position", "questionIndex");

-- AddForeignKey
ALTER TABLE "GoNoGoPoll" ADD CONSTRAINT "GoNoGoPoll_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoNoGoVote" ADD CONSTRAINT "GoNoGoVote_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "GoNoGoPoll"("id") ON DELETE CASCADE ON UPDATE CASCADE;
