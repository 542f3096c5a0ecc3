-- AlterTable
ALTER TABLE "TemplateItem" ADD COLUMN     "metricLink" JSONB;

-- AlterTable
ALTER TABLE "RunItem" ADD COLUMN     "metricLink" JSONB,
ADD COLUMN     "overrideStatus" TEXT;

-- The built-in runbook is never edited in place and always matches the seed: tie its metric items
-- on installations seeded before links existed (new ones get them from prisma/seed).
UPDATE "TemplateItem" AS i SET "metricLink" = l.link::jsonb
FROM (VALUES
  ('Canary metrics green (5 minutes)', '{"kind":"checkpoint","percent":10}'),
  ('50% metrics green (2 minutes)', '{"kind":"checkpoint","percent":50}'),
  ('Full metrics green (5 minutes)', '{"kind":"checkpoint","percent":100}'),
  ('Verify performance metrics', '{"kind":"rule","rule":"Response time < 500ms"}'),
  ('Database queries fast', '{"kind":"rule","rule":"Database queries > 2 seconds → Investigate"}')
) AS l(text, link), "TemplateSection" s, "TemplatePhase" p, "Template" t
WHERE i.text = l.text AND i."sectionId" = s.id AND s."phaseId" = p.id AND p."templateId" = t.id
  AND t.key = 'seed-deployment-day';
