/**
 * Whether this Node.js process (and so each worker, which gets the caller's type-stripping flags) imports
 * TypeScript modules, and what an import of one that failed says about the cause on this Node line. Type
 * stripping arrived in 22.6 behind --experimental-strip-types and is on by default from 22.18 and 23.6; it
 * never applies under node_modules and erases types only (enums and namespaces need --experimental-transform-types).
 */

/** What decides TypeScript support in a process. */
export interface TypeScriptFacts {
  /** `process.versions.node`. */
  readonly version: string;
  /** The Node flags in effect: `process.execArgv` and those in NODE_OPTIONS. */
  readonly flags: readonly string[];
  /** `process.features.typescript` ("strip", "transform" or false), which Node reports from 22.10. */
  readonly reported?: string | false;
  /** True when the process is Bun or Deno running this adapter: both run TypeScript. */
  readonly elsewhere: boolean;
}

/** Whether a worker strips types, and the hint added to the error of a TypeScript import that failed. */
export function typescriptSupport({ version, flags, reported, elsewhere }: TypeScriptFacts): { strips: boolean; hint: string } {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const atLeast = (m: number, n: number) => major > m || (major === m && minor >= n);
  const available = atLeast(22, 6);
  const byDefault = atLeast(23, 6) || (major === 22 && minor >= 18);
  const off = flags.includes("--no-experimental-strip-types");
  const on = flags.includes("--experimental-strip-types") || flags.includes("--experimental-transform-types");
  const strips = elsewhere || (reported !== undefined ? reported !== false : available && (on || (byDefault && !off)));
  const hint = !available
    ? `Node.js ${version} cannot import TypeScript (type stripping arrived in 22.6 and is on by default from 22.18 and 23.6): run a newer Node, or compile the module to JavaScript`
    : !strips && off
      ? `TypeScript type stripping is turned off by --no-experimental-strip-types on Node.js ${version}: drop that flag, or compile the module to JavaScript`
      : !strips
        ? `Node.js ${version} strips TypeScript types only with --experimental-strip-types (on by default from 22.18 and 23.6): start the caller with it (its workers inherit it), or compile the module to JavaScript`
        : `Node.js ${version} strips TypeScript types, but never in a module under node_modules and only erasable syntax (enums and namespaces need --experimental-transform-types): move the module out of node_modules, or compile it to JavaScript`;
  return { strips, hint };
}

const support = typescriptSupport({
  version: process.versions.node,
  flags: [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)],
  reported: (process.features as { typescript?: string | false }).typescript,
  elsewhere: process.versions.bun !== undefined || process.versions.deno !== undefined,
});

/** True when a worker of this process can import a TypeScript module outside node_modules. */
export const STRIPS_TYPES: boolean = support.strips;
/** What a worker adds to the error of a TypeScript module it could not import, for this Node line. */
export const TYPESCRIPT_HINT: string = support.hint;
