/** A request the client must change before retrying: answered with its status and message. */
export class RequestError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

// SQLSTATE classes and codes that mean "try again later" rather than "this request is wrong":
// connection exceptions, insufficient resources, operator intervention, serialization failures.
const TRANSIENT_SQLSTATE = /^(08|53|57P0|40001|40P01)/;
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN"]);
// Driver errors without a code: a pool that was ended, a dropped connection, a closed PGlite.
const DRIVER_MESSAGES = /connection|terminated|timeout|pool|closed|not (yet )?(open|ready)|cannot reach/i;

/** Whether an error means the database is unreachable or overloaded (503), not that the request or code is wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code.length > 0) {
    return TRANSIENT_SQLSTATE.test(code) || NETWORK_CODES.has(code);
  }
  return DRIVER_MESSAGES.test(error.message);
}
