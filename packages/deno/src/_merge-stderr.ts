/**
 * `stderr: "stdout"` on Deno. `Deno.Command` cannot connect one pipe to two descriptors, so the child is
 * started as `/bin/sh -c SCRIPT anyproc LOOKUP FILE ...ARGS` and the shell does it: `exec FILE "$@" 2>&1`
 * dups fd 1 onto fd 2 (one file description, so the order of writes is kept) and replaces itself with
 * FILE, which keeps the pid, the exit status and the signals exactly as with a direct spawn.
 *
 * A shell reports a missing or non-executable FILE as exit 127/126, which would look like a command
 * that ran. So before the exec the script resolves FILE the way Deno's own spawn does (a name is looked
 * up on the child's PATH, else on Deno's; a path is taken relative to the child's cwd; a candidate must
 * be an executable regular file) and, if that fails, writes `ENOENT` or `EACCES` to its stderr pipe and
 * exits. That pipe carries nothing else: the exec's `2>&1` closes it, so EOF with no bytes means FILE is
 * running. Resolving inside the child needs no read or env permission and uses the child's real cwd, PATH
 * and access rights (`test -x` is access(2)). One deliberate difference: a relative PATH entry is taken
 * relative to the child's cwd, as execvp does (Deno's lookup takes it relative to the parent's cwd and then
 * executes the result from the child's).
 */
import type { DenoChildProcess } from "./_deno-api.ts";

/** The shell that performs the merge. Deno must be allowed to run it (`--allow-run` or `--allow-run=/bin/sh`). */
export const SHELL = "/bin/sh";

/**
 * The part of a script that resolves FILE as the module comment says. It reads `$1` (`-`, or `+` and the PATH to
 * search) and `$2` (FILE), shifts both away and leaves the absolute path in `$f`; on failure it writes `ENOENT`
 * or `EACCES` to stderr and exits 127 or 126. Also used by the pipeline links (`_links.ts`).
 */
export const RESOLVE = `case $1 in +*) p=\${1#+} ;; *) p=$PATH ;; esac
f=$2
shift 2
case $f in
*/*) ;;
*)
  r=
  while [ -n "$p" ]; do
    d=\${p%%:*}
    case $p in *:*) p=\${p#*:} ;; *) p= ;; esac
    if [ -n "$d" ] && [ -f "$d/$f" ] && [ -x "$d/$f" ]; then r=$d/$f; break; fi
  done
  [ -n "$r" ] || { printf ENOENT >&2; exit 127; }
  f=$r ;;
esac
case $f in /*) ;; *) f=$PWD/$f ;; esac
[ -e "$f" ] || { printf ENOENT >&2; exit 127; }
[ -f "$f" ] && [ -x "$f" ] || { printf EACCES >&2; exit 126; }
`;

const SCRIPT = `${RESOLVE}exec "$f" "$@" 2>&1`;

/**
 * The shell's arguments for running `file args` with stderr merged into stdout. `lookupPath` is the PATH
 * to search when the child's environment has none (Deno searches its own then), or undefined to search
 * the child's `$PATH`.
 */
export function mergeArgs(file: string, args: readonly string[], lookupPath: string | undefined): string[] {
  return ["-c", SCRIPT, "anyproc", ...resolveArgs(file, lookupPath), ...args];
}

/** The two arguments a {@link RESOLVE} script reads: the PATH to search (see {@link mergeArgs}) and the file. */
export function resolveArgs(file: string, lookupPath: string | undefined): [string, string] {
  return [lookupPath === undefined ? "-" : `+${lookupPath}`, file];
}

/**
 * Waits for the shell's verdict on its stderr pipe. Resolves once FILE has replaced the shell; rejects
 * with an `ENOENT`/`EACCES` error (after reaping the shell) when it could not be started.
 */
export async function awaitExec(child: DenoChildProcess, file: string): Promise<void> {
  const reader = child.stderr.getReader();
  const decoder = new TextDecoder();
  let verdict = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      verdict += decoder.decode(value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
  if (verdict === "") return;
  await child.status.catch(() => {});
  throw verdictError(verdict, file);
}

/** The spawn error for what a {@link RESOLVE} script wrote to its stderr when it could not resolve `file`. */
export function verdictError(verdict: string, file: string): Error & { code: string } {
  if (verdict === "ENOENT") return spawnFailure(`Failed to spawn '${file}': no such file or command on PATH`, "ENOENT");
  if (verdict === "EACCES") return spawnFailure(`Failed to spawn '${file}': not an executable file`, "EACCES");
  return spawnFailure(`Failed to spawn '${file}' through ${SHELL}: ${verdict.trim()}`, "EUNKNOWN");
}

function spawnFailure(message: string, code: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}
