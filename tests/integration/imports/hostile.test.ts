import { describe, expect, it } from "vitest";
import { type Harness, readJson, type TestUser } from "../../helpers/harness.js";
import { fixture, type ImportBody, settledImport, upload } from "../../helpers/imports.js";
import { harnessWithWorkers } from "../../helpers/with-workers.js";

let h: Harness;
harnessWithWorkers((started) => {
  h = started;
});

async function storedRows(userId: string): Promise<number> {
  const [row] = await h.deps.sql<{ n: number }[]>`
    select (select count(*) from samples where user_id = ${userId})
         + (select count(*) from workouts where user_id = ${userId})
         + (select count(*) from intake_entries where user_id = ${userId})::int as n`;
  return Number(row?.n ?? -1);
}

/** Uploads a file and returns how it ended: a 4xx problem at the door, or the settled import. */
async function outcome(
  user: TestUser,
  name: string,
): Promise<{ kind: "refused"; status: number; code: string } | { kind: "import"; body: ImportBody }> {
  const res = await upload(h, user.apiKey, fixture(`hostile/${name}`));
  if (res.status >= 400) {
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const problem = await readJson<{ code: string; detail: string }>(res);
    expect(problem.detail.length).toBeGreaterThan(10);
    return { kind: "refused", status: res.status, code: problem.code };
  }
  const queued = await readJson<ImportBody>(res);
  return { kind: "import", body: await settledImport(h, user.apiKey, queued.id) };
}

describe("hostile files end in a clear 4xx or a failed import, store nothing, and the service keeps serving", () => {
  it.each([
    ["billion-laughs.xml", "XML_ENTITY_FORBIDDEN"],
    ["xxe-external-entity.xml", "XML_ENTITY_FORBIDDEN"],
    ["deep-nesting.xml", "XML_TOO_DEEP"],
    ["garbage.xml", null],
    ["empty.bin", "EMPTY_FILE"],
    ["zip-bomb-1gib.zip", "ZIP_RATIO_EXCEEDED"],
    ["zip-slip.zip", "ZIP_UNSAFE_PATH"],
    ["zip-without-export.zip", null],
    ["truncated-export.zip", "ZIP_INVALID"],
  ])("%s", async (name, expectedCode) => {
    const user = await h.createUser();
    const startedMs = performance.now();
    const result = await outcome(user, name);
    expect(performance.now() - startedMs).toBeLessThan(5_000);
    if (result.kind === "refused") {
      expect(result.status).toBe(422);
      if (expectedCode) expect(result.code).toBe(expectedCode);
    } else {
      expect(result.body.status).toBe("failed");
      expect(result.body.error?.message.length ?? 0).toBeGreaterThan(10);
      if (expectedCode) expect(result.body.error?.code).toBe(expectedCode);
    }
    expect(await storedRows(user.id)).toBe(0);
    expect((await h.request("/healthz")).status).toBe(200);
  });

  it.each(["broken-dtd-ios16.xml", "vertical-tab.xml"])("the real-world quirk %s imports", async (name) => {
    const user = await h.createUser();
    const result = await outcome(user, name);
    expect(result.kind).toBe("import");
    if (result.kind === "import") {
      expect(result.body.status).toBe("completed");
      expect(result.body.partial).toBe(false);
    }
    expect(await storedRows(user.id)).toBeGreaterThan(0);
  });

  it("a truncated export keeps every complete record and says it is partial", async () => {
    const user = await h.createUser();
    const result = await outcome(user, "truncated.xml");
    expect(result.kind).toBe("import");
    if (result.kind === "import") {
      expect(result.body).toMatchObject({ status: "completed", partial: true });
      expect(result.body.partial_reason).toMatch(/./);
    }
    expect(await storedRows(user.id)).toBe(29);
  });
});
