import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export type ChartData = uPlot.AlignedData;

interface ChartProps {
  /** Names the figure for tests and screen readers (data-chart). */
  name: string;
  title: string;
  /** uPlot options without size: the chart follows its container's width. */
  options: Omit<uPlot.Options, "width" | "height">;
  data: ChartData;
  height?: number;
  /** Number of data points drawn, exposed as data-points so a reader (or test) can check what is on the canvas. */
  points: number;
  /** The same values as a table, the accessible (and testable) form of the picture. */
  table: ComponentChildren;
  onPick?: (index: number) => void;
}

/**
 * One uPlot canvas sized to its container. uPlot draws on canvas and sets sizes through element.style (CSSOM), which
 * the page's CSP (style-src 'self') allows; its stylesheet is bundled.
 */
export function Chart({ name, title, options, data, height = 260, points, table, onPick }: ChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const width = () => Math.max(280, el.clientWidth);
    const opts: uPlot.Options = {
      ...options,
      width: width(),
      height,
      hooks: {
        ...options.hooks,
        ready: [
          ...(options.hooks?.ready ?? []),
          (u) => {
            u.over.addEventListener("click", () => {
              const i = u.cursor.idx;
              if (i !== null && i !== undefined) pick.current?.(i);
            });
          },
        ],
      },
    };
    const chart = new uPlot(opts, data, el);
    const observer = new ResizeObserver(() => chart.setSize({ width: width(), height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [options, data, height]);

  return (
    <figure class="chart" data-chart={name} data-points={points}>
      <figcaption>{title}</figcaption>
      <div ref={holder} class="chart-canvas" />
      <details class="chart-table">
        <summary>Data table</summary>
        {table}
      </details>
    </figure>
  );
}

/** Fills the time spans (x start/end, seconds) behind the series, e.g. detected HIIT intervals. */
export function shadeSpans(spans: readonly { from: number; to: number }[], fill: string): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.fillStyle = fill;
        for (const s of spans) {
          const x0 = u.valToPos(s.from, "x", true);
          const x1 = u.valToPos(s.to, "x", true);
          ctx.fillRect(x0, bbox.top, Math.max(1, x1 - x0), bbox.height);
        }
        ctx.restore();
      },
    },
  };
}

/**
 * The charts' x values are UTC wall times (a calendar day at UTC midnight, an instant at its local wall time in the
 * person's zone): shown as they are, whatever the browser's zone. Shifting by the browser's offset is what
 * uPlot.tzDate does for UTC, without an Intl round trip per tick.
 */
export const utcDate = (ts: number) => {
  const d = new Date(ts * 1000);
  return new Date(d.getTime() + d.getTimezoneOffset() * 60_000);
};

export const bars = uPlot.paths.bars?.({ size: [0.7, 40], align: 0 });
