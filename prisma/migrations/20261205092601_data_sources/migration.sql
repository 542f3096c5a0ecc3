-- CreateEnum
CREATE TYPE "DataSourceKind" AS ENUM ('prometheus');

-- CreateEnum
CREATE TYPE "DataSourceAuthKind" AS ENUM ('none', 'bearer', 'basic');

-- CreateTable
CREATE TABLE "DataSource" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "DataSourceKind" NOT NULL DEFAULT 'prometheus',
    "url" TEXT NOT NULL,
    "authKind" "DataSourceAuthKind" NOT NULL DEFAULT 'none',
    "bearerToken" TEXT,
    "basicUsername" TEXT,
    "basicPassword" TEXT,
    "extraHeaders" JSONB NOT NULL DEFAULT '[]',
    "timeoutMs" INTEGER NOT NULL DEFAULT 10000,
    "stageLabel" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DataSource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DataSource_name_key" ON "DataSource"("name");
