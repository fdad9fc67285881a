/**
 * Bundles the browser SDK for <script> tags: `npx tsx lib/sdk/build-browser.ts`
 * writes public/sdk/signakit.min.js (minified IIFE exposing window.SignaKit).
 */
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export async function buildBrowserSdk(outfile = `${root}public/sdk/signakit.min.js`): Promise<void> {
  await build({
    entryPoints: [`${root}lib/sdk/browser/global.ts`],
    outfile,
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: ["es2019"],
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildBrowserSdk().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
