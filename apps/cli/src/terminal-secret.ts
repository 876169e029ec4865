import { createInterface } from "node:readline";

/**
 * Reads a secret for `CliIo.readSecret`: typed at a terminal with nothing echoed, or the first line of a
 * pipe (`printf '%s\n' "$PASSWORD" | clawfleet admin create …`), so it never appears in argv or shell history.
 */
export function readSecretFromStdin(prompt: string): Promise<string | null> {
  const input = process.stdin;
  if (!input.isTTY) {
    return new Promise((resolve) => {
      const lines = createInterface({ input });
      let answered = false;
      lines.once("line", (line) => {
        answered = true;
        lines.close();
        resolve(line);
      });
      lines.once("close", () => {
        if (!answered) resolve(null);
      });
    });
  }
  return new Promise((resolve) => {
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.resume();
    let typed = "";
    const onData = (chunk: Buffer) => {
      for (const character of chunk.toString("utf8")) {
        if (character === "\r" || character === "\n" || character === "\u0004") {
          finish(typed);
          return;
        }
        if (character === "\u0003") {
          finish(null);
          return;
        }
        typed = character === "\u007f" ? typed.slice(0, -1) : typed + character;
      }
    };
    const finish = (value: string | null) => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write("\n");
      resolve(value);
    };
    input.on("data", onData);
  });
}
