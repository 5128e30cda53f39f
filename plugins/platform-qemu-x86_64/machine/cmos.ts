// The CMOS (MC146818 RTC) registers behind ports 0x70/0x71.
import { port_in8, port_out8 } from "./intrinsics";

export function cmosRead(reg: u32): u32 {
  // Bit 7 of the index would disable NMIs; keep them as they are (enabled).
  port_out8(0x70, reg & 0x7f);
  return port_in8(0x71);
}
