import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, createGzip } from "node:zlib";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { unpackStateArchive } from "./state-archive";

/**
 * Finding 7: a 1 MB gzip bomb took the process from 235 MB to 3.25 GB. Archives are now read as they inflate:
 * only JSON files are held, everything is counted, and the archive is refused as soon as it expands past the
 * cap, with the process's memory staying far below what the bomb expands to.
 */

const MIB = 1024 * 1024;
const encoder = new TextEncoder();

/** One ustar header for an entry of `size` bytes (the data follows separately). */
function tarHeader(name: string, size: number): Uint8Array {
  const header = new Uint8Array(512);
  header.set(encoder.encode(name), 0);
  header.set(encoder.encode("0000644\0"), 100);
  header.set(encoder.encode(`${size.toString(8).padStart(11, "0")}\0`), 124);
  header.set(encoder.encode("0"), 156);
  header.set(encoder.encode("ustar\0"), 257);
  let sum = 0;
  for (let index = 0; index < 512; index += 1)
    sum += index >= 148 && index < 156 ? 0x20 : (header[index] ?? 0);
  header.set(encoder.encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
  return header;
}

/** A .tar.gz whose one entry is `size` zero bytes, compressed as it is generated (never held whole). */
async function gzipBomb(name: string, size: number): Promise<Uint8Array> {
  const gzip = createGzip({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => gzip.on("end", resolve));
  gzip.write(tarHeader(name, size));
  const zeros = Buffer.alloc(MIB);
  for (let written = 0; written < size; written += MIB) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once("drain", resolve));
  }
  gzip.end();
  await done;
  return new Uint8Array(Buffer.concat(out));
}

/** Resident memory growth while `work` runs, sampled before and right after. */
async function rssGrowth(work: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  await work().catch(() => undefined);
  return process.memoryUsage().rss - before;
}

describe("archive bombs", () => {
  it("refuses a gzip bomb (512 MiB of zeros in a small .tar.gz) naming the cap, with bounded memory", async () => {
    const bomb = await gzipBomb("workspace/zeros.bin", 512 * MIB);
    expect(bomb.length).toBeLessThan(MIB);
    await expect(unpackStateArchive("state.tar.gz", bomb)).rejects.toThrow(
      "The archive expands to more than 256 MiB (the limit per archive); archive only the OpenClaw state folder.",
    );
    // Holding what it expanded to (as before) would add at least the 256 MiB cap.
    expect(await rssGrowth(() => unpackStateArchive("state.tar.gz", bomb))).toBeLessThan(64 * MIB);
  });

  it("inflates off the event loop: timers keep firing while a bomb is refused", async () => {
    const bomb = await gzipBomb("workspace/zeros.bin", 300 * MIB);
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const at = performance.now();
      longestGap = Math.max(longestGap, at - last);
      last = at;
    }, 5);
    await unpackStateArchive("state.tar.gz", bomb).catch(() => undefined);
    clearInterval(ticker);
    // why: inflating 300 MiB on the event loop would stall it for seconds; a busy 2-core CI box can delay a
    // timer by a few hundred ms on its own (298 ms seen with the browser suites beside), so 1 s tells them apart.
    expect(longestGap).toBeLessThan(1_000);
  });

  it("refuses a tar entry declaring a JSON file over the per-file limit before inflating it", async () => {
    const bomb = await gzipBomb("openclaw.json", 100 * MIB);
    await expect(unpackStateArchive("state.tgz", bomb)).rejects.toThrow(
      'The archive entry "openclaw.json" is too large (the limit is 64 MiB per file).',
    );
  });

  it("refuses a zip bomb by its declared sizes, with bounded memory", async () => {
    const zip = zipSync({ "openclaw.json": new Uint8Array(65 * MIB).fill(0x20) }, { level: 9 });
    expect(zip.length).toBeLessThan(MIB);
    expect(
      await rssGrowth(async () => {
        await expect(unpackStateArchive("state.zip", zip)).rejects.toThrow(
          'The archive entry "openclaw.json" is too large (the limit is 64 MiB per file).',
        );
      }),
    ).toBeLessThan(48 * MIB);
  });

  it("still reads JSON files split across inflated chunks, skipping the rest", async () => {
    const config = JSON.stringify({ agents: { defaults: {} }, pad: "x".repeat(3 * MIB) });
    const gzip = createGzip();
    const out: Buffer[] = [];
    gzip.on("data", (chunk: Buffer) => out.push(chunk));
    const done = new Promise((resolve) => gzip.on("end", resolve));
    const blob = Buffer.alloc(2 * MIB + 100, 7);
    const padding = (size: number) => Buffer.alloc((512 - (size % 512)) % 512);
    gzip.write(tarHeader("workspace/blob.bin", blob.length));
    gzip.write(blob);
    gzip.write(padding(blob.length));
    gzip.write(tarHeader("openclaw.json", config.length));
    gzip.write(config);
    gzip.write(padding(config.length));
    gzip.end(Buffer.alloc(1024));
    await done;
    const files = await unpackStateArchive("state.tar.gz", new Uint8Array(Buffer.concat(out)));
    expect(files).toEqual([{ path: "openclaw.json", text: config }]);
  });
});

describe("archives made the usual way", () => {
  it("reads `tar czf state.tgz -C <state folder> .`, whose entries start with ./ and whose first is ./ itself", async () => {
    const folder = mkdtempSync(join(tmpdir(), "clawfleet-tar-dot-"));
    try {
      mkdirSync(join(folder, "agents", "main", "agent"), { recursive: true });
      writeFileSync(join(folder, "openclaw.json"), "{ agents: { defaults: {} } }");
      writeFileSync(
        join(folder, "agents", "main", "agent", "auth-profiles.json"),
        '{"version":1,"profiles":{}}',
      );
      // why: GNU tar, as a newcomer runs it; the archive's first entry is the directory `./`.
      const archive = execFileSync("tar", ["czf", "-", "-C", folder, "."]);
      const listing = execFileSync("tar", ["tzf", "-"], { input: archive }).toString();
      expect(listing.split("\n")[0]).toBe("./");

      const files = await unpackStateArchive("state.tgz", new Uint8Array(archive));
      expect(files.map((file) => file.path).sort()).toEqual([
        "agents/main/agent/auth-profiles.json",
        "openclaw.json",
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("still refuses a `..` directory entry", async () => {
    const header = tarHeader("../", 0);
    header.set(encoder.encode("5"), 156);
    let sum = 0;
    header.fill(0x20, 148, 156);
    for (const byte of header) sum += byte;
    header.set(encoder.encode(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
    const gzip = createGzip();
    const out: Buffer[] = [];
    gzip.on("data", (chunk: Buffer) => out.push(chunk));
    const done = new Promise((resolve) => gzip.on("end", resolve));
    gzip.end(Buffer.concat([header, Buffer.alloc(1024)]));
    await done;
    await expect(unpackStateArchive("state.tgz", new Uint8Array(Buffer.concat(out)))).rejects.toThrow(
      /"\.\.\/" was refused: a `\.\.` or `\.` path segment/u,
    );
  });
});
