// The server's log lines. Under systemd stdout goes to the journal, which stamps the time itself: each
// event is one line with a syslog priority prefix (`<6>` info, `<4>` warning, `<3>` error, sd-daemon(3)),
// so `journalctl -u service-hall-kiosk -p warning` shows only what needs a person. In a terminal each line
// carries its ISO time instead. A line never spans lines (a message with a newline would look like two
// events). Personal data never reaches here: callers log masked forms only (server/contract/privacy.ts).
export type Level = 'info' | 'warning' | 'error';

const PRIORITY: Record<Level, number> = { info: 6, warning: 4, error: 3 };

export interface Logger {
  (line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export function createLogger(opts: { journal: boolean; write?: (text: string) => void }): Logger {
  const write = opts.write ?? ((text: string) => process.stdout.write(text));
  const emit = (level: Level, line: string) => {
    const one = line.replace(/\s*[\r\n]+\s*/g, ' ⏎ ');
    if (opts.journal) write(`<${PRIORITY[level]}>${one}\n`);
    else write(`[${new Date().toISOString()}] ${level === 'info' ? '' : level === 'warning' ? '警告：' : '错误：'}${one}\n`);
  };
  const log = ((line: string) => emit('info', line)) as Logger;
  log.warn = (line) => emit('warning', line);
  log.error = (line) => emit('error', line);
  return log;
}
