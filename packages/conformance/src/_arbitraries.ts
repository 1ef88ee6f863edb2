/**
 * fast-check arbitraries and helpers for the property cases: hostile strings, byte streams cut at any
 * boundary, environment maps, and structured-clone values with an exact comparison.
 */
import * as fc from "fast-check";

/** Characters a shell, a C string or a text decoder might rewrite, and a few multi-byte ones. */
const SPECIAL = [
  ..."'\"\\$`*?[]{}()<>|&;~#=!%^ \t\n\r\v\f-",
  "\u0001",
  "\u007f",
  "\u0080",
  "\u00a0",
  "\ufeff",
  "\ufffd",
  "\u2028",
  "é",
  "€",
  "😀",
  "你",
  "e\u0301",
];

/** One code point of the whole Unicode range, without NUL and without lone surrogates. */
const codePoint = fc
  .integer({ min: 1, max: 0x10ffff })
  .filter((c) => c < 0xd800 || c > 0xdfff)
  .map((c) => String.fromCodePoint(c));

/** One character of a string without NUL: special characters, printable ASCII or any code point. */
const unit = fc.oneof(fc.constantFrom(...SPECIAL), fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }), codePoint);

/** A well-formed string without NUL (what argv, env values and `sh` interpolations can carry). */
export const word = (maxLength = 24): fc.Arbitrary<string> => fc.string({ unit, maxLength });

/** Any JavaScript string: NUL and lone surrogates included (what a toProcess value can carry). */
const jsString = fc.string({ unit: fc.oneof(unit, fc.constantFrom("\0", "\ud800", "\udbff", "\udc00", "\udfff")), maxLength: 12 });

/** A well-formed string rich in line endings, for decoding properties; sometimes led by a BOM, which must survive. */
export const textWithLines = fc
  .tuple(fc.boolean(), fc.string({ unit: fc.oneof(unit, fc.constantFrom("\n", "\r\n", "\r", "\0")), maxLength: 200 }))
  .map(([bom, s]) => (bom ? `\ufeff${s}` : s));

/** Up to 16 cut positions; {@link split} maps them onto any length. */
export const cuts = fc.array(fc.nat({ max: 70_000 }), { maxLength: 16 });

/** `bytes` cut at `positions` (taken modulo its length + 1, duplicates giving empty chunks), as views. */
export function split(bytes: Uint8Array, positions: readonly number[]): Uint8Array[] {
  const points = [0, ...positions.map((p) => p % (bytes.length + 1)).sort((a, b) => a - b), bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}

/** A stream that yields `chunks` one per pull, after `pauseMs` each when given. */
export function streamOf(chunks: readonly Uint8Array[], pauseMs = 0): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const chunk = chunks[index++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

/** `s` split into lines the way `lines()` documents it: `\n` or `\r\n` ends a line, a last partial line counts. */
export function expectedLines(s: string): string[] {
  const pieces = s.split("\n");
  const last = pieces.pop() as string;
  const out = pieces.map((p) => (p.endsWith("\r") ? p.slice(0, -1) : p));
  if (last !== "") out.push(last);
  return out;
}

/** An environment variable name as POSIX shells accept it. */
const envName = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/);

/** A whole environment: valid names, no two differing only in case (one variable on Windows), values of any text without NUL. */
export const envMap = fc
  .dictionary(envName, word(), { maxKeys: 32, noNullPrototype: true })
  .filter((env) => new Set(Object.keys(env).map((name) => name.toLowerCase())).size === Object.keys(env).length);

const typedArray = fc.oneof(
  fc.int8Array({ maxLength: 6 }),
  fc.uint8Array({ maxLength: 6 }),
  fc.uint8ClampedArray({ maxLength: 6 }),
  fc.int16Array({ maxLength: 6 }),
  fc.uint16Array({ maxLength: 6 }),
  fc.int32Array({ maxLength: 6 }),
  fc.uint32Array({ maxLength: 6 }),
  fc.float32Array({ maxLength: 6 }),
  fc.float64Array({ maxLength: 6 }),
  fc.bigInt64Array({ maxLength: 6 }),
  fc.bigUint64Array({ maxLength: 6 }),
);

/** Any date, an invalid one often enough to matter. */
const date = fc.oneof(
  fc.date(),
  fc.constant(Number.NaN).map((nan) => new Date(nan)),
);

/** Object keys: any string, and the ones a codec is likely to trip over. */
const key = fc.oneof(fc.string(), fc.constantFrom("__proto__", "$", "constructor", "toString", "0", "-0", ""));

const leaf = fc.oneof(
  jsString,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  date,
  typedArray,
  fc.uint8Array({ maxLength: 6 }).map((bytes) => bytes.buffer),
);

/** JSON-like values plus Map, Set, Date (invalid ones too), BigInt, typed arrays and ArrayBuffer, nested. */
export const cloneable: fc.Arbitrary<unknown> = fc.letrec<{
  value: unknown;
  array: unknown[];
  object: object;
  map: Map<unknown, unknown>;
  set: Set<unknown>;
}>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object"), tie("map"), tie("set")),
  array: fc.array(tie("value"), { maxLength: 5 }),
  object: fc.dictionary(key, tie("value"), { maxKeys: 5, noNullPrototype: true }),
  map: fc.array(fc.tuple(tie("value"), tie("value")), { maxLength: 4 }).map((entries) => new Map(entries)),
  set: fc.array(tie("value"), { maxLength: 4 }).map((items) => new Set(items)),
})).value;

/**
 * A tree of tagged tuples that describes `value` exactly, so that `toEqual` on two of them is structured
 * clone's notion of equal: -0, NaN, invalid dates, key order, own `__proto__` keys and classes all count.
 */
export function canon(value: unknown): unknown {
  switch (typeof value) {
    case "number":
      return ["number", Object.is(value, -0) ? "-0" : String(value)];
    case "bigint":
      return ["bigint", String(value)];
    case "string":
    case "boolean":
    case "undefined":
      return [typeof value, value];
  }
  if (value === null) return ["null"];
  if (Array.isArray(value)) return ["Array", ...value.map(canon)];
  if (value instanceof Date) return ["Date", String(value.getTime())];
  if (value instanceof Map) return ["Map", ...[...value].map(([k, v]) => [canon(k), canon(v)])];
  if (value instanceof Set) return ["Set", ...[...value].map(canon)];
  if (value instanceof ArrayBuffer) return ["ArrayBuffer", ...new Uint8Array(value)];
  if (ArrayBuffer.isView(value)) {
    const items = Array.from(value as unknown as ArrayLike<number | bigint>, canon);
    return [value.constructor.name, ...items];
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  const kind = proto === Object.prototype ? "Object" : `Object with prototype ${String(proto?.constructor?.name)}`;
  return [kind, ...Object.keys(value as object).map((k) => [k, canon((value as Record<string, unknown>)[k])])];
}
