// Fails when frontend/src/client/schema.d.ts no longer matches frontend/openapi.json.
// Regenerates into a temporary file and compares it byte for byte with the committed one.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const spec = join(root, "frontend/openapi.json");
const committed = join(root, "frontend/src/client/schema.d.ts");
const bin = join(root, "node_modules/.bin/openapi-typescript");

const dir = mkdtempSync(join(tmpdir(), "pilotboard-client-"));
const fresh = join(dir, "schema.d.ts");
try {
  try {
    execFileSync(bin, [spec, "-o", fresh], { stdio: ["ignore", "ignore", "inherit"] });
  } catch {
    console.error("could not generate the client from frontend/openapi.json (see the error above)");
    rmSync(dir, { recursive: true, force: true });
    process.exit(1);
  }
  let current = "";
  try {
    current = readFileSync(committed, "utf8");
  } catch {
    // A missing schema counts as stale.
  }
  if (readFileSync(fresh, "utf8") !== current) {
    console.error("generated client is stale: run make client");
    process.exitCode = 1;
  } else {
    console.log("generated client is up to date");
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
