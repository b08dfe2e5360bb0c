// 手写输入: a writing pad for residents who cannot use pinyin. Each finished stroke sends the strokes so
// far to the server (Zinnia); the candidates appear below and a tap appends one to the search query
// and clears the pad for the next character. The pad is only shown where the server has the model.
import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../lib/api.ts';
import { useKiosk } from './kiosk-context.ts';

type Stroke = [number, number][];

/** Limits the server also enforces (server/handwriting/recognizer.ts): a child scribbling cannot overflow them. */
const MAX_STROKES = 40;
const MAX_POINTS_PER_STROKE = 400;

export function HandwritingPad({ onPick }: { onPick(ch: string): void }) {
  const { t } = useKiosk();
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Stroke[]>([]);
  const drawing = useRef<Stroke | null>(null);
  const asked = useRef(0);
  const [candidates, setCandidates] = useState<string[]>([]);
  const [failed, setFailed] = useState(false);
  const [count, setCount] = useState(0);

  const redraw = () => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    g.clearRect(0, 0, c.width, c.height);
    // A 田字格 guide, as residents learnt to write.
    g.strokeStyle = '#c9ced6';
    g.lineWidth = 2;
    g.setLineDash([12, 10]);
    g.beginPath();
    g.moveTo(c.width / 2, 0);
    g.lineTo(c.width / 2, c.height);
    g.moveTo(0, c.height / 2);
    g.lineTo(c.width, c.height / 2);
    g.stroke();
    g.setLineDash([]);
    g.strokeStyle = '#000';
    g.lineWidth = Math.max(8, c.width / 40);
    g.lineCap = 'round';
    g.lineJoin = 'round';
    for (const s of [...strokes.current, ...(drawing.current ? [drawing.current] : [])]) {
      g.beginPath();
      s.forEach(([x, y], i) => (i ? g.lineTo(x, y) : g.moveTo(x, y)));
      if (s.length === 1) g.lineTo(s[0]![0] + 0.5, s[0]![1]);
      g.stroke();
    }
  };

  // The canvas is drawn in its own pixels, one per CSS pixel of its content box (inside the border), and
  // follows that box whenever the layout changes it (rotation, 长辈模式, a late style sheet, a banner): a
  // backing store of another shape than the box would squash the strokes, and the recognizer keeps the
  // aspect ratio of what it gets, so a squashed character is read as another one.
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const fit = () => {
      const w = Math.max(1, Math.round(c.clientWidth));
      const h = Math.max(1, Math.round(c.clientHeight));
      if (w === c.width && h === c.height) return;
      const sx = w / c.width;
      const sy = h / c.height;
      const scale = (s: Stroke): Stroke => s.map(([x, y]) => [Math.round(x * sx), Math.round(y * sy)]);
      strokes.current = strokes.current.map(scale);
      if (drawing.current) drawing.current = scale(drawing.current);
      c.width = w;
      c.height = h;
      redraw();
    };
    fit();
    redraw();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(fit) : null;
    observer?.observe(c);
    return () => observer?.disconnect();
  }, []);

  const recognise = () => {
    const c = canvas.current;
    if (!c || strokes.current.length === 0) {
      setCandidates([]);
      return;
    }
    const mine = ++asked.current;
    call('POST /api/handwriting', { body: { width: c.width, height: c.height, strokes: strokes.current } })
      .then((r) => {
        if (mine !== asked.current) return;
        setCandidates(r.candidates);
        setFailed(r.candidates.length === 0);
      })
      .catch(() => mine === asked.current && setFailed(true));
  };

  const at = (e: PointerEvent): [number, number] => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    const w = c.clientWidth || r.width;
    const h = c.clientHeight || r.height;
    return [
      Math.round(((e.clientX - r.left - c.clientLeft) * c.width) / w),
      Math.round(((e.clientY - r.top - c.clientTop) * c.height) / h),
    ];
  };

  const down = (e: PointerEvent) => {
    if (strokes.current.length >= MAX_STROKES) return;
    canvas.current?.setPointerCapture(e.pointerId);
    drawing.current = [at(e)];
    redraw();
  };
  const move = (e: PointerEvent) => {
    const s = drawing.current;
    if (!s || s.length >= MAX_POINTS_PER_STROKE) return;
    const p = at(e);
    const last = s[s.length - 1]!;
    if (Math.abs(p[0] - last[0]) + Math.abs(p[1] - last[1]) < 3) return;
    s.push(p);
    redraw();
  };
  const up = () => {
    if (!drawing.current) return;
    strokes.current.push(drawing.current);
    drawing.current = null;
    setCount(strokes.current.length);
    redraw();
    recognise();
  };

  const clear = () => {
    strokes.current = [];
    drawing.current = null;
    asked.current++;
    setCandidates([]);
    setFailed(false);
    setCount(0);
    redraw();
  };
  const undo = () => {
    strokes.current.pop();
    setCount(strokes.current.length);
    setFailed(false);
    redraw();
    recognise();
  };

  return (
    <div class="handwriting" data-testid="handwriting">
      <p class="hint hw-hint">{t('hw.hint')}</p>
      <canvas
        ref={canvas}
        class="hw-canvas"
        data-testid="hw-canvas"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      />
      <div class="hw-candidates" role="group" aria-label={t('hw.candidates')}>
        {candidates.map((ch) => (
          <button
            key={ch}
            class="key hw-candidate"
            data-candidate={ch}
            onClick={() => {
              onPick(ch);
              clear();
            }}
          >
            {ch}
          </button>
        ))}
        {failed && <span class="hint">{t('hw.failed')}</span>}
      </div>
      <div class="hw-actions">
        <button class="key key-wide" data-key="undo-stroke" disabled={count === 0} onClick={undo}>
          {t('hw.undo')}
        </button>
        <button class="key key-wide" data-key="rewrite" disabled={count === 0} onClick={clear}>
          {t('hw.rewrite')}
        </button>
      </div>
    </div>
  );
}
