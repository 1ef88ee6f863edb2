/**
 * What core reads of the caller on Windows, over node:process (Node and Bun, whose `process.env` matches
 * names without regard to case there, as Windows does). Deno has its own, which asks for permission first.
 */
import type { WindowsSupport } from "@anyproc/core";

/** Present exactly when this process runs on Windows. */
export const windowsSupport: WindowsSupport | undefined =
  process.platform === "win32"
    ? {
        env: (name) => process.env[name],
        envNames: () => Object.keys(process.env),
      }
    : undefined;
