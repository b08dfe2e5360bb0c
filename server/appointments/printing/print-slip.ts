// Print an appointment's 预约凭条 on the kiosk printer, with the names and windows the slip shows.
import { appointmentSlip } from '../../printing/index.ts';
import type { Config } from '../../config/load.ts';
import type { Appointment } from '../../contract/appointments.ts';
import type { Matter } from '../../contract/matters.ts';
import type { DeviceHub } from '../../devices/device-hub.ts';
import type { PrintResult } from '../../app-context.ts';

export function printAppointmentSlip(devices: DeviceHub, config: Config, matter: (id: string) => Matter | null) {
  return (a: Appointment): Promise<PrintResult> => {
    const windows = config.windows.filter((w) => w.categoryIds.includes(a.categoryId)).map((w) => w.no);
    return devices.print(
      appointmentSlip({
        appointment: a,
        categoryName: config.categories.find((c) => c.id === a.categoryId)?.name ?? a.categoryId,
        matterName: a.matterId ? (matter(a.matterId)?.name ?? null) : null,
        materials: a.matterId ? (matter(a.matterId)?.guide?.materials ?? null) : null,
        windowsText: windows.length ? `${windows.join('、')}号窗口` : null,
        center: config.center,
        columns: devices.set.printer.columns,
      }),
    );
  };
}
