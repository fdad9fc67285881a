import { z } from "zod";
import { toStorableJson, toStorableText } from "./json-text";
import {
  MAX_ATTRIBUTES,
  MAX_EVENT_KEY_LENGTH,
  MAX_JSON_DEPTH,
  MAX_METADATA_CHARS,
  MAX_USER_ID_LENGTH,
} from "./limits";
import { parseTimestamp } from "./time";

export const EXPOSURE_EVENT_KEY = "$exposure";

const identifier = (max: number) =>
  z
    .string({ error: `expected a string of 1-${max} characters` })
    .min(1, { error: `expected a string of 1-${max} characters` })
    .max(max, { error: `expected a string of 1-${max} characters` })
    .transform((text, ctx) => {
      const storable = toStorableText(text);
      if (storable === null) ctx.addIssue({ code: "custom", message: "must not contain NUL characters" });
      return storable ?? "";
    });

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
// Checked in place rather than copied (as z.record does): a copy made by assignment turns an own
// "__proto__" key, which JSON.parse creates, into a prototype and silently loses it.
const objectOf = (error: string) => z.custom<Record<string, unknown>>(isPlainObject, { error });
const plainObject = objectOf("expected an object");

/** Objects stored as jsonb are serialised once, here: the length is checked on the text that is written. */
const toJson =
  (maxChars = Infinity) =>
  <T extends Record<string, unknown>>(value: T, ctx: z.core.$RefinementCtx<T>) => {
    const json = toStorableJson(value);
    if (json === null) ctx.addIssue({ code: "custom", message: `nested deeper than ${MAX_JSON_DEPTH} levels` });
    else if (json.length > maxChars) {
      ctx.addIssue({ code: "custom", message: `at most ${maxChars} serialised characters (got ${json.length})` });
    }
    return { value, json: json ?? "" };
  };

const timestamp = z.unknown().transform((input, ctx) => {
  const ms = parseTimestamp(input);
  if (ms === null) ctx.addIssue({ code: "custom", message: "expected ISO-8601 or epoch milliseconds" });
  return ms ?? 0;
});

const isExposureKey = (value: unknown) =>
  typeof value === "string" && value.length >= 1 && value.length <= MAX_USER_ID_LENGTH && !value.includes("\0");
export const isStorableRuleKey = (value: string) => value.length <= MAX_USER_ID_LENGTH && !value.includes("\0");

/** One event of the wire format (DESIGN.md), normalised to what is stored. Null means absent. */
export const wireEventSchema = z
  .object(
    {
      id: z.guid({ error: "expected a UUID" }).nullish(),
      eventKey: identifier(MAX_EVENT_KEY_LENGTH),
      userId: identifier(MAX_USER_ID_LENGTH),
      timestamp,
      value: z.number({ error: "expected a finite number" }).finite({ error: "expected a finite number" }).nullish(),
      metadata: plainObject.transform(toJson(MAX_METADATA_CHARS)).nullish(),
      attributes: plainObject
        .refine((attributes) => Object.keys(attributes).length <= MAX_ATTRIBUTES, {
          error: `at most ${MAX_ATTRIBUTES} keys`,
        })
        .transform(toJson())
        .nullish(),
      decisions: objectOf("expected an object of flag key to variation key")
        .check((ctx) => {
          for (const [flagKey, variation] of Object.entries(ctx.value)) {
            if (typeof variation !== "string") {
              ctx.issues.push({ code: "custom", input: variation, path: [flagKey], message: "expected a variation key (string)" });
            }
          }
        })
        .transform(toJson())
        .nullish(),
    },
    { error: "expected an object" },
  )
  .check((ctx) => {
    const event = ctx.value;
    if (event.eventKey !== EXPOSURE_EVENT_KEY) return;
    const metadata = event.metadata?.value ?? {};
    for (const field of ["flagKey", "variationKey"] as const) {
      if (!isExposureKey(metadata[field])) {
        ctx.issues.push({
          code: "custom",
          input: metadata[field],
          path: ["metadata", field],
          message: `required for $exposure events: a string of 1-${MAX_USER_ID_LENGTH} characters without NUL`,
        });
      }
    }
    const ruleKey = metadata.ruleKey;
    if (ruleKey != null && (typeof ruleKey !== "string" || !isStorableRuleKey(ruleKey))) {
      const message = `expected null or a string of at most ${MAX_USER_ID_LENGTH} characters without NUL`;
      ctx.issues.push({ code: "custom", input: ruleKey, path: ["metadata", "ruleKey"], message });
    }
  });

export type WireEvent = z.output<typeof wireEventSchema>;

/** "field: reason" lines, as returned to the client for each rejected event. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "event"}: ${issue.message}`);
}
