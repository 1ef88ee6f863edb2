// The sh template and quote(): every interpolation one single-quoted word, bad values refused; nothing spawns.
import { describe, expect, it } from "vitest";
import { quote, sh } from "../src/sh.js";

describe("quote", () => {
  it("wraps a value in single quotes and writes each embedded quote as '\\''", () => {
    expect(quote("plain")).toBe("'plain'");
    expect(quote("it's")).toBe("'it'\\''s'");
    expect(quote("''")).toBe("''\\'''\\'''");
    expect(quote('$HOME `id` $(id) * ? ~ \\ " \n\t;|&<>')).toBe("'$HOME `id` $(id) * ? ~ \\ \" \n\t;|&<>'");
    expect(quote("ünï €😀")).toBe("'ünï €😀'");
  });

  it("quotes an empty string as '', one empty word", () => {
    expect(quote("")).toBe("''");
  });

  it("refuses a NUL byte and a non-string, naming the value", () => {
    expect(() => quote("a\0b")).toThrow(TypeError);
    expect(() => quote("a\0b")).toThrow(/NUL byte, got "a\\u0000b"/);
    expect(() => quote(3 as unknown as string)).toThrow(/quote\(\) needs a string, got 3/);
  });
});

describe("sh", () => {
  it("refuses to build a /bin/sh command on Windows, saying what to pass instead", () => {
    const platform = Object.getOwnPropertyDescriptor(process, "platform") as PropertyDescriptor;
    Object.defineProperty(process, "platform", { value: "win32", configurable: true });
    try {
      expect(() => sh`echo ${"hi"}`).toThrow(
        new TypeError(
          "sh`...` builds a command for /bin/sh, which Windows does not have (a string command runs through cmd.exe there): pass the command as an array of arguments instead",
        ),
      );
    } finally {
      Object.defineProperty(process, "platform", platform);
    }
    expect(sh`echo ${"hi"}`).toBe("echo 'hi'");
  });

  it("quotes each interpolation and keeps the literal parts as they are", () => {
    const pattern = "a b";
    const file = "it's; rm -rf ~";
    expect(sh`grep -e ${pattern} -- ${file} | wc -l`).toBe("grep -e 'a b' -- 'it'\\''s; rm -rf ~' | wc -l");
    expect(sh`echo no interpolation`).toBe("echo no interpolation");
    expect(sh`${"only"}`).toBe("'only'");
  });

  it("gives what the untagged template gives for its literal parts, JavaScript escapes included", () => {
    expect(sh`printf '%s\n' ${"x"}`).toBe("printf '%s\n' 'x'");
    expect(sh`echo \`date\` a\\ b`).toBe("echo `date` a\\ b");
  });

  it("turns an empty string into '' and joins an interpolation with touching literal text", () => {
    expect(sh`printf %s ${""}`).toBe("printf %s ''");
    expect(sh`cmd --file=${"a b"}.txt`).toBe("cmd --file='a b'.txt");
  });

  it("expands an array to one quoted word per element, and an empty array to nothing", () => {
    expect(sh`ls -- ${["a", "b c", "", "d'e"]}`).toBe("ls -- 'a' 'b c' '' 'd'\\''e'");
    expect(sh`ls ${[]} -l`).toBe("ls  -l");
    expect(sh`seq ${[1, 2n]}`).toBe("seq '1' '2'");
  });

  it("converts numbers and bigints with String()", () => {
    expect(sh`head -n ${10} ${-1.5} ${2n ** 64n} ${Number.NaN}`).toBe("head -n '10' '-1.5' '18446744073709551616' 'NaN'");
  });

  it("refuses any other value with a TypeError naming the interpolation and the value", () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /interpolation 1 must be a string.*got undefined/],
      [null, /interpolation 1 .*got null/],
      [true, /interpolation 1 .*got true/],
      [{ a: 1 }, /interpolation 1 .*got a value of type Object/],
      [Symbol("s"), /interpolation 1 .*got a value of type symbol/],
      [() => "x", /interpolation 1 .*got a value of type function/],
      [["ok", undefined], /interpolation 1\[1\] must be a string.*got undefined/],
      [[["nested"]], /interpolation 1\[0\] .*got an array/],
    ];
    for (const [value, message] of cases) {
      expect(() => sh`cmd ${"fine"} ${value as never}`).toThrow(TypeError);
      expect(() => sh`cmd ${"fine"} ${value as never}`).toThrow(message);
    }
  });

  it("refuses a NUL byte in an interpolation or an array element", () => {
    expect(() => sh`cat ${"a\0b"}`).toThrow(/interpolation 0 must not contain a NUL byte, got "a\\u0000b"/);
    expect(() => sh`cat ${["ok", "\0"]}`).toThrow(/interpolation 0\[1\] must not contain a NUL byte/);
  });

  it("refuses a call that is not a tagged template", () => {
    expect(() => (sh as unknown as (s: string) => string)("rm -rf /")).toThrow(/tagged template.*got "rm -rf \/"/);
  });

  it("refuses a literal part with an invalid escape, which has no cooked value", () => {
    const raw = Object.assign(["echo \\unicode ", ""], { raw: ["echo \\unicode ", ""] });
    const template = Object.assign([undefined, ""], { raw: raw.raw }) as unknown as TemplateStringsArray;
    expect(() => sh(template, "x")).toThrow(/literal part 0 has an invalid escape sequence/);
  });
});
