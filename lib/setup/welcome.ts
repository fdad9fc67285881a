import type { FirstRunReport } from "./first-run";

/** The start-up banner: where the app is, how to sign in, and the demo's SDK keys. */
export function printWelcome(info: { url: string; database: string; firstRun: FirstRunReport }) {
  const lines = [`SignaKit Events is running at ${info.url}`, `  database: ${info.database}`];
  const { admin, demo } = info.firstRun;
  if (admin) {
    lines.push(`  admin login: ${admin.email}`);
    lines.push(
      admin.generatedPassword
        ? `  admin password: ${admin.generatedPassword}   (generated; shown only now — set SIGNAKIT_ADMIN_PASSWORD to choose one)`
        : "  admin password: the value of SIGNAKIT_ADMIN_PASSWORD",
    );
  }
  if (demo) {
    lines.push(`  demo project: ${demo.projectId}`);
    lines.push(`  demo SDK key (development): ${demo.developmentKey}`);
    lines.push(`  demo SDK key (production):  ${demo.productionKey}`);
  }
  console.log(lines.join("\n"));
}
