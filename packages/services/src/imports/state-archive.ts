import { createGunzip } from "node:zlib";
import { unzipSync } from "fflate";
import { DomainError } from "@clawfleet/core/domain-error";
import {
  IMPORT_LIMITS,
  formatMebibytes,
  unsafePathProblem,
} from "@clawfleet/core/openclaw-import/import-limits";
import type { StateFile } from "@clawfleet/core/openclaw-import/state-files";

/**
 * Unpacks an uploaded `.tar.gz`/`.tgz` or `.zip` of an OpenClaw state folder into `{path, text}` files.
 * Refuses, with the entry's name, anything that could write or read outside the folder: absolute paths,
 * `..` segments, symbolic and hard links, device files. Only JSON files are decoded (a state folder also
 * holds SQLite files and workspaces, which the import does not read), and every size is bounded before it
 * is decompressed, so an archive bomb stops early. A gzip stream is inflated off the event loop and read as it
 * inflates; only the JSON files are held.
 */

const { maxArchiveExpandedBytes, maxArchiveEntries, maxFileBytes } = IMPORT_LIMITS;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function refuse(message: string): never {
  throw new DomainError("INVALID_INPUT", message);
}

function checkedPath(name: string): string {
  const path = name.replace(/^\.\/+/u, "").replace(/\/+$/u, "");
  const problem = unsafePathProblem(path);
  if (problem)
    refuse(
      `The archive entry "${name}" was refused: ${problem}. Archive the state folder with relative paths only.`,
    );
  return path;
}

/** `.`, `./` (or `.//`): the archived folder itself, which tar writes first when given `-C dir .`. */
function isArchiveRoot(name: string): boolean {
  return /^\.\/*$/u.test(name);
}

function wanted(path: string): boolean {
  return path.endsWith(".json");
}

function decode(path: string, bytes: Uint8Array): StateFile {
  if (bytes.length > maxFileBytes)
    refuse(
      `The archive entry "${path}" is too large (the limit is ${formatMebibytes(maxFileBytes)} per file).`,
    );
  try {
    return { path, text: utf8.decode(bytes) };
  } catch {
    return refuse(`The archive entry "${path}" is not UTF-8 text.`);
  }
}

function text(block: Uint8Array, start: number, length: number): string {
  const slice = block.subarray(start, start + length);
  const end = slice.indexOf(0);
  return new TextDecoder().decode(end === -1 ? slice : slice.subarray(0, end));
}

function octal(block: Uint8Array, start: number, length: number): number {
  const value = text(block, start, length).trim();
  return value === "" ? 0 : Number.parseInt(value, 8);
}

function paxPath(data: Uint8Array): string | null {
  for (const record of new TextDecoder().decode(data).split("\n")) {
    const match = /^\d+ path=(.*)$/u.exec(record);
    if (match?.[1] !== undefined) return match[1];
  }
  return null;
}

/** The header checksum: the byte sum with the checksum field itself counted as spaces. */
function checksumMatches(header: Uint8Array): boolean {
  let sum = 0;
  for (let index = 0; index < 512; index += 1)
    sum += index >= 148 && index < 156 ? 0x20 : (header[index] ?? 0);
  return sum === octal(header, 148, 8);
}

/** Metadata entries (pax headers, GNU long names) are small; a larger one is not a real archive's. */
const MAX_METADATA_ENTRY_BYTES = 1024 * 1024;

type TarEntry = {
  name: string;
  type: string;
  /** The entry's path when its data is kept (a JSON file), else null. */
  path: string | null;
  /** Whether its data is collected: JSON files and metadata; everything else is counted and dropped. */
  keep: boolean;
  remaining: number;
  padding: number;
  chunks: Uint8Array[];
};

/**
 * A minimal streaming ustar/pax/GNU tar reader (regular files and folders only), fed the decompressed bytes as
 * they come. Only JSON files (each and all together within the import's limits) and metadata entries are
 * held; the data of every other entry is skipped as it streams, so memory stays bounded by what the import
 * keeps, not by what the archive expands to. Stops at the end-of-archive block.
 */
class TarReader {
  readonly files: StateFile[] = [];
  /** The end-of-archive block was read: whatever follows is padding. */
  ended = false;
  private readonly header = new Uint8Array(512);
  private headerFill = 0;
  private entry: TarEntry | null = null;
  private entries = 0;
  private keptBytes = 0;
  private longName: string | null = null;

  push(data: Uint8Array): void {
    let offset = 0;
    while (offset < data.length && !this.ended) {
      const entry = this.entry;
      if (entry) {
        const take = Math.min(entry.remaining, data.length - offset);
        if (entry.keep && take > 0) entry.chunks.push(data.slice(offset, offset + take));
        entry.remaining -= take;
        offset += take;
        if (entry.remaining === 0) {
          const skip = Math.min(entry.padding, data.length - offset);
          entry.padding -= skip;
          offset += skip;
          if (entry.padding === 0) this.finishEntry(entry);
        }
        continue;
      }
      const take = Math.min(512 - this.headerFill, data.length - offset);
      this.header.set(data.subarray(offset, offset + take), this.headerFill);
      this.headerFill += take;
      offset += take;
      if (this.headerFill === 512) {
        this.headerFill = 0;
        this.startEntry(this.header);
      }
    }
  }

  /** The files read; refuses an archive that ends inside an entry's data. */
  finish(): StateFile[] {
    const entry = this.entry;
    if (entry && entry.remaining > 0) refuse(`The archive is truncated (entry "${entry.name}").`);
    if (entry) this.finishEntry(entry);
    return this.files;
  }

  private startEntry(header: Uint8Array): void {
    if (header.every((byte) => byte === 0)) {
      this.ended = true;
      return;
    }
    this.entries += 1;
    if (this.entries > maxArchiveEntries)
      refuse(
        `The archive has more than ${maxArchiveEntries} entries; archive only the OpenClaw state folder.`,
      );
    if (!checksumMatches(header)) refuse("The archive is not a valid tar file (header checksum mismatch).");
    const size = octal(header, 124, 12);
    if (!Number.isSafeInteger(size) || size < 0)
      refuse("The archive is not a valid tar file (bad entry size).");
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = text(header, 345, 155);
    const baseName = text(header, 0, 100);
    const name = this.longName ?? (prefix ? `${prefix}/${baseName}` : baseName);
    let path: string | null = null;
    let keep = false;
    if (type === "x" || type === "L") {
      if (size > MAX_METADATA_ENTRY_BYTES)
        refuse("The archive is not a valid tar file (an oversized metadata entry).");
      keep = true;
    } else {
      this.longName = null;
      if (type === "1" || type === "2")
        refuse(
          `The archive entry "${name}" is a link; links are refused. Archive the real files (tar without -h follows none).`,
        );
      // why: `tar czf state.tgz -C ~/.openclaw .` starts with the folder itself, `./`; that entry is the root.
      if (type === "5") {
        if (!isArchiveRoot(name)) checkedPath(name);
      } else if (type !== "g") {
        if (type !== "0" && type !== "\0" && type !== "7")
          refuse(
            `The archive entry "${name}" is a special file (type ${JSON.stringify(type)}); only regular files are accepted.`,
          );
        const checked = checkedPath(name);
        if (wanted(checked)) {
          if (size > maxFileBytes)
            refuse(
              `The archive entry "${checked}" is too large (the limit is ${formatMebibytes(maxFileBytes)} per file).`,
            );
          this.keptBytes += size;
          if (this.keptBytes > IMPORT_LIMITS.maxTotalBytes)
            refuse(
              `The archive's JSON files add up to more than ${formatMebibytes(IMPORT_LIMITS.maxTotalBytes)} (the limit per import).`,
            );
          path = checked;
          keep = true;
        }
      }
    }
    const entry: TarEntry = {
      name,
      type,
      path,
      keep,
      remaining: size,
      padding: (512 - (size % 512)) % 512,
      chunks: [],
    };
    this.entry = entry;
    if (size === 0) this.finishEntry(entry);
  }

  private finishEntry(entry: TarEntry): void {
    this.entry = null;
    if (!entry.keep) return;
    const data = Buffer.concat(entry.chunks);
    if (entry.type === "x" || entry.type === "L")
      this.longName = entry.type === "L" ? text(data, 0, data.length) : paxPath(data);
    else if (entry.path !== null) this.files.push(decode(entry.path, data));
  }
}

/** The files of an uncompressed tar. */
export function readTar(tar: Uint8Array): StateFile[] {
  const reader = new TarReader();
  reader.push(tar);
  return reader.finish();
}

/**
 * The files of a `.tar.gz`, inflated by node's zlib on libuv's thread pool (not this event loop) and read as
 * the 16 KiB chunks come out. Everything the archive expands to is counted, and inflating stops as soon as
 * that passes {@link maxArchiveExpandedBytes}: a bomb costs a bounded amount of time and almost no memory.
 */
async function readTarGz(data: Uint8Array): Promise<StateFile[]> {
  const reader = new TarReader();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const gunzip = createGunzip();
      gunzip.on("data", (chunk: Buffer) => {
        try {
          total += chunk.length;
          if (total > maxArchiveExpandedBytes)
            refuse(
              `The archive expands to more than ${formatMebibytes(maxArchiveExpandedBytes)} (the limit per archive); archive only the OpenClaw state folder.`,
            );
          reader.push(chunk);
          if (reader.ended) {
            gunzip.destroy();
            resolve();
          }
        } catch (error) {
          gunzip.destroy();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      gunzip.on("end", resolve);
      gunzip.on("error", reject);
      gunzip.end(data);
    });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    refuse("The archive is not a valid gzip file.");
  }
  if (total === 0) refuse("The archive is not a valid gzip file (it is empty or truncated).");
  return reader.finish();
}

const SYMLINK_MODE = 0o120000;
const FILE_TYPE_MASK = 0o170000;

/** Names of zip entries whose Unix mode says symbolic link (central directory, external attributes). */
function zipSymlinks(zip: Uint8Array): Set<string> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const links = new Set<string>();
  let end = -1;
  for (let index = zip.length - 22; index >= Math.max(0, zip.length - 65_557); index -= 1) {
    if (view.getUint32(index, true) === 0x06054b50) {
      end = index;
      break;
    }
  }
  if (end === -1) refuse("The archive is not a valid zip file.");
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  for (let entry = 0; entry < count && offset + 46 <= zip.length; entry += 1) {
    if (view.getUint32(offset, true) !== 0x02014b50)
      refuse("The archive is not a valid zip file (central directory).");
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const mode = view.getUint32(offset + 38, true) >>> 16;
    const name = new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength));
    if ((mode & FILE_TYPE_MASK) === SYMLINK_MODE) links.add(name);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return links;
}

export function readZip(zip: Uint8Array): StateFile[] {
  const links = zipSymlinks(zip);
  let entries = 0;
  let expanded = 0;
  const selected: string[] = [];
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(zip, {
      filter: (file) => {
        entries += 1;
        if (entries > maxArchiveEntries)
          refuse(
            `The archive has more than ${maxArchiveEntries} entries; archive only the OpenClaw state folder.`,
          );
        if (links.has(file.name))
          refuse(`The archive entry "${file.name}" is a symbolic link; links are refused.`);
        if (file.name.endsWith("/")) {
          checkedPath(file.name);
          return false;
        }
        const path = checkedPath(file.name);
        if (!wanted(path)) return false;
        expanded += file.originalSize;
        if (file.originalSize > maxFileBytes)
          refuse(
            `The archive entry "${path}" is too large (the limit is ${formatMebibytes(maxFileBytes)} per file).`,
          );
        if (expanded > IMPORT_LIMITS.maxTotalBytes)
          refuse(
            `The archive's JSON files add up to more than ${formatMebibytes(IMPORT_LIMITS.maxTotalBytes)} (the limit per import).`,
          );
        selected.push(file.name);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    return refuse("The archive is not a valid zip file.");
  }
  return selected.map((name) => decode(checkedPath(name), unzipped[name] ?? new Uint8Array()));
}

/** Files of an uploaded archive, by its name's extension (and its magic bytes). */
export async function unpackStateArchive(name: string, bytes: Uint8Array): Promise<StateFile[]> {
  if (bytes.length > IMPORT_LIMITS.maxArchiveBytes)
    refuse(
      `The archive is ${formatMebibytes(bytes.length)} (the limit is ${formatMebibytes(IMPORT_LIMITS.maxArchiveBytes)} per archive).`,
    );
  const lower = name.toLowerCase();
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const isGzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  if ((lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) && isGzip) return readTarGz(bytes);
  if (lower.endsWith(".zip") && isZip) return readZip(bytes);
  return refuse(
    `"${name}" is not a .tar.gz, .tgz or .zip archive (or its contents do not match its extension).`,
  );
}
