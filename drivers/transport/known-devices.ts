// USB vendor:product IDs the set-up page recognises, with what they are. Only IDs published by their
// makers (or in the USB ID repository) and seen on the devices halls buy are listed; anything else is
// still shown, by its numbers.
export interface KnownUsbDevice {
  vendorId: number;
  productId: number;
  label: string;
  /** How the kiosk reaches it. */
  use: 'usb-idcard' | 'serial-adapter' | 'usb-printer';
}

export const KNOWN_USB_DEVICES: readonly KnownUsbDevice[] = [
  // The ministry-standard ("部标") USB interface of second-generation ID card readers (华视 CVR-100U,
  // 神思 SS628, 精伦 iDR210 and their OEM twins): SDT frames over bulk endpoints.
  { vendorId: 0x0400, productId: 0xc35a, label: '二代身份证阅读器（部标 USB 接口）', use: 'usb-idcard' },
  // USB-serial bridges inside most serial receipt printers, scanners and readers sold with kiosks.
  { vendorId: 0x1a86, productId: 0x7523, label: 'USB 转串口（沁恒 CH340/CH341）', use: 'serial-adapter' },
  { vendorId: 0x1a86, productId: 0x55d4, label: 'USB 转串口（沁恒 CH9102）', use: 'serial-adapter' },
  { vendorId: 0x067b, productId: 0x2303, label: 'USB 转串口（Prolific PL2303）', use: 'serial-adapter' },
  { vendorId: 0x0403, productId: 0x6001, label: 'USB 转串口（FTDI FT232R）', use: 'serial-adapter' },
  { vendorId: 0x10c4, productId: 0xea60, label: 'USB 转串口（Silicon Labs CP210x）', use: 'serial-adapter' },
  // USB printer-class receipt printers (Linux usblp: /dev/usb/lpN).
  { vendorId: 0x04b8, productId: 0x0202, label: '爱普生 TM 系列小票打印机（USB 打印机类）', use: 'usb-printer' },
  {
    vendorId: 0x0416,
    productId: 0x5011,
    label: 'USB 小票打印机（Winbond 主控，芯烨/佳博等 58/80 毫米机型）',
    use: 'usb-printer',
  },
];

export function knownUsbDevice(vendorId: number, productId: number): KnownUsbDevice | undefined {
  return KNOWN_USB_DEVICES.find((d) => d.vendorId === vendorId && d.productId === productId);
}
