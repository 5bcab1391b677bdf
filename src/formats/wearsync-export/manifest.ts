import { z } from "zod";
import { ParseError } from "../contract.js";

/** The export format this service writes (GET /v1/export) and reads back (POST /v1/imports). */
export const EXPORT_FORMAT_NAME = "wearsync-export";
export const EXPORT_FORMAT_VERSION = 1;
export const MANIFEST_ENTRY = "manifest.json";
/** Manifests are a few hundred bytes; anything far larger is not one. */
export const MAX_MANIFEST_BYTES = 64 * 1024;

const manifestSchema = z.object({
  format: z.string(),
  version: z.number(),
  user_id: z.string().min(1),
  exported_at: z.string(),
  tables: z.record(z.string(), z.object({ file: z.string(), rows: z.number().int().min(0) })),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest's JSON, checked: another format or a newer version fails with a reason a person can act on. */
export function readManifest(text: string): Manifest & { exportedAtMs: number } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ParseError("EXPORT_INVALID", "The export's manifest.json is not valid JSON.");
  }
  const head = z.object({ format: z.unknown(), version: z.unknown() }).safeParse(json);
  if (!head.success || head.data.format !== EXPORT_FORMAT_NAME) {
    throw new ParseError("EXPORT_INVALID", `The zip's manifest.json does not describe a ${EXPORT_FORMAT_NAME} archive.`);
  }
  const version = head.data.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new ParseError("EXPORT_INVALID", `The export's manifest has no valid version (found ${JSON.stringify(version)}).`);
  }
  if (version > EXPORT_FORMAT_VERSION) {
    throw new ParseError(
      "EXPORT_VERSION_UNSUPPORTED",
      `This export was written in ${EXPORT_FORMAT_NAME} version ${version}, newer than the version ${EXPORT_FORMAT_VERSION} this service reads: update wearsync, then upload it again.`,
    );
  }
  const manifest = manifestSchema.safeParse(json);
  if (!manifest.success) {
    const issue = manifest.error.issues[0];
    throw new ParseError(
      "EXPORT_INVALID",
      `The export's manifest is incomplete (${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"}).`,
    );
  }
  const exportedAtMs = Date.parse(manifest.data.exported_at);
  if (!Number.isFinite(exportedAtMs)) throw new ParseError("EXPORT_INVALID", "The export's manifest has no valid exported_at time.");
  return { ...manifest.data, exportedAtMs };
}
