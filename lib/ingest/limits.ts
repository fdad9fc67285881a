/** Limits of POST /v1/flag-events, part of the wire contract (messages quote them). */
export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_EVENTS_PER_BATCH = 1000;
export const MAX_EVENT_KEY_LENGTH = 100;
export const MAX_USER_ID_LENGTH = 256;
export const MAX_METADATA_CHARS = 5000;
export const MAX_ATTRIBUTES = 50;
/** Deeper JSON is refused: PostgreSQL parses jsonb recursively and a deep value could exhaust its stack. */
export const MAX_JSON_DEPTH = 32;
/** Timestamps further ahead of the server clock than this are replaced by the time of receipt. */
export const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
