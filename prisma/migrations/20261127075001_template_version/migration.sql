-- AlterTable
ALTER TABLE "Template" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;
