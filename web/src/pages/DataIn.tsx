import { useEffect, useRef, useState } from "preact/hooks";
import type { Profile } from "../App";
import { api, type Schemas, unwrap, uploadExport } from "../api/client";
import { Busy, ErrorNote } from "../components/Status";
import { formatDateTime, formatNumber } from "../lib/format";
import { useAction } from "../lib/use-action";
import { useLoad } from "../lib/use-load";
import { DayStatusForm, MealForm, WeighInForm } from "./forms";

const IMPORT_POLL_MS = 500;

type Stage =
  | { kind: "idle" }
  | { kind: "uploading"; name: string; loaded: number; total: number }
  | { kind: "importing"; item: Schemas["Import"] }
  | { kind: "done"; item: Schemas["Import"] }
  | { kind: "error"; message: string };

export function DataIn({ profile }: { profile: Profile }) {
  const history = useLoad(() => unwrap(api.GET("/v1/imports", { params: { query: { limit: 20 } } })), []);
  return (
    <section aria-labelledby="data-title">
      <h1 id="data-title">Data in</h1>
      <Upload onFinished={history.reload} />
      <ImportHistory imports={history.data?.imports ?? []} error={history.error} zone={profile.zone} />
      <div class="forms-row">
        <MealForm profile={profile} onSaved={() => undefined} />
        <WeighInForm profile={profile} onSaved={() => undefined} />
        <DayStatusForm zone={profile.zone} onSaved={() => undefined} />
      </div>
      <SourcePriority />
    </section>
  );
}

function Upload({ onFinished }: { onFinished: () => void }) {
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const polling = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(polling.current), []);

  const follow = (id: string) => {
    const tick = async () => {
      try {
        const item = await unwrap(api.GET("/v1/imports/{id}", { params: { path: { id } } }));
        if (item.status === "completed" || item.status === "failed") {
          setStage({ kind: "done", item });
          onFinished();
        } else {
          setStage({ kind: "importing", item });
          polling.current = window.setTimeout(tick, IMPORT_POLL_MS);
        }
      } catch (err) {
        setStage({ kind: "error", message: (err as Error).message });
      }
    };
    void tick();
  };

  const start = async (file: File | undefined) => {
    if (!file) return;
    window.clearTimeout(polling.current);
    setStage({ kind: "uploading", name: file.name, loaded: 0, total: file.size });
    try {
      const item = await uploadExport(file, (p) => setStage({ kind: "uploading", name: file.name, loaded: p.loaded, total: p.total }));
      setStage({ kind: "importing", item });
      follow(item.id);
    } catch (err) {
      setStage({ kind: "error", message: (err as Error).message });
    }
  };

  return (
    <section class="panel" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload an export</h2>
      <label
        class={`dropzone${over ? " over" : ""}`}
        for="upload-file"
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void start(e.dataTransfer?.files[0]);
        }}
      >
        <span>Drop an export here, or choose a file</span>
        <span class="muted">
          Apple Health (zip or xml), Garmin/Wahoo FIT, TCX, GPX, Fitbit, Google Fit, Health Auto Export, Cronometer, MyFitnessPal
        </span>
        <input
          id="upload-file"
          ref={input}
          type="file"
          class="file-input"
          onChange={(e) => {
            void start(e.currentTarget.files?.[0]);
            e.currentTarget.value = "";
          }}
        />
      </label>
      <UploadStage stage={stage} />
    </section>
  );
}

function UploadStage({ stage }: { stage: Stage }) {
  switch (stage.kind) {
    case "idle":
      return null;
    case "error":
      return <ErrorNote error={stage.message} />;
    case "uploading":
      return (
        <div class="progress" data-testid="upload-progress">
          <label for="upload-bar">
            Uploading {stage.name}: {formatNumber((100 * stage.loaded) / Math.max(1, stage.total))} %
          </label>
          <progress id="upload-bar" max={stage.total} value={stage.loaded} />
        </div>
      );
    case "importing":
    case "done": {
      const item = stage.item;
      const done = item.status === "completed" || item.status === "failed";
      const pct = done ? 100 : (100 * item.progress.bytes) / Math.max(1, item.bytes);
      return (
        <div class="progress" data-testid="import-progress" data-status={item.status}>
          <label for="import-bar">
            Import of {item.filename ?? "the file"} ({item.format.replaceAll("_", " ")}): {item.status}
            {done ? "" : `, ${formatNumber(pct)} %, ${formatNumber(item.progress.records)} records`}
          </label>
          <progress id="import-bar" max={100} value={pct} />
          {item.status === "completed" && (
            <p class="ok" role="status">
              Imported: <Counts item={item} />
            </p>
          )}
          {item.status === "failed" && (
            <p class="error" role="alert">
              The import failed: {item.error?.message ?? "unknown reason"}
            </p>
          )}
        </div>
      );
    }
  }
}

function Counts({ item }: { item: Schemas["Import"] }) {
  const rows = Object.entries(item.counts);
  if (rows.length === 0) return <span>nothing new</span>;
  return (
    <span>
      {rows
        .map(
          ([type, c]) =>
            `${formatNumber(c.inserted)} ${type.replaceAll("_", " ")}${c.duplicate ? ` (+${formatNumber(c.duplicate)} already there)` : ""}`,
        )
        .join(", ")}
    </span>
  );
}

function ImportHistory({ imports, error, zone }: { imports: Schemas["Import"][]; error: string | null; zone: string }) {
  return (
    <section class="panel" aria-labelledby="history-title">
      <h2 id="history-title">Import history</h2>
      <ErrorNote error={error} />
      {imports.length === 0 ? (
        <p class="muted">No imports yet.</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="import-history">
            <thead>
              <tr>
                <th scope="col">Uploaded</th>
                <th scope="col">File</th>
                <th scope="col">Status</th>
                <th scope="col">Rows</th>
                <th scope="col">Rejected</th>
              </tr>
            </thead>
            <tbody>
              {imports.map((i) => {
                const rejected = Object.values(i.counts).reduce((n, c) => n + c.rejected, 0);
                return (
                  <tr key={i.id} data-status={i.status}>
                    <td>{formatDateTime(i.created_at, zone)}</td>
                    <td>
                      {i.filename ?? "—"} <span class="muted">{i.format.replaceAll("_", " ")}</span>
                    </td>
                    <td>
                      {i.status}
                      {i.partial ? ` (partial: ${i.partial_reason ?? "file ended early"})` : ""}
                      {i.error ? `: ${i.error.message}` : ""}
                    </td>
                    <td>
                      <Counts item={i} />
                    </td>
                    <td>
                      {formatNumber(rejected)}
                      {i.rejected_records.length > 0 && (
                        <details>
                          <summary>why</summary>
                          <ul class="plain">
                            {i.rejected_records.slice(0, 20).map((r) => (
                              <li key={`${r.where}-${r.reason}`}>
                                {r.record_type} at {r.where}: {r.reason}
                              </li>
                            ))}
                          </ul>
                        </details>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SourcePriority() {
  const sources = useLoad(() => unwrap(api.GET("/v1/sources")), []);
  const change = useAction();
  const setPriority = (id: number, value: string) =>
    change.run(async () => {
      await unwrap(api.PATCH("/v1/sources/{id}", { params: { path: { id } }, body: { priority: value === "" ? null : Number(value) } }));
      sources.reload();
    });
  const list = sources.data?.sources ?? [];
  return (
    <section class="panel" aria-labelledby="sources-title">
      <h2 id="sources-title">Source priority</h2>
      <p class="muted">
        When two sources record the same thing at the same time, the one with the lower number wins. Empty uses the default for its kind of device.
      </p>
      <ErrorNote error={change.error ?? sources.error} />
      <Busy when={sources.loading && !sources.data} label="Loading sources…" />
      {list.length === 0 ? (
        <p class="muted">No sources yet: they appear with your first import.</p>
      ) : (
        <ul class="plain sources">
          {list.map((s) => (
            <li key={s.id}>
              <label for={`source-${s.id}`}>
                {s.name}{" "}
                <span class="muted">
                  ({s.device_type}
                  {s.device ? `, ${s.device}` : ""}; now {s.effective_priority})
                </span>
              </label>
              <input
                id={`source-${s.id}`}
                type="number"
                min="-100"
                max="100"
                value={s.priority ?? ""}
                onChange={(e) => void setPriority(s.id, e.currentTarget.value)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
