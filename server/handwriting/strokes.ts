// What a finger writes on the kiosk pad, made into what Zinnia was trained on: the character moved and
// scaled into a fixed box (residents write small, large or off-centre), each stroke resampled at an even
// spacing (a touch screen reports points unevenly and with jitter), so the model sees the shape only.
export type Point = readonly [number, number];
export type Stroke = readonly Point[];

/** Zinnia's box; the character fills BOX - 2·MARGIN on its longer side. */
export const BOX = 300;
const MARGIN = 20;
/** Distance between resampled points, in box units. */
const STEP = 10;

/** Move and scale all strokes together (aspect ratio kept) into the box. */
export function normalizeStrokes(strokes: readonly Stroke[]): Point[][] {
  const pts = strokes.flat();
  if (!pts.length) return [];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const w = Math.max(...xs) - minX;
  const h = Math.max(...ys) - minY;
  const side = Math.max(w, h);
  // One dot or one straight line: no scaling along a side that has no length.
  const scale = side > 0 ? (BOX - 2 * MARGIN) / side : 1;
  const offX = (BOX - w * scale) / 2;
  const offY = (BOX - h * scale) / 2;
  return strokes.map((s) => s.map(([x, y]) => [offX + (x - minX) * scale, offY + (y - minY) * scale] as const));
}

/** Points every `step` along the stroke, first and last kept. */
export function resampleStroke(stroke: Stroke, step = STEP): Point[] {
  if (stroke.length < 2) return stroke.map((p) => [p[0], p[1]] as const);
  const out: Point[] = [[stroke[0]![0], stroke[0]![1]]];
  let carry = 0; // distance walked since the last emitted point
  for (let i = 1; i < stroke.length; i++) {
    let [x0, y0] = stroke[i - 1]!;
    const [x1, y1] = stroke[i]!;
    let seg = Math.hypot(x1 - x0, y1 - y0);
    while (carry + seg >= step) {
      const t = (step - carry) / seg;
      x0 += (x1 - x0) * t;
      y0 += (y1 - y0) * t;
      out.push([x0, y0]);
      seg = Math.hypot(x1 - x0, y1 - y0);
      carry = 0;
    }
    carry += seg;
  }
  const last = stroke[stroke.length - 1]!;
  const end = out[out.length - 1]!;
  if (Math.hypot(last[0] - end[0], last[1] - end[1]) > step / 3) out.push([last[0], last[1]]);
  else out[out.length - 1] = [last[0], last[1]];
  return out;
}

/** A [1 2 1]/4 moving average (ends kept): takes out the finger's jitter, which Zinnia reads as corners. */
export function smoothStroke(stroke: Stroke): Point[] {
  if (stroke.length < 3) return stroke.map((p) => [p[0], p[1]] as const);
  return stroke.map((p, i) => {
    if (i === 0 || i === stroke.length - 1) return [p[0], p[1]] as const;
    const a = stroke[i - 1]!;
    const b = stroke[i + 1]!;
    return [(a[0] + 2 * p[0] + b[0]) / 4, (a[1] + 2 * p[1] + b[1]) / 4] as const;
  });
}

/** Normalise, resample, smooth three times: the strokes handed to Zinnia (integer points in a BOX × BOX box). */
export function prepareStrokes(strokes: readonly Stroke[]): Point[][] {
  return normalizeStrokes(strokes).map((s) =>
    smoothStroke(smoothStroke(smoothStroke(resampleStroke(s)))).map(
      ([x, y]) => [Math.round(x), Math.round(y)] as const,
    ),
  );
}
