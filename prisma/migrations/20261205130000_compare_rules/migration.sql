-- AlterTable
ALTER TABLE "RunMetricRule" ADD COLUMN     "compare" JSONB;
