-- AlterTable
ALTER TABLE "TemplateSection" ADD COLUMN     "notes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "RunSection" ADD COLUMN     "notes" TEXT[] DEFAULT ARRAY[]::TEXT[];
