-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "checkpointStartedAt" TIMESTAMP(3),
ADD COLUMN     "statusReason" TEXT;
