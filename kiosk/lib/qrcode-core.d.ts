// The encoder inside the `qrcode` package without its canvas/file renderers (about 8 KB gzipped).
declare module 'qrcode/lib/core/qrcode.js' {
  export function create(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): { modules: { size: number; get(row: number, col: number): boolean | number } };
}
