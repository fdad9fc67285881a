import { z } from "zod";
import { environmentKeySchema } from "./flag-schema";
import { requiredText } from "./validation";

export const sdkKeyCreateSchema = z.object({
  environment: environmentKeySchema,
  name: requiredText(100),
});

export type SdkKeyCreateInput = z.output<typeof sdkKeyCreateSchema>;
