-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'VIEWER');

-- CreateEnum
CREATE TYPE "EnvironmentKey" AS ENUM ('development', 'production');

-- CreateEnum
CREATE TYPE "FlagStatus" AS ENUM ('active', 'archived');

-- CreateEnum
CREATE TYPE "RuleType" AS ENUM ('ab-test', 'multi-armed-bandit', 'targeted');

-- CreateEnum
CREATE TYPE "RuleStatus" AS ENUM ('draft', 'running', 'stopped');

-- CreateEnum
CREATE TYPE "AudienceMatchType" AS ENUM ('any', 'all');

-- CreateEnum
CREATE TYPE "MetricKind" AS ENUM ('conversion', 'count', 'value', 'ratio');

-- CreateEnum
CREATE TYPE "MetricDirection" AS ENUM ('higher', 'lower');

-- CreateEnum
CREATE TYPE "MetricRole" AS ENUM ('primary', 'secondary', 'guardrail');

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "key" "EnvironmentKey" NOT NULL,
    "configVersion" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SdkKey" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "SdkKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'VIEWER',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Flag" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "salt" TEXT NOT NULL,
    "status" "FlagStatus" NOT NULL DEFAULT 'active',
    "variables" JSONB NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Flag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Variation" (
    "id" TEXT NOT NULL,
    "flagId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "variables" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "Variation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlagEnvironment" (
    "flagId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "running" BOOLEAN NOT NULL DEFAULT false,
    "allocation" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "FlagEnvironment_pkey" PRIMARY KEY ("flagId","environmentId")
);

-- CreateTable
CREATE TABLE "Rule" (
    "id" TEXT NOT NULL,
    "flagId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "type" "RuleType" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "status" "RuleStatus" NOT NULL DEFAULT 'draft',
    "hypothesis" TEXT NOT NULL DEFAULT '',
    "trafficPercentage" DOUBLE PRECISION NOT NULL DEFAULT 100,
    "audienceMatchType" "AudienceMatchType" NOT NULL DEFAULT 'all',
    "audiences" JSONB NOT NULL DEFAULT '[]',
    "allowlist" JSONB NOT NULL DEFAULT '[]',
    "weights" JSONB NOT NULL DEFAULT '{}',
    "allocation" JSONB NOT NULL DEFAULT '[]',
    "startedAt" TIMESTAMP(3),
    "stoppedAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Metric" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "eventKey" TEXT NOT NULL,
    "kind" "MetricKind" NOT NULL,
    "filters" JSONB NOT NULL DEFAULT '[]',
    "windowHours" INTEGER,
    "direction" "MetricDirection" NOT NULL DEFAULT 'higher',
    "winsorizePercentile" DOUBLE PRECISION,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Metric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RuleMetric" (
    "ruleId" TEXT NOT NULL,
    "metricId" TEXT NOT NULL,
    "role" "MetricRole" NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RuleMetric_pkey" PRIMARY KEY ("ruleId","metricId")
);

-- CreateTable
CREATE TABLE "Event" (
    "id" BIGSERIAL NOT NULL,
    "clientId" UUID,
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "value" DOUBLE PRECISION,
    "metadata" JSONB,
    "attributes" JSONB,
    "decisions" JSONB,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "environmentId" TEXT NOT NULL,
    "flagKey" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "variationKey" TEXT NOT NULL,
    "ruleKey" TEXT,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("environmentId","flagKey","userId","variationKey")
);

-- CreateTable
CREATE TABLE "IngestDrop" (
    "environmentId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "bots" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "IngestDrop_pkey" PRIMARY KEY ("environmentId","day")
);

-- CreateTable
CREATE TABLE "ResultSnapshot" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "settingsKey" TEXT NOT NULL,
    "watermark" BIGINT NOT NULL,
    "result" JSONB NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResultSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BanditRun" (
    "id" TEXT NOT NULL,
    "ruleId" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "arms" JSONB NOT NULL,
    "allocation" JSONB NOT NULL,

    CONSTRAINT "BanditRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Environment_projectId_key_key" ON "Environment"("projectId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "SdkKey_key_key" ON "SdkKey"("key");

-- CreateIndex
CREATE INDEX "SdkKey_environmentId_idx" ON "SdkKey"("environmentId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Flag_projectId_key_key" ON "Flag"("projectId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Variation_flagId_key_key" ON "Variation"("flagId", "key");

-- CreateIndex
CREATE INDEX "Rule_environmentId_idx" ON "Rule"("environmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Rule_flagId_environmentId_key_key" ON "Rule"("flagId", "environmentId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Metric_projectId_name_key" ON "Metric"("projectId", "name");

-- CreateIndex
CREATE INDEX "RuleMetric_metricId_idx" ON "RuleMetric"("metricId");

-- CreateIndex
CREATE INDEX "Event_environmentId_eventKey_userId_timestamp_idx" ON "Event"("environmentId", "eventKey", "userId", "timestamp");

-- CreateIndex
CREATE INDEX "Event_environmentId_id_idx" ON "Event"("environmentId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Event_projectId_clientId_key" ON "Event"("projectId", "clientId");

-- CreateIndex
CREATE UNIQUE INDEX "ResultSnapshot_ruleId_settingsKey_key" ON "ResultSnapshot"("ruleId", "settingsKey");

-- CreateIndex
CREATE INDEX "BanditRun_ruleId_computedAt_idx" ON "BanditRun"("ruleId", "computedAt");

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Environment" ADD CONSTRAINT "Environment_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SdkKey" ADD CONSTRAINT "SdkKey_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SdkKey" ADD CONSTRAINT "SdkKey_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Flag" ADD CONSTRAINT "Flag_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Variation" ADD CONSTRAINT "Variation_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlagEnvironment" ADD CONSTRAINT "FlagEnvironment_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlagEnvironment" ADD CONSTRAINT "FlagEnvironment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rule" ADD CONSTRAINT "Rule_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "Flag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rule" ADD CONSTRAINT "Rule_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Metric" ADD CONSTRAINT "Metric_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleMetric" ADD CONSTRAINT "RuleMetric_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "Rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RuleMetric" ADD CONSTRAINT "RuleMetric_metricId_fkey" FOREIGN KEY ("metricId") REFERENCES "Metric"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultSnapshot" ADD CONSTRAINT "ResultSnapshot_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "Rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BanditRun" ADD CONSTRAINT "BanditRun_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "Rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;
