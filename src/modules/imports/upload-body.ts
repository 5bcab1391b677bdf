import { pipeline, Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { Busboy, type BusboyInstance } from "@fastify/busboy";
import { BadRequestError } from "../../lib/errors.js";
import { hasControlCharacter } from "../../lib/validation.js";

export interface UploadedFile {
  stream: Readable;
  filename: string | null;
}

const interrupted = () => new BadRequestError("The upload was interrupted before it completed.", "UPLOAD_INCOMPLETE");

/**
 * Finds the `file` field of a multipart/form-data body and hands back its stream without buffering it.
 * Anything else (no file, a second file, a huge text field) is a 400.
 *
 * Every stream here has an error listener: a client that drops mid-upload ("aborted") or a body whose closing
 * boundary never comes ("Part terminated early") fails this upload (the file stream is destroyed with the error,
 * so whoever reads it removes its temp file), never the process.
 */
function multipartFile(headers: Headers, body: ReadableStream<Uint8Array>): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    let parser: BusboyInstance;
    try {
      parser = Busboy({
        headers: { "content-type": headers.get("content-type") ?? "" },
        limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 20 },
      });
    } catch {
      reject(new BadRequestError("The multipart body has no valid boundary.", "MULTIPART_INVALID"));
      return;
    }
    let file: Readable | null = null;
    let settled = false;
    const fail = (err: Error) => {
      if (!settled) {
        settled = true;
        reject(err);
      }
      // Once handed out, the file stream carries the failure to its reader; an unfinished one must not hang.
      if (file && !file.readableEnded) file.destroy(interrupted());
    };
    parser.on("file", (field: string, stream: Readable, filename: string) => {
      // Busboy emits "Part terminated early" on the part without destroying it: destroy it, so a reader that
      // attaches later still sees the failure (and a skipped part with no reader cannot crash the process).
      stream.on("error", (err) => stream.destroy(err));
      if (field !== "file" || file !== null || settled) {
        stream.resume();
        return;
      }
      // Refused before any byte is stored: the name goes into a text column.
      if (hasControlCharacter(filename)) {
        stream.resume();
        fail(new BadRequestError("The file name contains a control character; send printable text.", "CONTROL_CHARACTER"));
        return;
      }
      file = stream;
      settled = true;
      resolve({ stream, filename: filename || null });
    });
    parser.on("finish", () => {
      if (settled) return;
      settled = true;
      reject(new BadRequestError("Send the export in a multipart field named `file`.", "MULTIPART_NO_FILE"));
    });
    // pipeline (not pipe) listens for errors on both ends and destroys both on the first one.
    pipeline(Readable.fromWeb(body as NodeReadableStream<Uint8Array>), parser, (err) => {
      if (err) fail(file === null ? new BadRequestError("The multipart body could not be read.", "MULTIPART_INVALID") : interrupted());
    });
  });
}

/** The uploaded file of a request: the raw body, or the `file` field of a multipart body; streamed, never buffered. */
export async function uploadedFile(request: Request): Promise<UploadedFile> {
  if (!request.body) throw new BadRequestError("Send the export file as the request body.", "EMPTY_BODY");
  const isMultipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  if (isMultipart) return multipartFile(request.headers, request.body);
  const stream = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  stream.on("error", () => undefined); // read through pipeline, which sees and reports the error
  return { stream, filename: null };
}
