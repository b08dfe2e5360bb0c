// The server's log lines. Under systemd stdout goes to the journal, which stamps the time itself: each
// event is one line with a syslog priority prefix (`<6>` info, `<4>` warning, `<3>` error, sd-daemon(3)),
// so `journalctl -u service-hall-kiosk -p warning` shows only what needs a person. In a terminal each line
// carries its ISO time instead. A line never spans lines (a message with a newline would look like two
// events). Personal data never reaches here: callers log masked forms only (server/contract/privacy.ts).
// One logger object with its levels, made once by the composition root (server/main.ts) and passed down;
// calling it directly is info.
export type Level = 'debug' | 'info' | 'warning' | 'error';

const PRIORITY: Record<Level, number> = { debug: 7, info: 6, warning: 4, error: 3 };

export interface Logger {
  (line: string): void;
  debug(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

/** A Logger over a plain line function (tests, tools): every level goes to it; debug is dropped. */
export function toLogger(line: (text: string) => void): Logger {
  if (isLogger(line)) return line;
  const log = ((text: string) => line(text)) as Logger;
  log.debug = () => undefined;
  log.info = log;
  log.warn = log;
  log.error = log;
  return log;
}

function isLogger(f: (text: string) => void): f is Logger {
  return typeof (f as Partial<Logger>).warn === 'function' && typeof (f as Partial<Logger>).debug === 'function';
}

/** The terminal and the journal; debug lines only with `debug` (KIOSK_DEBUG=1). */
export function createLogger(opts: { journal: boolean; debug?: boolean; write?: (text: string) => void }): Logger {
  const write = opts.write ?? ((text: string) => process.stdout.write(text));
  const emit = (level: Level, line: string) => {
    const one = line.replace(/\s*[\r\n]+\s*/g, ' ⏎ ');
    if (opts.journal) write(`<${PRIORITY[level]}>${one}\n`);
    else
      write(
        `[${new Date().toISOString()}] ${level === 'info' ? '' : level === 'debug' ? '调试：' : level === 'warning' ? '警告：' : '错误：'}${one}\n`,
      );
  };
  const log = ((line: string) => emit('info', line)) as Logger;
  log.debug = (line) => {
    if (opts.debug) emit('debug', line);
  };
  log.info = (line) => emit('info', line);
  log.warn = (line) => emit('warning', line);
  log.error = (line) => emit('error', line);
  return log;
}
