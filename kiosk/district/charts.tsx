// Two small SVG charts for the district page (no chart library): horizontal bars (one per hall) and hourly
// columns. Numbers are printed on the bars, so the chart reads without hovering.

export function Bars(props: {
  rows: { label: string; value: number; tone?: 'ok' | 'warn' | 'bad' }[];
  unit?: string;
  label: string;
  testId?: string;
}) {
  const rows = props.rows;
  if (!rows.length) return <p class="empty">暂无数据</p>;
  const W = 640;
  const rowH = 26;
  const left = 170;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const H = rows.length * rowH + 8;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.label} data-testid={props.testId}>
      {rows.map((r, i) => {
        const w = ((W - left - 60) * r.value) / max;
        const y = 4 + i * rowH;
        return (
          <g key={r.label}>
            <text x={left - 8} y={y + 17} text-anchor="end" class="bar-label">
              {r.label}
            </text>
            <rect x={left} y={y + 4} width={Math.max(w, 1)} height={rowH - 8} class={`bar ${r.tone ?? 'ok'}`} rx="3" />
            <text x={left + w + 6} y={y + 17} class="bar-value">
              {r.value}
              {props.unit ?? ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function HourColumns(props: { rows: { hour: number; tickets: number }[] }) {
  if (!props.rows.length) return <p class="empty">今天还没有取号</p>;
  const W = 640;
  const H = 200;
  const m = { l: 30, b: 24, t: 16 };
  // Office hours, widened to any hour that had tickets (a duty service at night, a hall in another zone).
  const first = Math.min(7, ...props.rows.map((r) => r.hour));
  const last = Math.max(18, ...props.rows.map((r) => r.hour));
  const hours = Array.from({ length: last - first + 1 }, (_, i) => i + first);
  const byHour = new Map(props.rows.map((r) => [r.hour, r.tickets]));
  const max = Math.max(1, ...props.rows.map((r) => r.tickets));
  const slot = (W - m.l) / hours.length;
  const ih = H - m.b - m.t;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="今日各时段取号量">
      {hours.map((h, i) => {
        const v = byHour.get(h) ?? 0;
        const bh = (ih * v) / max;
        const x = m.l + i * slot + slot * 0.15;
        return (
          <g key={h}>
            <rect x={x} y={m.t + ih - bh} width={slot * 0.7} height={bh} class="bar ok" />
            {v > 0 && (
              <text x={x + slot * 0.35} y={m.t + ih - bh - 3} text-anchor="middle" class="bar-value">
                {v}
              </text>
            )}
            <text x={x + slot * 0.35} y={H - 6} text-anchor="middle" class="bar-label">
              {h}时
            </text>
          </g>
        );
      })}
    </svg>
  );
}
