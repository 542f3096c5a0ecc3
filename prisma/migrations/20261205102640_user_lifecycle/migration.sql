-- CreateEnum
CREATE TYPE "AccessLinkKind" AS ENUM ('invite', 'reset');

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "authEpoch" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "disabledAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AccessLink" (
    "id" TEXT NOT NULL,
    "kind" "AccessLinkKind" NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AccessLink_tokenHash_key" ON "AccessLink"("tokenHash");

-- CreateIndex
CREATE INDEX "AccessLink_userId_idx" ON "AccessLink"("userId");

-- AddForeignKey
ALTER TABLE "AccessLink" ADD CONSTRAINT "AccessLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (Prisma's schema cannot express it): a deleted session row (sign-out, session
-- revocation, disable) bumps its user's authorization epoch in the same statement, whichever code
-- deleted it (better-auth's own endpoints included), so that user's open sockets become stale. A rule
-- rather than a trigger: one statement without a function body, which the migration runner splits
-- on semicolons.
CREATE RULE "session_deleted_bumps_auth_epoch" AS ON DELETE TO "session"
  DO ALSO UPDATE "user" SET "authEpoch" = "authEpoch" + 1 WHERE "id" = OLD."userId";
