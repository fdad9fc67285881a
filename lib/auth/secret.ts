import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

type Env = Record<string, string | undefined>;

/**
 * Makes sure NEXTAUTH_SECRET is set. Without one, a random secret is generated once and kept in
 * the data folder so sessions survive restarts. Returns a warning to print when it was generated.
 */
export function ensureAuthSecret(dataDir: string, env: Env = process.env): string | null {
  if (env.NEXTAUTH_SECRET) return null;
  const file = path.join(dataDir, "nextauth-secret");
  let secret: string;
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    secret = crypto.randomBytes(32).toString("base64url");
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  }
  env.NEXTAUTH_SECRET = secret;
  return `NEXTAUTH_SECRET is not set: using the secret kept in ${file}. Several instances behind one URL must share one NEXTAUTH_SECRET.`;
}
