-- CreateEnum
CREATE TYPE "MetricSampleSource" AS ENUM ('push', 'prometheus');

-- AlterTable
ALTER TABLE "MetricSample" ADD COLUMN     "source" "MetricSampleSource" NOT NULL DEFAULT 'push';

-- AlterTable
ALTER TABLE "RunMetricRule" ADD COLUMN     "consecutiveErrorLimit" INTEGER,
ADD COLUMN     "dataSourceId" TEXT,
ADD COLUMN     "promql" TEXT;

-- AlterTable
ALTER TABLE "DataSource" ADD COLUMN     "failingSince" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "lastErrorAt" TIMESTAMP(3);

-- AddForeignKey
ALTER TABLE "RunMetricRule" ADD CONSTRAINT "RunMetricRule_dataSourceId_fkey" FOREIGN KEY ("dataSourceId") REFERENCES "DataSource"("id") ON DELETE SET NULL ON UPDATE CASCADE;
