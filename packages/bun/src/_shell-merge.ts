/**
 * `stderr: "stdout"` where no pipe can be made in-process (see `_pipe.ts`): the child runs as
 * `/bin/sh -c 'exec "$0" "$@" 2>&1' FILE ...ARGS`, so the shell dups fd 1 onto fd 2 (one file description,
 * order kept) and replaces itself with FILE: the pid, exit status and signals stay the command's own.
 *
 * A shell reports a missing or non-executable FILE as exit 127/126, which would look like a command that
 * ran, so FILE is resolved first the way Bun.spawn does (a name on the child's PATH, a path against the
 * child's cwd) and a failure throws ENOENT or EACCES, as a direct spawn would.
 */
import { accessSync, constants, statSync } from "node:fs";
import { resolve } from "node:path";

/** The shell that performs the merge. */
export const SHELL = "/bin/sh";

const SCRIPT = 'exec "$0" "$@" 2>&1';

/** The argv that runs `file args` with stderr merged into stdout; throws ENOENT/EACCES when `file` cannot run. */
export function shellMergeArgv(file: string, args: readonly string[], cwd: string | undefined, env: Record<string, string>): string[] {
  const base = cwd === undefined ? process.cwd() : resolve(cwd);
  let path: string | null;
  if (file.includes("/")) {
    path = resolve(base, file);
    checkExecutable(path, file);
  } else {
    path = Bun.which(file, { PATH: env.PATH ?? process.env.PATH ?? "", cwd: base });
    if (path === null) throw failure("ENOENT", `Executable not found in $PATH: ${JSON.stringify(file)}`, file);
  }
  // The shell looks `file` up again on the child's PATH, so argv[0] stays as given. The resolved path is
  // exec'd instead when the child has no PATH (Bun searched the caller's), or when a leading "-" would
  // read as an option of `exec`.
  const target = file.startsWith("-") || (!file.includes("/") && env.PATH === undefined) ? path : file;
  return [SHELL, "-c", SCRIPT, target, ...args];
}

function checkExecutable(path: string, file: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    const code = (error as { code?: string }).code;
    // An ENOENT may come from a missing cwd as well: core checks the cwd and names it in that case.
    throw failure(code === "ENOTDIR" || code === "ELOOP" ? code : "ENOENT", `${code ?? "ENOENT"}: cannot run '${file}'`, file);
  }
  try {
    if (!isFile) throw new Error("not a regular file");
    accessSync(path, constants.X_OK);
  } catch {
    throw failure("EACCES", `EACCES: permission denied, '${file}'`, file);
  }
}

function failure(code: string, message: string, path: string): Error & { code: string } {
  return Object.assign(new Error(message), { code, path });
}
