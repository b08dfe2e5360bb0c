// Small SVG charts for the dashboard (no chart library): columns with a line, horizontal bars, a donut.
// Each chart scales to its container's width through the viewBox and carries its numbers as text, so it
// reads without hovering.

/**
 * An axis maximum split into four ticks of a "nice" step (1, 2 or 5 × 10ⁿ, at least `minStep`), so the
 * ticks are round numbers: 3 → 0 1 2 3 4; 150 → 0 50 100 150 200.
 */
export function niceMax(value: number, minStep = 1): number {
  const raw = Math.max(value / 4, minStep);
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of [1, 2, 5, 10]) if (step * power >= raw) return step * power * 4;
  return 40 * power;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Columns (tickets issued per hour) with a line over them (mean wait in minutes), two y axes. */
export function HourChart(props: { rows: { hour: number; issued: number; waitMean: number | null }[] }) {
  const rows = props.rows;
  if (!rows.length) return <p class="empty">本期没有取号记录</p>;
  const W = 720;
  const H = 270;
  const m = { l: 44, r: 48, t: 16, b: 46 };
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const maxIssued = niceMax(Math.max(...rows.map((r) => r.issued)));
  const maxWait = niceMax(Math.max(0, ...rows.map((r) => r.waitMean ?? 0)));
  const slot = iw / rows.length;
  const x = (i: number) => m.l + i * slot + slot / 2;
  const barW = Math.min(slot * 0.7, 48);
  const yL = (v: number) => m.t + ih - (v / maxIssued) * ih;
  const yR = (v: number) => m.t + ih - (v / maxWait) * ih;
  const peak = Math.max(...rows.map((r) => r.issued));
  const line = rows
    .map((r, i) => (r.waitMean === null ? null : `${x(i)},${yR(r.waitMean)}`))
    .filter(Boolean)
    .join(' ');
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="各时段取号量与平均等候时间"
      data-testid="chart-hours"
    >
      {[0, 0.25, 0.5, 0.75, 1].map((f) => (
        <g key={f}>
          <line x1={m.l} x2={W - m.r} y1={m.t + ih * (1 - f)} y2={m.t + ih * (1 - f)} class="grid" />
          <text x={m.l - 6} y={m.t + ih * (1 - f) + 4} class="axis" text-anchor="end">
            {fmt(maxIssued * f)}
          </text>
          <text x={W - m.r + 6} y={m.t + ih * (1 - f) + 4} class="axis wait">
            {fmt(maxWait * f)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => (
        <g key={r.hour}>
          <rect
            x={x(i) - barW / 2}
            y={yL(r.issued)}
            width={barW}
            height={m.t + ih - yL(r.issued)}
            class={r.issued === peak && peak > 0 ? 'bar peak' : 'bar'}
            rx="3"
          >
            <title>{`${r.hour}时：取号 ${r.issued}，平均等候 ${r.waitMean === null ? '—' : fmt(r.waitMean) + ' 分钟'}`}</title>
          </rect>
          {r.issued > 0 && (
            <text x={x(i)} y={yL(r.issued) - 4} class="value" text-anchor="middle">
              {r.issued}
            </text>
          )}
          <text x={x(i)} y={H - m.b + 16} class="axis" text-anchor="middle">{`${r.hour}时`}</text>
        </g>
      ))}
      {line && <polyline points={line} class="wait-line" />}
      {rows.map((r, i) =>
        r.waitMean === null ? null : <circle key={`d${r.hour}`} cx={x(i)} cy={yR(r.waitMean)} r="4" class="wait-dot" />,
      )}
      <text x={m.l} y={H - 4} class="legend">
        ■ 取号数（人）
      </text>
      <text x={W - m.r} y={H - 4} class="legend wait" text-anchor="end">
        ● 平均等候（分钟）
      </text>
    </svg>
  );
}

/** Horizontal bars: per category, tickets issued and served side by side. */
export function LoadChart(props: { rows: { label: string; issued: number; served: number }[] }) {
  const rows = props.rows;
  if (!rows.length) return <p class="empty">本期没有业务量</p>;
  const W = 380;
  const row = 40;
  const m = { l: 124, r: 36, t: 8, b: 28 };
  const H = m.t + rows.length * row + m.b;
  const max = niceMax(Math.max(...rows.flatMap((r) => [r.issued, r.served])));
  const w = (v: number) => (v / max) * (W - m.l - m.r);
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label="各业务类别取号与办结量"
      data-testid="chart-load"
    >
      {rows.map((r, i) => {
        const y = m.t + i * row;
        return (
          <g key={r.label}>
            <text x={m.l - 8} y={y + 20} class="label" text-anchor="end">
              {r.label.length > 8 ? r.label.slice(0, 8) + '…' : r.label}
            </text>
            <rect x={m.l} y={y + 4} width={w(r.issued)} height={14} class="bar" rx="3" />
            <text x={m.l + w(r.issued) + 4} y={y + 16} class="value">
              {r.issued}
            </text>
            <rect x={m.l} y={y + 20} width={w(r.served)} height={14} class="bar served" rx="3" />
            <text x={m.l + w(r.served) + 4} y={y + 32} class="value">
              {r.served}
            </text>
          </g>
        );
      })}
      <text x={m.l} y={H - 6} class="legend">
        ■ 取号
      </text>
      <text x={m.l + 60} y={H - 6} class="legend served">
        ■ 办结
      </text>
    </svg>
  );
}

export interface DonutSlice {
  label: string;
  value: number;
  cls: string;
}

/** A donut of the rating values, the satisfaction rate in the middle. */
export function RatingDonut(props: { slices: DonutSlice[]; centre: string; caption: string }) {
  const total = props.slices.reduce((s, x) => s + x.value, 0);
  const R = 70;
  const r = 44;
  const c = 90;
  let angle = -Math.PI / 2;
  const arcs = props.slices
    .filter((s) => s.value > 0)
    .map((s) => {
      const sweep = (s.value / total) * Math.PI * 2;
      const a0 = angle;
      const a1 = (angle += sweep);
      // A full circle cannot be one arc: draw it as two halves.
      const large = sweep > Math.PI ? 1 : 0;
      const p = (a: number, rad: number) => `${c + rad * Math.cos(a)},${c + rad * Math.sin(a)}`;
      const d =
        sweep >= Math.PI * 2 - 1e-9
          ? `M${p(0, R)} A${R},${R} 0 1 1 ${p(Math.PI, R)} A${R},${R} 0 1 1 ${p(0, R)} M${p(0, r)} A${r},${r} 0 1 0 ${p(Math.PI, r)} A${r},${r} 0 1 0 ${p(0, r)} Z`
          : `M${p(a0, R)} A${R},${R} 0 ${large} 1 ${p(a1, R)} L${p(a1, r)} A${r},${r} 0 ${large} 0 ${p(a0, r)} Z`;
      return (
        <path key={s.label} d={d} class={`slice ${s.cls}`} fill-rule="evenodd">
          <title>{`${s.label}：${s.value}`}</title>
        </path>
      );
    });
  return (
    <div class="donut" data-testid="chart-ratings">
      <svg viewBox="0 0 180 180" role="img" aria-label="好差评分布">
        {total === 0 ? (
          <circle cx={c} cy={c} r={(R + r) / 2} class="slice none" stroke-width={R - r} fill="none" />
        ) : (
          arcs
        )}
        <text x={c} y={c + 2} class="donut-centre" text-anchor="middle">
          {props.centre}
        </text>
        <text x={c} y={c + 22} class="donut-caption" text-anchor="middle">
          {props.caption}
        </text>
      </svg>
      <ul class="donut-legend">
        {props.slices.map((s) => (
          <li key={s.label}>
            <span class={`swatch ${s.cls}`} />
            {s.label}
            <b>{s.value}</b>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Columns over the periods of the range (served per day/week/month/quarter). */
export function TrendChart(props: { rows: { label: string; value: number }[]; unit: string }) {
  const rows = props.rows;
  if (!rows.length) return null;
  const W = 720;
  const H = 200;
  const m = { l: 40, r: 12, t: 16, b: 40 };
  const ih = H - m.t - m.b;
  const max = niceMax(Math.max(...rows.map((r) => r.value)));
  const slot = (W - m.l - m.r) / rows.length;
  // Label every n-th column so 31 days do not overlap.
  const every = Math.max(1, Math.ceil(rows.length / 12));
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="办结量趋势" data-testid="chart-trend">
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={m.l} x2={W - m.r} y1={m.t + ih * (1 - f)} y2={m.t + ih * (1 - f)} class="grid" />
          <text x={m.l - 6} y={m.t + ih * (1 - f) + 4} class="axis" text-anchor="end">
            {fmt(max * f)}
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        const h = (r.value / max) * ih;
        const x = m.l + i * slot;
        return (
          <g key={r.label}>
            <rect
              x={x + slot / 2 - Math.min(slot * 0.35, 24)}
              y={m.t + ih - h}
              width={Math.min(slot * 0.7, 48)}
              height={h}
              class="bar served"
              rx="2"
            >
              <title>{`${r.label}：${r.value} ${props.unit}`}</title>
            </rect>
            {i % every === 0 && (
              <text x={x + slot / 2} y={H - m.b + 16} class="axis" text-anchor="middle">
                {r.label}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
