import type { Database } from "@/lib/db";
import type { RuleType as DbRuleType } from "@/lib/db/generated/enums";
import type {
  Allocation,
  AllocationRange,
  AllowlistEntry,
  Audience,
  ConfigFlag,
  ConfigRule,
  FlagVariable,
  ProjectConfig,
  RuleType,
} from "@/lib/flags/types";

// Prisma names the enum values with underscores; the wire format uses the database's hyphens.
const RULE_TYPES: Record<DbRuleType, RuleType> = {
  ab_test: "ab-test",
  multi_armed_bandit: "multi-armed-bandit",
  targeted: "targeted",
};

/**
 * The ProjectConfig SDKs download (DESIGN.md "Config"), built from the database for one
 * environment: every flag of the project with its variations and variables, the environment's
 * running state and default allocation, and its running rules in order. Null for an unknown environment.
 *
 * generatedAt is the time the environment last changed, not the time of building, so every
 * server builds byte-identical bodies for one version and the ETag (a hash of the body) agrees.
 */
export async function buildProjectConfig(db: Database, environmentId: string): Promise<ProjectConfig | null> {
  const environment = await db.prisma.environment.findUnique({ where: { id: environmentId } });
  if (!environment) return null;
  const flags = await db.prisma.flag.findMany({
    where: { projectId: environment.projectId },
    orderBy: [{ createdAt: "asc" }, { key: "asc" }],
    include: {
      variations: { orderBy: [{ position: "asc" }, { key: "asc" }] },
      settings: { where: { environmentId } },
      rules: {
        where: { environmentId, status: "running", archivedAt: null },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        include: {
          metrics: {
            where: { metric: { archivedAt: null } },
            orderBy: [{ role: "asc" }, { position: "asc" }],
            include: { metric: { select: { eventKey: true } } },
          },
          // A bandit's published split is its latest re-weighting, when it has one.
          banditRuns: { orderBy: { computedAt: "desc" }, take: 1, select: { allocation: true } },
        },
      },
    },
  });
  return {
    projectId: environment.projectId,
    environmentKey: environment.key,
    // The config URL is public: it does not hand out SDK keys. SDKs know their own.
    sdkKey: "",
    version: environment.configVersion,
    generatedAt: environment.updatedAt.toISOString(),
    flags: flags.map((flag): ConfigFlag => {
      const setting = flag.settings[0];
      const variables = asArray<FlagVariable>(flag.variables);
      const rules = flag.rules.map((rule): ConfigRule => {
        const audiences = asArray<Audience>(rule.audiences);
        const allowlist = asArray<AllowlistEntry>(rule.allowlist);
        const eventKeys = [...new Set(rule.metrics.map((m) => m.metric.eventKey))];
        const primary = rule.metrics.find((m) => m.role === "primary");
        const bandit = rule.type === "multi_armed_bandit" ? rule.banditRuns[0] : undefined;
        return {
          ruleKey: rule.key,
          ruleType: RULE_TYPES[rule.type],
          ...(audiences.length ? { audienceMatchType: rule.audienceMatchType, audiences } : {}),
          trafficPercentage: rule.trafficPercentage,
          variationAllocation: toAllocation(bandit?.allocation ?? rule.allocation),
          ...(allowlist.length ? { allowlist } : {}),
          ...(eventKeys.length ? { eventKeys } : {}),
          ...(primary ? { primaryEventKey: primary.metric.eventKey } : {}),
        };
      });
      return {
        id: flag.id,
        key: flag.key,
        salt: flag.salt,
        status: flag.status,
        running: setting?.running ?? false,
        variations: flag.variations.map((v) => {
          const overrides = isRecord(v.variables) && Object.keys(v.variables).length ? v.variables : undefined;
          return overrides ? { key: v.key, variables: overrides } : { key: v.key };
        }),
        ...(variables.length ? { variables } : {}),
        allocation: toAllocation(setting?.allocation),
        ...(rules.length ? { rules } : {}),
      };
    }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asArray<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** Allocations are stored as a list of ranges; an `{ ranges }` object is read the same way. */
function toAllocation(value: unknown): Allocation {
  const ranges = isRecord(value) ? value.ranges : value;
  return { ranges: asArray<AllocationRange>(ranges) };
}
