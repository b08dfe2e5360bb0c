// The `escpos` package ships no types. Only the parts of its Printer this project uses are declared.
declare module 'escpos' {
  /** Where Printer.flush() hands its bytes. */
  export interface EscposAdapter {
    write(data: Buffer, callback?: (err?: Error | null) => void): void;
    open?(callback?: (err?: Error | null) => void): void;
    close?(callback?: (err?: Error | null) => void): void;
  }
  export class Printer {
    constructor(adapter: EscposAdapter, options?: { encoding?: string });
    hardware(hw: 'init' | 'select' | 'reset'): this;
    align(align: 'lt' | 'ct' | 'rt'): this;
    text(content: string, encoding?: string): this;
    pureText(content: string, encoding?: string): this;
    print(content: string | Buffer): this;
    feed(n?: number): this;
    lineSpace(n?: number | null): this;
    cut(part?: boolean, feed?: number): this;
    flush(callback?: (err?: Error | null) => void): this;
  }
  const escpos: { Printer: typeof Printer };
  export default escpos;
}
