import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { Busboy, type BusboyInstance } from "@fastify/busboy";
import { BadRequestError } from "../../lib/errors.js";

export interface UploadedFile {
  stream: Readable;
  filename: string | null;
}

/**
 * Finds the `file` field of a multipart/form-data body and hands back its stream without buffering it.
 * Anything else (no file, a second file, a huge text field) is a 400.
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
    let found = false;
    parser.on("file", (field: string, stream: Readable, filename: string) => {
      if (field !== "file" || found) {
        stream.resume();
        return;
      }
      found = true;
      resolve({ stream, filename: filename || null });
    });
    parser.on("error", () => reject(new BadRequestError("The multipart body could not be read.", "MULTIPART_INVALID")));
    parser.on("finish", () => {
      if (!found) reject(new BadRequestError("Send the export in a multipart field named `file`.", "MULTIPART_NO_FILE"));
    });
    Readable.fromWeb(body as NodeReadableStream<Uint8Array>).pipe(parser);
  });
}

/** The uploaded file of a request: the raw body, or the `file` field of a multipart body; streamed, never buffered. */
export async function uploadedFile(request: Request): Promise<UploadedFile> {
  if (!request.body) throw new BadRequestError("Send the export file as the request body.", "EMPTY_BODY");
  const isMultipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  if (isMultipart) return multipartFile(request.headers, request.body);
  return { stream: Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>), filename: null };
}
