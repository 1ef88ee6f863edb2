// The bench measures the built packages (packages/*/dist): warn when a package's src is newer than its dist.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const packages = fileURLToPath(new URL("../../../../packages", import.meta.url));
const BUILT = ["core", "channel", "node", "bun", "deno", "anyproc"];

/** Newest (or oldest) modification time of the files under `dir`; null when it does not exist. */
function mtime(dir, pick) {
  let found = null;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const t = entry.isDirectory() ? mtime(path, pick) : statSync(path).mtimeMs;
    if (t !== null) found = found === null ? t : pick(found, t);
  }
  return found;
}

/** The packages whose dist is missing or older than their src. */
export function staleBuilds() {
  return BUILT.filter((name) => {
    const src = mtime(join(packages, name, "src"), Math.max);
    const dist = mtime(join(packages, name, "dist"), Math.min);
    return dist === null || (src !== null && src > dist);
  });
}
