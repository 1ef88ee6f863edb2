/** Error checks that hold across installed copies of `@anyproc/core`, as `instanceof` does not. */
import { ERROR_CLASSES, ERROR_KIND, type ErrorKind } from "./errors.js";

/** The instance type of each error class, by name. */
type ErrorOf = { [K in ErrorKind]: InstanceType<(typeof ERROR_CLASSES)[K]> };

/**
 * Whether `value` is an error anyproc raised for a process (a {@link ProcessError}), or with `kind` one of
 * that class or a subclass (`isProcessError(e, "BrokenWorkerError")` holds for a `WorkerStartError`).
 * Unlike `instanceof`, it also recognises errors made by another installed copy of `@anyproc/core`, which
 * a program gets when two packages depend on different versions of it.
 *
 * ```ts
 * if (isProcessError(error, "CalledProcessError")) console.error(error.exitCode);
 * ```
 */
export function isProcessError<K extends ErrorKind = "ProcessError">(value: unknown, kind?: K): value is ErrorOf[K] {
  const wanted: ErrorKind = kind ?? "ProcessError";
  if (!Object.hasOwn(ERROR_CLASSES, wanted)) {
    throw new TypeError(
      `isProcessError: unknown error class ${JSON.stringify(wanted)}; use one of ${Object.keys(ERROR_CLASSES).join(", ")}`,
    );
  }
  if (typeof value !== "object" || value === null) return false;
  for (let proto = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if (Object.hasOwn(proto, ERROR_KIND) && proto[ERROR_KIND] === wanted) return true;
  }
  return false;
}
