// A tiny JUnit XML reader for the reports of `bun test` and `deno test`: testsuite, testcase, failure, error, skipped.

/**
 * @typedef {{ path: string[], status: "passed" | "failed" | "skipped", message?: string }} TestEntry
 * `path` is the test's describe chain and name, without the file.
 */

/**
 * Reads the test cases of a JUnit report. The outermost `<testsuite>` (the file or module, in both Bun's
 * and Deno's reports) is left out of each path; nested suites (Bun's `describe` blocks) are kept.
 * @param {string} xml
 * @returns {TestEntry[]}
 */
export function parseJUnit(xml) {
  const root = parseXml(xml);
  const entries = [];
  const visit = (element, suites) => {
    for (const child of element.children) {
      if (child.name === "testsuite") visit(child, [...suites, child.attrs.name ?? ""]);
      else if (child.name === "testcase") entries.push(readCase(child, suites.slice(1)));
      else visit(child, suites);
    }
  };
  visit(root, []);
  return entries;
}

/** One `<testcase>`: failed if it holds a failure or error, skipped if it holds a skipped element. */
function readCase(element, suites) {
  const path = [...suites, element.attrs.name ?? ""];
  const problem = element.children.find((c) => c.name === "failure" || c.name === "error");
  if (problem) return { path, status: "failed", message: problem.attrs.message || problem.text || problem.name };
  if (element.children.some((c) => c.name === "skipped")) return { path, status: "skipped" };
  return { path, status: "passed" };
}

/**
 * Parses enough XML for test reports: elements, attributes, text and CDATA; comments, processing
 * instructions and doctypes are dropped. Not a validating parser: unbalanced end tags are tolerated.
 * @returns {{ name: string, attrs: Record<string, string>, children: any[], text: string }}
 */
export function parseXml(xml) {
  const root = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  const token =
    /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<[?!][\s\S]*?>|<\/\s*([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const [, cdata, endName, startName, attrText, selfClosing, text] of xml.matchAll(token)) {
    const top = stack[stack.length - 1];
    if (cdata !== undefined) top.text += cdata;
    else if (text !== undefined) top.text += decodeEntities(text);
    else if (endName !== undefined) {
      const index = stack.findLastIndex((e) => e.name === endName);
      if (index > 0) stack.length = index;
    } else if (startName !== undefined) {
      const element = { name: startName, attrs: parseAttributes(attrText ?? ""), children: [], text: "" };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  return root;
}

function parseAttributes(text) {
  const attrs = {};
  for (const [, name, double, single] of text.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs[name] = decodeEntities(double ?? single);
  }
  return attrs;
}

const NAMED = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the five named XML entities and numeric references; anything else is left as written. */
export function decodeEntities(text) {
  return text.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(lt|gt|amp|quot|apos));/g, (whole, hex, dec, name) => {
    if (name) return NAMED[name];
    const code = hex ? parseInt(hex, 16) : parseInt(dec, 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
