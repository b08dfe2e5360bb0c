// The render model drawn as SVG, one SVG unit per printer dot, and as PNG through resvg with the Noto CJK
// font. "Noto Sans Mono CJK SC" draws Latin in exactly half an em, so 24-dot text gives the printer's
// 12-dot half-width and 24-dot full-width cells; each glyph still gets its own x so nothing drifts.
// receiptSvg() keeps the text as <text> (readable, needs the font where it is viewed); the raster path
// turns each distinct glyph into an outline once and places copies of it, because resvg lays out a
// glyph of the 20 MB CJK collection in several milliseconds and a notice slip has a thousand of them.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { renderModel, type RenderItem, type RenderModel, type RenderOptions } from './render-model.ts';
import { CELL_HEIGHT } from './commands.ts';

// resvg is a native module of several MB: loaded on the first PNG only. The server draws SVG; PNGs are for
// tests and the tools that look at printed paper.
const requireHere = createRequire(import.meta.url);
let resvg: typeof import('@resvg/resvg-js') | null = null;
const newResvg = (...args: ConstructorParameters<typeof import('@resvg/resvg-js').Resvg>) => {
  resvg ??= requireHere('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  return new resvg.Resvg(...args);
};

export const CJK_FONT_FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
];
const FONT_FAMILY = 'Noto Sans Mono CJK SC';
// Noto CJK: ascent 0.88 em; with a 24-dot em the baseline sits 21 dots below the top of the cell.
const BASELINE = 21;

export function receiptSvg(model: RenderModel): string {
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${model.width}" height="${model.height}" viewBox="0 0 ${model.width} ${model.height}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
  ];
  for (const item of model.items) parts.push(drawItem(item, model.width));
  parts.push('</svg>');
  return parts.join('\n');
}

function drawItem(item: RenderItem, width: number): string {
  switch (item.kind) {
    case 'text': {
      const shown = item.glyphs.filter((g) => g.ch.trim() !== '');
      if (shown.length === 0) return '';
      const xs = shown.map((g) => g.dx / item.scaleX).join(' ');
      const text = shown.map((g) => escapeXml(g.ch)).join('');
      const weight = item.bold ? ' font-weight="bold"' : '';
      let out = `<text transform="translate(${item.x} ${item.y + BASELINE * item.scaleY}) scale(${item.scaleX} ${item.scaleY})" font-family="${FONT_FAMILY}" font-size="${CELL_HEIGHT}"${weight} fill="#000" x="${xs}" y="0">${text}</text>`;
      if (item.underline) {
        const w = item.glyphs.reduce((n, g) => n + g.width, 0);
        out += `<rect x="${item.x}" y="${item.y + item.height - 2}" width="${w}" height="2" fill="#000"/>`;
      }
      return out;
    }
    case 'qr': {
      // Horizontal runs of dark modules as one path.
      const m = item.moduleSize;
      let d = '';
      for (let r = 0; r < item.modules; r++) {
        let c = 0;
        while (c < item.modules) {
          if (!item.dark[r * item.modules + c]) {
            c++;
            continue;
          }
          const start = c;
          while (c < item.modules && item.dark[r * item.modules + c]) c++;
          d += `M${item.x + start * m} ${item.y + r * m}h${(c - start) * m}v${m}h${-(c - start) * m}z`;
        }
      }
      return `<path d="${d}" fill="#000" shape-rendering="crispEdges"/>`;
    }
    case 'cut':
      // Full cut: dashes across; partial cut: the middle stays joined, as the blade leaves it.
      return item.partial
        ? `<path d="M0 ${item.y}H${width / 2 - 16}M${width / 2 + 16} ${item.y}H${width}" stroke="#000" stroke-width="2" stroke-dasharray="10 6"/>`
        : `<line x1="0" y1="${item.y}" x2="${width}" y2="${item.y}" stroke="#000" stroke-width="2" stroke-dasharray="10 6"/>`;
  }
}

function escapeXml(s: string): string {
  return s
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

const glyphCache = new Map<string, Map<string, string>>();

/** SVG path markup of each glyph (bold or not) drawn at (0, 0) with its baseline at BASELINE. */
function glyphOutlines(keys: string[], fontFiles: string[]): Map<string, string> {
  const cacheKey = fontFiles.join('|');
  let cache = glyphCache.get(cacheKey);
  if (!cache) glyphCache.set(cacheKey, (cache = new Map()));
  const missing = [...new Set(keys)].filter((k) => !cache!.has(k));
  if (missing.length) {
    const texts = missing.map(
      (k, i) =>
        `<text id="g${i}" font-family="${FONT_FAMILY}" font-size="${CELL_HEIGHT}"${k[0] === 'b' ? ' font-weight="bold"' : ''} x="0" y="${BASELINE}">${escapeXml(k.slice(1))}</text>`,
    );
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48">${texts.join('')}</svg>`;
    const flat = newResvg(svg, {
      font: { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    }).toString();
    const found = new Map<string, string>();
    for (const m of flat.matchAll(/<g id="g(\d+)"[^>]*>([\s\S]*?)<\/g>/g)) found.set(m[1]!, m[2]!.trim());
    missing.forEach((k, i) => cache!.set(k, found.get(String(i)) ?? ''));
  }
  return cache;
}

/** The model as SVG with every glyph as an outline (no fonts needed to draw it). */
export function receiptOutlineSvg(model: RenderModel, fontFiles: string[] = CJK_FONT_FILES): string {
  const texts = model.items.filter((i): i is Extract<RenderItem, { kind: 'text' }> => i.kind === 'text');
  const keyOf = (bold: boolean, ch: string): string => (bold ? 'b' : 'r') + ch;
  const keys = texts.flatMap((t) => t.glyphs.filter((g) => g.ch.trim() !== '').map((g) => keyOf(t.bold, g.ch)));
  const outlines = glyphOutlines(keys, fontFiles);
  const ids = new Map<string, string>();
  const defs: string[] = [];
  for (const k of new Set(keys)) {
    const id = `c${ids.size}`;
    ids.set(k, id);
    defs.push(`<g id="${id}">${outlines.get(k) ?? ''}</g>`);
  }
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${model.width}" height="${model.height}" viewBox="0 0 ${model.width} ${model.height}">`,
    `<defs>${defs.join('')}</defs>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
  ];
  for (const item of model.items) {
    if (item.kind !== 'text') {
      parts.push(drawItem(item, model.width));
      continue;
    }
    for (const g of item.glyphs) {
      if (g.ch.trim() === '') continue;
      const x = item.x + g.dx;
      parts.push(
        `<use xlink:href="#${ids.get(keyOf(item.bold, g.ch))}" transform="translate(${x} ${item.y}) scale(${item.scaleX} ${item.scaleY})"/>`,
      );
    }
    if (item.underline) {
      const w = item.glyphs.reduce((n, g) => n + g.width, 0);
      parts.push(`<rect x="${item.x}" y="${item.y + item.height - 2}" width="${w}" height="2" fill="#000"/>`);
    }
  }
  parts.push('</svg>');
  return parts.join('\n');
}

export interface ReceiptRaster {
  png: Buffer;
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Buffer;
}

/** The model rasterised, exactly model.width dots wide. Needs the Debian package fonts-noto-cjk. */
export function receiptRaster(model: RenderModel, fontFiles: string[] = CJK_FONT_FILES): ReceiptRaster {
  const present = fontFiles.filter((f) => existsSync(f));
  if (present.length === 0) throw new Error(`找不到中文字体文件（${fontFiles.join('、')}），请安装 fonts-noto-cjk`);
  const renderer = newResvg(receiptOutlineSvg(model, present), {
    fitTo: { mode: 'original' },
    background: '#fff',
    font: { loadSystemFonts: false },
  });
  const image = renderer.render();
  return { png: image.asPng(), width: image.width, height: image.height, pixels: Buffer.from(image.pixels) };
}

/** PNG of the model, exactly model.width dots wide. */
export function receiptPng(model: RenderModel, fontFiles?: string[]): Buffer {
  return receiptRaster(model, fontFiles).png;
}

/** ESC/POS bytes straight to SVG. */
export function renderReceiptSvg(bytes: Uint8Array, options: RenderOptions): string {
  return receiptSvg(renderModel(bytes, options));
}

/** ESC/POS bytes straight to PNG. */
export function renderReceiptPng(bytes: Uint8Array, options: RenderOptions, fontFiles?: string[]): Buffer {
  return receiptPng(renderModel(bytes, options), fontFiles);
}
