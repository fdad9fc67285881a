-- The result state is a cache derived from "Event" and "Assignment" (lib/results/state.ts): unlogged,
-- so its bulk writes skip the WAL. A crash empties all four tables together, and the next refresh
-- rebuilds them.

-- CreateTable
CREATE UNLOGGED TABLE "ResultState" (
    "ruleId" TEXT NOT NULL,
    "definitionKey" TEXT NOT NULL,
    "watermark" BIGINT NOT NULL,
    "checkpoints" JSONB NOT NULL DEFAULT '[]',
    "builtAt" TIMESTAMP(3) NOT NULL,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResultState_pkey" PRIMARY KEY ("ruleId")
);

-- User ids compare byte-wise ("C"): these keys are written and sorted in bulk, and no one reads them in
-- alphabetical order, so a locale collation would only cost.
-- CreateTable
CREATE UNLOGGED TABLE "ResultStateUser" (
    "ruleId" TEXT NOT NULL,
    "userId" TEXT COLLATE "C" NOT NULL,
    "variation" INTEGER NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ResultStateUser_pkey" PRIMARY KEY ("ruleId","userId")
);

-- CreateTable
CREATE UNLOGGED TABLE "ResultStateHit" (
    "ruleId" TEXT NOT NULL,
    "userId" TEXT COLLATE "C" NOT NULL,
    "day" DATE NOT NULL,
    "columns" DOUBLE PRECISION[],

    CONSTRAINT "ResultStateHit_pkey" PRIMARY KEY ("ruleId","userId","day")
);

-- CreateTable
CREATE UNLOGGED TABLE "ResultStateTotal" (
    "ruleId" TEXT NOT NULL,
    "variation" INTEGER NOT NULL,
    "exposureDay" DATE NOT NULL,
    "day" DATE NOT NULL,
    "users" DOUBLE PRECISION NOT NULL,
    "sums" DOUBLE PRECISION[],

    CONSTRAINT "ResultStateTotal_pkey" PRIMARY KEY ("ruleId","variation","exposureDay","day")
);

-- AddForeignKey
ALTER TABLE "ResultState" ADD CONSTRAINT "ResultState_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "Rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;
