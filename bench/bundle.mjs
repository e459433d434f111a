// The JavaScript each main route loads before it can paint, from the build's own manifest.
//
//   node bench/bundle.mjs                      # npm run build, then report frontend/dist
//   node bench/bundle.mjs --no-build           # report the existing frontend/dist
//   node bench/bundle.mjs --no-build --dist /tmp/before/frontend/dist --dist frontend/dist
//   node bench/bundle.mjs --markdown           # the table for bench/RESULTS.md
//
// For each route: the entry (index.html's script) and everything it imports statically (the
// browser fetches those up front, Vite adds a modulepreload for each), plus the route chunks the
// router loads for that URL (the page's own split component and its layouts': `_app`,
// `w/$workspaceId`) and their static imports. A chunk shared by two of these counts once.
// Separately: what the first Ctrl+K fetches (the command palette's chunk and whatever it imports
// that the page had not already loaded), and likewise the pilots board (the list's board view).
// Sizes are gzip level 9 of the built files, in kB (1,000 bytes), the way a server compresses
// them once ahead of time; CSS is reported beside, not added. Nothing is asserted: numbers for a
// person to read (see CONTRIBUTING.md). Several `--dist` print one column each, side by side.

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    dist: { type: "string", multiple: true },
    markdown: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});

const ROUTES_DIR = "src/routes";
/** The main routes: a name, and the route file that renders the page. */
const ROUTES = [
  ["portfolio", "_app/w/$workspaceId/portfolio.tsx"],
  ["pilots list", "_app/w/$workspaceId/pilots/index.tsx"],
  ["pilot page", "_app/w/$workspaceId/pilots/$pilotId.tsx"],
];
/** Chunks loaded on demand, measured as what they add to the route they are opened from. */
const EXTRAS = [
  ["command palette (first Ctrl+K)", "src/features/command/command-palette.tsx", "portfolio"],
  ["pilots board (board view)", "src/features/pilots/board/pilots-board.tsx", "pilots list"],
];

const dists = (args.dist ?? [join(ROOT, "frontend/dist")]).map((d) => resolve(d));
if (!args["no-build"]) {
  if (args.dist) {
    console.error("--dist reads existing builds: add --no-build");
    process.exit(2);
  }
  const run = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: "inherit" });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

const gzipCache = new Map();
function gzipped(dist, file) {
  const path = join(dist, file);
  if (!gzipCache.has(path)) gzipCache.set(path, gzipSync(readFileSync(path), { level: 9 }).length);
  return gzipCache.get(path);
}

function measure(dist) {
  const manifestPath = join(dist, ".vite/manifest.json");
  if (!existsSync(manifestPath)) {
    console.error(
      `${manifestPath} is missing: build with build.manifest (frontend/vite.config.ts)`,
    );
    process.exit(2);
  }
  /** @type {Record<string, {file: string, imports?: string[], css?: string[], isEntry?: boolean}>} */
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));

  /** The chunk keys a set of chunks needs at once: themselves and their static imports. */
  const closure = (keys) => {
    const seen = new Set();
    const visit = (key) => {
      if (seen.has(key) || !manifest[key]) return;
      seen.add(key);
      for (const imported of manifest[key].imports ?? []) visit(imported);
    };
    for (const key of keys) visit(key);
    return seen;
  };
  const size = (keys) => {
    let js = 0;
    let css = 0;
    const cssFiles = new Set();
    for (const key of keys) {
      js += gzipped(dist, manifest[key].file);
      for (const file of manifest[key].css ?? []) cssFiles.add(file);
    }
    for (const file of cssFiles) css += gzipped(dist, file);
    return { js, css, chunks: keys.size };
  };
  /** The split chunks of a route file and of the layout routes above it. */
  const routeChunks = (routeFile) => {
    const parts = routeFile.replace(/\.tsx$/, "").split("/");
    const files = parts.map((_, i) => `${ROUTES_DIR}/${parts.slice(0, i + 1).join("/")}`);
    const keys = Object.keys(manifest).filter((key) => {
      const [path, query] = key.split("?");
      if (!query?.startsWith("tsr-split=") || !query.includes("component")) return false;
      // Only the page's own component: error and not-found components load on failure only.
      if (!query.split("=")[1].split(",").includes("component")) return false;
      return files.some((f) => path === `${f}.tsx` || path === `${f}/route.tsx`);
    });
    return keys;
  };

  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  const entry = closure([entryKey]);
  const result = { dist, entry: { ...size(entry), own: gzipped(dist, manifest[entryKey].file) } };
  const loaded = new Map();
  for (const [name, file] of ROUTES) {
    const all = closure([entryKey, ...routeChunks(file)]);
    loaded.set(name, all);
    const route = new Set([...all].filter((key) => !entry.has(key)));
    result[name] = { total: size(all), route: size(route) };
  }
  for (const [name, key, from] of EXTRAS) {
    if (!manifest[key]) {
      result[name] = null;
      continue;
    }
    const before = loaded.get(from);
    const added = new Set([...closure([key])].filter((k) => !before.has(k)));
    result[name] = { own: gzipped(dist, manifest[key].file), added: size(added) };
  }
  return result;
}

const results = dists.map(measure);
if (args.json) {
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

const kB = (bytes) => (bytes / 1000).toFixed(1);
const rows = [
  ["entry + its static imports", (r) => kB(r.entry.js)],
  ["… of which the entry chunk itself", (r) => kB(r.entry.own)],
];
for (const [name] of ROUTES) {
  rows.push([`**${name}**: JS loaded initially`, (r) => `**${kB(r[name].total.js)}**`]);
  rows.push([`… of which its route chunks`, (r) => kB(r[name].route.js)]);
}
for (const [name] of EXTRAS) {
  rows.push([`${name}: its own chunk`, (r) => (r[name] ? kB(r[name].own) : "–")]);
  rows.push([`… JS it adds, all told`, (r) => (r[name] ? kB(r[name].added.js) : "–")]);
}
rows.push(["CSS (one file, every route)", (r) => kB(r.portfolio.total.css)]);

const headers = ["gzipped kB", ...dists.map((d) => d.replace(ROOT, ""))];
if (args.markdown) {
  console.log(`| ${headers.join(" | ")} |`);
  console.log(`|---|${dists.map(() => "---:").join("|")}|`);
  for (const [label, cell] of rows) console.log(`| ${label} | ${results.map(cell).join(" | ")} |`);
} else {
  const plain = (s) => s.replaceAll("**", "");
  const width = Math.max(...rows.map(([label]) => plain(label).length), headers[0].length);
  const cols = headers.slice(1).map((h) => Math.max(h.length, 8));
  const line = (label, cells) =>
    `${label.padEnd(width)}  ${cells.map((c, i) => c.padStart(cols[i])).join("  ")}`;
  console.log(line(headers[0], headers.slice(1)));
  for (const [label, cell] of rows)
    console.log(
      line(
        plain(label),
        results.map((r) => plain(cell(r))),
      ),
    );
}
