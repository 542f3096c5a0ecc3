-- CreateTable
CREATE TABLE "MetricRollup" (
    "runId" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "stage" "MetricStage" NOT NULL,
    "width" INTEGER NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "minValue" DOUBLE PRECISION NOT NULL,
    "minAt" TIMESTAMPTZ(3) NOT NULL,
    "maxValue" DOUBLE PRECISION NOT NULL,
    "maxAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MetricRollup_pkey" PRIMARY KEY ("runId","metric","stage","width","bucket")
);

-- AddForeignKey
ALTER TABLE "MetricRollup" ADD CONSTRAINT "MetricRollup_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the extremes of every bucket of the samples already stored.
INSERT INTO "MetricRollup" ("runId", "metric", "stage", "width", "bucket", "count", "minValue", "minAt", "maxValue", "maxAt")
SELECT s."runId", s.metric, s.stage, w.width,
       to_timestamp(floor(extract(epoch FROM s.at) / w.width) * w.width),
       count(*), min(s.value), (array_agg(s.at ORDER BY s.value ASC, s.at ASC))[1],
       max(s.value), (array_agg(s.at ORDER BY s.value DESC, s.at ASC))[1]
FROM "MetricSample" s CROSS JOIN (VALUES (10), (60)) AS w(width)
GROUP BY 1, 2, 3, 4, 5;
