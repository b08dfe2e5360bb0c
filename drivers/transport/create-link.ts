// The link for a parsed port: undefined for serial (the driver's own SerialLink over serialport, which
// keeps the configured baud rate and flow control), a TcpLink, FileLink or UsbBulkLink otherwise.
// node-usb is loaded only when a usb: port is configured (it is a native module).
import { createRequire } from 'node:module';
import type { ByteLink } from './byte-link.ts';
import { FileLink } from './file-link.ts';
import type { PortSpec } from './port-spec.ts';
import { TcpLink } from './tcp-link.ts';
import { UsbBulkLink, type UsbLike } from './usb-bulk-link.ts';

export interface LinkFactoryOptions {
  retryMs?: number;
  maxRetryMs?: number;
  log?: (line: string) => void;
  /** node-usb's `usb` object; loaded from the `usb` package when not given. */
  usb?: UsbLike;
}

export function loadUsb(): UsbLike {
  const require = createRequire(import.meta.url);
  return (require('usb') as { usb: UsbLike }).usb;
}

export function linkFactory(
  spec: PortSpec,
  options: LinkFactoryOptions = {},
): ((label: string) => ByteLink) | undefined {
  const { retryMs, maxRetryMs, log } = options;
  switch (spec.transport) {
    case 'serial':
      return undefined;
    case 'tcp':
      return (label) => new TcpLink({ host: spec.host, port: spec.port, label, retryMs, maxRetryMs, log });
    case 'file':
      return (label) => new FileLink({ path: spec.path, label, retryMs, maxRetryMs, log });
    case 'usb': {
      const usb = options.usb ?? loadUsb();
      return (label) =>
        new UsbBulkLink({ vendorId: spec.vendorId, productId: spec.productId, usb, label, retryMs, maxRetryMs, log });
    }
    case 'sdtapi':
      throw new Error('sdtapi 动态库只用于身份证读卡器，不是字节链路');
  }
}
