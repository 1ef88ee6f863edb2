// The toProcess codec round-trips what structured clone does, refuses what it refuses, and keeps cycles.
import { describe, expect, it } from "vitest";
import { decode, encode } from "../src/to-process/_clone.js";

const roundTrip = <T>(value: T): T => decode(JSON.parse(JSON.stringify(encode(value)))) as T;

describe("clone codec", () => {
  it.each([
    ["numbers", [0, -0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]],
    ["bigint", 12345678901234567890n],
    ["undefined inside", { a: undefined, b: [undefined] }],
    ["a $ key", { $: "D", v: 1 }],
    ["date", new Date(1_700_000_000_000)],
    ["regexp", /a+b/giu],
    [
      "map and set",
      new Map<unknown, unknown>([
        [1, new Set(["x"])],
        [{ k: 1 }, "obj key"],
      ]),
    ],
    ["typed arrays", [new Uint8Array([0, 255, 7]), new Float64Array([1.5, -2]), new BigInt64Array([-3n])]],
    ["array buffer", new Uint8Array([1, 2, 3, 4, 5]).buffer],
  ])("round-trips %s", (_name, value) => {
    expect(roundTrip(value)).toEqual(value);
  });

  it("keeps -0 and NaN exactly", () => {
    const [negZero, nan] = roundTrip([-0, Number.NaN]);
    expect(Object.is(negZero, -0)).toBe(true);
    expect(Number.isNaN(nan)).toBe(true);
  });

  it("keeps an invalid date invalid (it used to come back as 1970-01-01)", () => {
    const out = roundTrip([new Date(Number.NaN), new Date(-1)]);
    expect(out[0]).toBeInstanceOf(Date);
    expect(Number.isNaN(out[0]!.getTime())).toBe(true);
    expect(out[1]!.getTime()).toBe(-1);
  });

  it("keeps an own __proto__ key as a key, never as a prototype", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1, "e": {"__proto__": 2}}') as Record<string, unknown>;
    const out = roundTrip(value);
    expect(Object.keys(out)).toEqual(["__proto__", "a", "e"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ polluted: true });
    expect(Object.getOwnPropertyDescriptor(out.e, "__proto__")?.value).toBe(2);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it("keeps shared and cyclic references", () => {
    const shared = { n: 1 };
    const value: Record<string, unknown> = { a: shared, b: shared, list: [shared] };
    value.self = value;
    const out = roundTrip(value);
    expect(out.a).toBe(out.b);
    expect((out.list as unknown[])[0]).toBe(out.a);
    expect(out.self).toBe(out);
  });

  it("rebuilds errors with name, message, stack, cause and own properties", () => {
    const cause = new RangeError("inner");
    const error = Object.assign(new TypeError("outer", { cause }), { code: "E_CODE", extra: { n: 1 } });
    const out = roundTrip(error);
    expect(out).toBeInstanceOf(TypeError);
    expect(out.message).toBe("outer");
    expect(out.stack).toBe(error.stack);
    expect(out.code).toBe("E_CODE");
    expect(out.extra).toEqual({ n: 1 });
    expect(out.cause).toBeInstanceOf(RangeError);
    const custom = Object.assign(new Error("x"), { name: "ValidationError" });
    expect(roundTrip(custom).name).toBe("ValidationError");
  });

  it("refuses functions and symbols with the path in the message", () => {
    expect(() => encode([1, { f: () => 1 }], "args")).toThrow("args[1].f is a function and cannot be cloned");
    expect(() => encode({ s: Symbol("x") }, "args")).toThrow(TypeError);
    expect(() => encode(Promise.resolve(1), "args[0]")).toThrow("args[0] is a Promise");
  });
});
