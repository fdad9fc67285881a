import fs from "node:fs";

/** The server's fresh data folder is only for this run. */
export default function globalTeardown() {
  const dir = process.env.E2E_DATA_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
