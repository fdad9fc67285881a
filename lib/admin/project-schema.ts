import { z } from "zod";
import { optionalText, requiredText } from "./validation";

// Both ids are parts of SDK keys (sk_dev_{org}_{project}_...), where "_" separates the parts.
const slug = requiredText(40).regex(/^([a-z0-9][a-z0-9-]*)?$/, "Use lowercase letters, digits and - (no _ or spaces)");

export const projectCreateSchema = z.object({
  organizationId: slug,
  organizationName: optionalText(100),
  projectId: slug,
  name: requiredText(100),
});

export type ProjectCreateInput = z.output<typeof projectCreateSchema>;
