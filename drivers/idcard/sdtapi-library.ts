// A vendor's standard sdtapi library (libsdtapi.so: 精伦, 华视, 神思 and others ship the same C interface)
// loaded through koffi. Only the five calls the kiosk needs are bound; each runs on koffi's worker thread
// (.async) because the vendors' calls block for up to a second while they talk to the reader.
//   int SDT_OpenPort(int iPort);
//   int SDT_ClosePort(int iPort);
//   int SDT_StartFindIDCard(int iPort, unsigned char *pucManaInfo, int iIfOpen);
//   int SDT_SelectIDCard(int iPort, unsigned char *pucManaMsg, int iIfOpen);
//   int SDT_ReadBaseMsg(int iPort, unsigned char *pucCHMsg, unsigned int *puiCHMsgLen,
//                       unsigned char *pucPHMsg, unsigned int *puiPHMsgLen, int iIfOpen);
// The return codes are the SW3 values of the SDT protocol (0x90 success, 0x9F card found, 0x80 no card …)
// plus the library's own port codes below.
import { createRequire } from 'node:module';

/** What the reader driver calls; the koffi binding below, or (in tests of the driver's logic) anything alike. */
export interface SdtApi {
  openPort(port: number): Promise<number>;
  closePort(port: number): Promise<number>;
  startFindIdCard(port: number): Promise<number>;
  selectIdCard(port: number): Promise<number>;
  /** The 256-byte UCS-2 text block (the photo is read into a scratch buffer and dropped). */
  readBaseMsg(port: number): Promise<{ code: number; text: Buffer }>;
  unload(): void;
}

/** Codes the libraries return about the port itself (their manuals: 端口打开失败、接收超时、数据传输错误). */
export const PORT_CODES: Readonly<Record<number, string>> = {
  0x01: '端口打开失败、端口尚未打开或端口号不合法',
  0x02: '接收读卡器数据超时',
  0x03: '数据传输错误',
  0x05: '该端口不可用',
  0x09: '打开文件失败',
};

interface KoffiFn {
  async: (...args: unknown[]) => void;
}
interface KoffiLib {
  func(signature: string): KoffiFn;
  unload(): void;
}

function call(fn: KoffiFn, ...args: unknown[]): Promise<number> {
  return new Promise((resolve, reject) =>
    fn.async(...args, (err: unknown, res: number) => (err ? reject(err as Error) : resolve(res))),
  );
}

/** Loads the library (throws with a Chinese message when it cannot) and binds the five calls. */
export function loadSdtApi(path: string): SdtApi {
  const koffi = createRequire(import.meta.url)('koffi') as { load(path: string): KoffiLib };
  let lib: KoffiLib;
  try {
    lib = koffi.load(path);
  } catch (err) {
    throw new Error(`无法加载读卡器厂商动态库 ${path}（${(err as Error).message}）`);
  }
  let bind: (sig: string) => KoffiFn;
  try {
    bind = (sig) => lib.func(sig);
    const openPort = bind('int SDT_OpenPort(int iPort)');
    const closePort = bind('int SDT_ClosePort(int iPort)');
    const find = bind('int SDT_StartFindIDCard(int iPort, _Out_ uint8_t *pucManaInfo, int iIfOpen)');
    const select = bind('int SDT_SelectIDCard(int iPort, _Out_ uint8_t *pucManaMsg, int iIfOpen)');
    const read = bind(
      'int SDT_ReadBaseMsg(int iPort, _Out_ uint8_t *pucCHMsg, _Out_ uint32_t *puiCHMsgLen, _Out_ uint8_t *pucPHMsg, _Out_ uint32_t *puiPHMsgLen, int iIfOpen)',
    );
    return {
      openPort: (port) => call(openPort, port),
      closePort: (port) => call(closePort, port),
      // iIfOpen 0: the port stays open between calls (opened once by SDT_OpenPort).
      startFindIdCard: (port) => call(find, port, Buffer.alloc(8), 0),
      selectIdCard: (port) => call(select, port, Buffer.alloc(8), 0),
      readBaseMsg: async (port) => {
        // Sized generously: a library that writes more than the 256 + 1024 bytes it documents must not
        // write past our buffers.
        const text = Buffer.alloc(1024);
        const photo = Buffer.alloc(4096);
        const textLen = new Uint32Array(1);
        const photoLen = new Uint32Array(1);
        const code = await call(read, port, text, textLen, photo, photoLen, 0);
        photo.fill(0); // the photo is never kept
        const n = Math.min(textLen[0]!, text.length);
        return { code, text: Buffer.from(text.subarray(0, n)) };
      },
      unload: () => lib.unload(),
    };
  } catch (err) {
    lib.unload();
    throw new Error(`读卡器厂商动态库 ${path} 缺少标准接口函数（${(err as Error).message}）`);
  }
}
