/**
 * An import's upload as it waits in the database for its jobs: it holds credentials, so it is sealed with
 * the secret box (AES-256-GCM) and bound to its run and team: a sealed upload copied to another run does not
 * open. Folder uploads are deflated first (JSON text shrinks about tenfold; ciphertext does not shrink),
 * on libuv's thread pool, so neither the web request nor the worker holds its event loop for it.
 *
 * Layout before sealing: one kind byte, then for files the deflated frames of every file (a 4-byte length
 * and the UTF-8 path, a 4-byte length and the UTF-8 text), for an archive a 2-byte name length, the name
 * (UTF-8) and the archive's bytes as uploaded. Frames, not JSON, so the job reads a 15 MiB file back with
 * one UTF-8 decode instead of a JSON parse of everything.
 */
import { promisify } from "node:util";
import { deflateRaw, inflateRaw } from "node:zlib";
import { IMPORT_LIMITS } from "@clawfleet/core/openclaw-import/import-limits";
import type { StateFile } from "@clawfleet/core/openclaw-import/state-files";
import type { SecretBox } from "@clawfleet/db/secret-box";
import type { ImportUpload } from "./unpack-upload";

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

const FILES = 1;
const ARCHIVE = 2;

/** What a sealed upload is bound to: its team and its run. */
export type UploadOwner = { teamId: string; importRunId: string };

function binding({ teamId, importRunId }: UploadOwner): string {
  return `${teamId}|import-upload|${importRunId}`;
}

function lengthOf(bytes: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return length;
}

function frameFiles(files: readonly StateFile[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    for (const text of [file.path, file.text]) {
      const bytes = Buffer.from(text, "utf8");
      parts.push(lengthOf(bytes), bytes);
    }
  }
  return Buffer.concat(parts);
}

function unframeFiles(frames: Buffer): StateFile[] {
  const files: StateFile[] = [];
  let offset = 0;
  const next = () => {
    const length = frames.readUInt32BE(offset);
    const text = frames.toString("utf8", offset + 4, offset + 4 + length);
    offset += 4 + length;
    return text;
  };
  while (offset < frames.length) {
    const path = next();
    files.push({ path, text: next() });
  }
  return files;
}

export async function sealUpload(
  box: SecretBox,
  owner: UploadOwner,
  upload: ImportUpload,
): Promise<Uint8Array> {
  let body: Buffer;
  if ("files" in upload) {
    const deflated = await deflate(frameFiles(upload.files), { level: 1 });
    body = Buffer.concat([Buffer.from([FILES]), deflated]);
  } else {
    const name = Buffer.from(upload.archive.name, "utf8");
    const length = Buffer.alloc(2);
    length.writeUInt16BE(name.length);
    body = Buffer.concat([Buffer.from([ARCHIVE]), length, name, upload.archive.bytes]);
  }
  return box.encryptBytes(body, binding(owner));
}

/** Opens what {@link sealUpload} sealed for the same owner; throws if it was sealed for another. */
export async function openUpload(
  box: SecretBox,
  owner: UploadOwner,
  sealed: Uint8Array,
): Promise<ImportUpload> {
  const body = Buffer.from(box.decryptBytes(sealed, binding(owner)));
  const kind = body[0];
  if (kind === FILES) {
    // why: the upload passed the transport's bounds; a deflated stream claiming more is not ours.
    const frames = await inflate(body.subarray(1), {
      maxOutputLength: IMPORT_LIMITS.maxFiles * 2_048 + IMPORT_LIMITS.maxTotalBytes * 4,
    });
    return { files: unframeFiles(frames) };
  }
  if (kind === ARCHIVE) {
    const nameLength = body.readUInt16BE(1);
    const name = body.subarray(3, 3 + nameLength).toString("utf8");
    return { archive: { name, bytes: new Uint8Array(body.subarray(3 + nameLength)) } };
  }
  throw new Error("The stored upload has an unknown layout.");
}
