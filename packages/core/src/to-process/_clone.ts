/**
 * A structured-clone codec written in plain JavaScript, so every runtime (and both ends of a toProcess
 * channel) speaks the same format: Map, Set, Date, RegExp, BigInt, typed arrays, ArrayBuffer, DataView,
 * Error (name, message, stack, cause, own properties), -0/NaN/Infinity, undefined, sparse holes as
 * undefined, nested and cyclic references. Functions, symbols, promises and other host objects are refused
 * with a TypeError naming where they were found.
 */
import { fromBase64, toBase64 } from "./_base64.js";

type Tagged = { $: string; [key: string]: unknown };

const TYPED = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedName = keyof typeof TYPED;

const ERRORS: Record<string, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
};

/** Encodes `value` into a JSON-safe tree; throws a TypeError for values structured clone refuses. */
export function encode(value: unknown, path = "value"): unknown {
  const seen = new Map<object, number>();
  const walk = (v: unknown, at: string): unknown => {
    switch (typeof v) {
      case "string":
      case "boolean":
        return v;
      case "number":
        return Number.isFinite(v) && !Object.is(v, -0) ? v : { $: "n", v: String(Object.is(v, -0) ? "-0" : v) };
      case "undefined":
        return { $: "u" };
      case "bigint":
        return { $: "b", v: v.toString() };
      case "function":
      case "symbol":
        throw new TypeError(`${at} is a ${typeof v} and cannot be cloned`);
    }
    if (v === null) return null;
    const obj = v as object;
    const ref = seen.get(obj);
    if (ref !== undefined) return { $: "r", i: ref };
    seen.set(obj, seen.size);
    if (Array.isArray(obj)) {
      const out = new Array(obj.length);
      for (let i = 0; i < obj.length; i++) out[i] = walk(obj[i], `${at}[${i}]`);
      return out;
    }
    if (obj instanceof Date) return { $: "D", v: walk(obj.getTime(), at) };
    if (obj instanceof RegExp) return { $: "R", s: obj.source, f: obj.flags };
    if (obj instanceof Map) {
      let i = 0;
      return { $: "M", v: [...obj].map(([k, val]) => [walk(k, `${at}.key${i}`), walk(val, `${at}.get(${i++})`)]) };
    }
    if (obj instanceof Set) return { $: "S", v: [...obj].map((item, i) => walk(item, `${at}.item${i}`)) };
    if (obj instanceof ArrayBuffer) return { $: "AB", v: toBase64(new Uint8Array(obj)) };
    if (ArrayBuffer.isView(obj)) {
      const bytes = new Uint8Array(obj.buffer, obj.byteOffset, obj.byteLength);
      const name = obj instanceof DataView ? "DataView" : obj.constructor.name;
      if (name !== "DataView" && !(name in TYPED)) throw new TypeError(`${at} is a ${name} and cannot be cloned`);
      return { $: "T", t: name, v: toBase64(bytes) };
    }
    if (obj instanceof Error) {
      const props: Record<string, unknown> = {};
      for (const key of Object.keys(obj)) {
        if (key !== "cause") setOwn(props, key, walk((obj as unknown as Record<string, unknown>)[key], `${at}.${key}`));
      }
      const out: Tagged = { $: "E", name: obj.name, message: obj.message, stack: obj.stack, p: props };
      if ("cause" in obj) out.c = walk(obj.cause, `${at}.cause`);
      return out;
    }
    if (obj instanceof Promise || obj instanceof WeakMap || obj instanceof WeakSet) {
      throw new TypeError(`${at} is a ${obj.constructor.name} and cannot be cloned`);
    }
    const entries: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) setOwn(entries, key, walk((obj as Record<string, unknown>)[key], `${at}.${key}`));
    return "$" in entries ? { $: "O", v: entries } : entries;
  };
  return walk(value, path);
}

/** Rebuilds a value from {@link encode}'s tree. */
export function decode(tree: unknown): unknown {
  const refs: unknown[] = [];
  const walk = (t: unknown): unknown => {
    if (t === null || typeof t !== "object") return t;
    if (Array.isArray(t)) {
      const out: unknown[] = new Array(t.length);
      refs.push(out);
      for (let i = 0; i < t.length; i++) out[i] = walk(t[i]);
      return out;
    }
    const tag = (t as Tagged).$;
    if (tag === undefined) return fill({}, t as Record<string, unknown>);
    const v = (t as Tagged).v;
    switch (tag) {
      case "u":
        return undefined;
      case "n":
        return v === "-0" ? -0 : Number(v);
      case "b":
        return BigInt(v as string);
      case "r":
        return refs[(t as { i: number }).i];
      case "O":
        return fill({}, v as Record<string, unknown>);
      case "D":
        return keep(new Date(walk(v) as number));
      case "R":
        return keep(new RegExp((t as Tagged).s as string, (t as Tagged).f as string));
      case "M": {
        const map = keep(new Map());
        for (const [k, val] of v as [unknown, unknown][]) map.set(walk(k), walk(val));
        return map;
      }
      case "S": {
        const set = keep(new Set());
        for (const item of v as unknown[]) set.add(walk(item));
        return set;
      }
      case "AB":
        return keep(fromBase64(v as string).buffer);
      case "T": {
        const bytes = fromBase64(v as string);
        const name = (t as Tagged).t as string;
        if (name === "DataView") return keep(new DataView(bytes.buffer));
        const Ctor = TYPED[name as TypedName];
        return keep(new Ctor(bytes.buffer as ArrayBuffer));
      }
      case "E":
        return decodeError(t as Tagged);
    }
    throw new TypeError(`Unknown clone tag ${JSON.stringify(tag)}`);
  };
  const keep = <T>(value: T): T => {
    refs.push(value);
    return value;
  };
  const fill = (out: Record<string, unknown>, source: Record<string, unknown>) => {
    refs.push(out);
    for (const key of Object.keys(source)) setOwn(out, key, walk(source[key]));
    return out;
  };
  const decodeError = (t: Tagged): Error => {
    const name = t.name as string;
    const error = new (ERRORS[name] ?? Error)(t.message as string);
    refs.push(error);
    if (error.name !== name) Object.defineProperty(error, "name", { value: name, writable: true, configurable: true });
    Object.defineProperty(error, "stack", { value: t.stack, writable: true, configurable: true });
    for (const [key, value] of Object.entries(t.p as Record<string, unknown>)) {
      setOwn(error, key, walk(value));
    }
    if ("c" in t) Object.defineProperty(error, "cause", { value: walk(t.c), writable: true, configurable: true });
    return error;
  };
  return walk(tree);
}

/** Defines `key` as an own data property, so that a key such as `"__proto__"` is kept and never sets a prototype. */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}
