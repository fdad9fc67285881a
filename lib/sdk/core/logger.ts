import type { Logger } from "./types";

const PREFIX = "[SignaKit]";

export const consoleLogger: Logger = {
  warn: (message, ...details) => console.warn(`${PREFIX} ${message}`, ...details),
  error: (message, ...details) => console.error(`${PREFIX} ${message}`, ...details),
};
