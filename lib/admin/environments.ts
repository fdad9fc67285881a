import type { Tx } from "./persistence";
import { NotFoundError } from "./errors";

export const ENVIRONMENT_KEYS = ["development", "production"] as const;
export type EnvironmentKey = (typeof ENVIRONMENT_KEYS)[number];

export async function findEnvironment(tx: Tx, projectId: string, key: EnvironmentKey) {
  const environment = await tx.environment.findUnique({ where: { projectId_key: { projectId, key } } });
  if (!environment) throw new NotFoundError(`The project has no ${key} environment`);
  return environment;
}
