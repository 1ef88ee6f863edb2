// The socket pair behind `stderr: "stdout"` listens on an address other local processes may connect to (an
// abstract one has no permissions): only the connection that shows the pair's token may become the child's
// end. Times are hang guards.
import { randomBytes } from "node:crypto";
import { connect, createServer, type Socket } from "node:net";
import { newSocketAddress } from "@anyproc/channel";
import { describe, expect, it } from "vitest";
import { acceptShowing, socketPair } from "../src/_socket-pair.js";

/** Reads `socket` to its end as text. */
function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.once("close", () => resolve(text));
  });
}

describe("socket pair", () => {
  it("accepts only the connection that shows the token, even when strangers connect first", async () => {
    const server = createServer({ pauseOnConnect: true });
    const address = newSocketAddress("t");
    const path = address.path;
    await new Promise<void>((resolve) => server.listen(path, resolve));
    const token = randomBytes(16);
    const strangers: Socket[] = [];
    const accepted = acceptShowing(server, token, strangers);
    const wrongToken = connect(path);
    wrongToken.write(randomBytes(16));
    const silent = connect(path);
    const shortToken = connect(path);
    shortToken.write(token.subarray(0, 8));
    const ours = connect(path);
    ours.write(token);
    for (const socket of [wrongToken, silent, shortToken, ours]) socket.on("error", () => {});
    try {
      const childEnd = await accepted;
      // What goes into the accepted end comes out of ours, not out of a stranger's.
      const received = readAll(ours);
      childEnd.end("from the child");
      ours.end();
      expect(await received).toBe("from the child");
      expect(strangers).toHaveLength(3);
      expect(strangers).not.toContain(childEnd);
    } finally {
      server.close();
      address.release();
      for (const socket of [...strangers, wrongToken, silent, shortToken, ours]) socket.destroy();
    }
  });

  it("socketPair connects its two ends and closes the listener", async () => {
    const { childEnd, parentEnd } = await socketPair();
    try {
      const received = readAll(parentEnd);
      childEnd.end("both ways");
      parentEnd.end();
      expect(await received).toBe("both ways");
    } finally {
      childEnd.destroy();
      parentEnd.destroy();
    }
  });
});
