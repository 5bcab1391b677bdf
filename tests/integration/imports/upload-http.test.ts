import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers, type WorkerPool } from "../../../workers/start-workers.js";
import { createHarness, expectProblem, type Harness, readJson } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";

let h: Harness;
let pool: WorkerPool;
beforeAll(async () => {
  h = await createHarness({ UPLOAD_MAX_BYTES: String(64 * 1024) });
  pool = startWorkers(h.deps);
});
afterAll(async () => {
  await pool.close();
  await h.close();
});

describe("POST /v1/imports over HTTP", () => {
  it("accepts multipart/form-data with the file in field `file`, keeping its name", async () => {
    const user = await h.createUser();
    const form = new FormData();
    form.append("note", "from my phone");
    form.append("file", new Blob([new Uint8Array(fixture("tcx/togeojson__sample.tcx"))]), "morning-run.tcx");
    const res = await h.request("/v1/imports", { method: "POST", key: user.apiKey, body: form });
    expect(res.status).toBe(202);
    const body = await readJson<ImportBody & { filename: string }>(res);
    expect(body).toMatchObject({ format: "tcx", filename: "morning-run.tcx" });
    expect((await settledImport(h, user.apiKey, body.id)).status).toBe("completed");
  });

  it("multipart without a `file` field is a 400", async () => {
    const user = await h.createUser();
    const form = new FormData();
    form.append("attachment", new Blob(["x"]), "x.txt");
    await expectProblem(await h.request("/v1/imports", { method: "POST", key: user.apiKey, body: form }), 400, "MULTIPART_NO_FILE");
  });

  it("413 past the upload cap, leaving no import and no stored file behind", async () => {
    const user = await h.createUser();
    const big = Buffer.alloc(65 * 1024, 0x20);
    await expectProblem(await upload(h, user.apiKey, big), 413, "PAYLOAD_TOO_LARGE");
    const list = await readJson<{ imports: unknown[] }>(await h.request("/v1/imports", { key: user.apiKey }));
    expect(list.imports).toHaveLength(0);
  });

  it("takes a body whatever its label: the content decides (an unknown CSV is a 422, not a 415)", async () => {
    const user = await h.createUser();
    const res = await h.request("/v1/imports", { method: "POST", key: user.apiKey, headers: { "content-type": "text/csv" }, body: "a,b\n1,2\n" });
    await expectProblem(res, 422, "UNKNOWN_FORMAT");
  });

  it("detects the format from the content, not the name, and ?format= overrides detection", async () => {
    const user = await h.createUser();
    const detected = await readJson<ImportBody>(await upload(h, user.apiKey, fixture("gpx/togeojson__strava.gpx"), "?filename=not-really.fit"));
    expect(detected.format).toBe("gpx");
    const forced = await readJson<ImportBody>(await upload(h, user.apiKey, fixture("tcx/togeojson__sample.tcx"), "?format=gpx"));
    expect(forced.format).toBe("gpx");
    const settled = await settledImport(h, user.apiKey, forced.id);
    expect(settled.status).toBe("failed");
    expect(settled.error?.message).toMatch(/./);
    await expectProblem(await upload(h, user.apiKey, fixture("tcx/togeojson__sample.tcx"), "?format=docx"), 400, "VALIDATION_FAILED");
  });

  it("lists imports newest first with cursor pagination", async () => {
    const user = await h.createUser();
    const ids: string[] = [];
    for (const file of ["gpx/togeojson__strava.gpx", "gpx/togeojson__missing_hr.gpx", "gpx/togeojson__run_gpxtpx.gpx"]) {
      ids.push((await readJson<ImportBody>(await upload(h, user.apiKey, fixture(file)))).id);
    }
    const first = await readJson<{ imports: ImportBody[]; next_cursor: string | null }>(await h.request("/v1/imports?limit=2", { key: user.apiKey }));
    expect(first.imports.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    const second = await readJson<{ imports: ImportBody[]; next_cursor: string | null }>(
      await h.request(`/v1/imports?limit=2&cursor=${first.next_cursor}`, { key: user.apiKey }),
    );
    expect(second.imports.map((i) => i.id)).toEqual([ids[0]]);
    expect(second.next_cursor).toBeNull();
  });
});
