// poll_oneoff: clock subscriptions sleep (the platform halts or blocks, never spins);
// stdio subscriptions are reported ready at once (a later read or write blocks if it must).
import { appAddress, copyIn, copyOut, storeU32 } from "./app-memory";
import { EBADF, EFAULT, EINVAL, ESUCCESS } from "./errno";
import { platform_clock_time, platform_sleep } from "./platform";
import { isStdio } from "./stdio";

const SUBSCRIPTION = 48;
const EVENT = 32;
const EVENTTYPE_CLOCK: u8 = 0;
const EVENTTYPE_FD_READ: u8 = 1;
const EVENTTYPE_FD_WRITE: u8 = 2;
const SUBSCRIPTION_CLOCK_ABSTIME: u16 = 1;

const sub = memory.data(SUBSCRIPTION, 8);
const event = memory.data(EVENT, 8);

function emit(out: u32, index: u32, userdata: u64, error: u32, type: u8): bool {
  memory.fill(event, 0, EVENT);
  store<u64>(event, userdata);
  store<u16>(event, <u16>error, 8);
  store<u8>(event, type, 10);
  return copyOut(out + index * EVENT, event, EVENT);
}

/** Nanoseconds from now until the clock subscription in `sub` is due (0 if due), or -errno. */
function remaining(): i64 {
  const id = load<u32>(sub, 16);
  const timeout = load<u64>(sub, 24);
  if ((load<u16>(sub, 40) & SUBSCRIPTION_CLOCK_ABSTIME) == 0) return <i64>(timeout > <u64>i64.MAX_VALUE ? i64.MAX_VALUE : timeout);
  const now = platform_clock_time(id);
  if (now < 0) return now;
  if (<u64>now >= timeout) return 0;
  // A deadline further away than i64 can say is as good as never (and must not look like an errno).
  const left = timeout - <u64>now;
  return left > <u64>i64.MAX_VALUE ? i64.MAX_VALUE : <i64>left;
}

export function poll_oneoff(subs: u32, events: u32, n: u32, neventsPtr: u32): u32 {
  if (n == 0) return EINVAL;
  // In 64 bits: n * 48 wraps in 32 (and such an array could not be in a 4 GiB memory anyway).
  if (<u64>n * SUBSCRIPTION > <u64>u32.MAX_VALUE) return EFAULT;
  if (appAddress(subs, n * SUBSCRIPTION) == 0 || appAddress(events, n * EVENT) == 0 || appAddress(neventsPtr, 4) == 0) return EFAULT;
  // First pass: fd subscriptions are answered now; find the earliest clock.
  let count: u32 = 0;
  let sleep: i64 = -1;
  for (let i: u32 = 0; i < n; i++) {
    copyIn(sub, subs + i * SUBSCRIPTION, SUBSCRIPTION);
    const type = load<u8>(sub, 8);
    if (type == EVENTTYPE_CLOCK) {
      const r = remaining();
      if (r < 0) emit(events, count++, load<u64>(sub), <u32>-r, type);
      else if (sleep < 0 || r < sleep) sleep = r;
    } else if (type == EVENTTYPE_FD_READ || type == EVENTTYPE_FD_WRITE) {
      emit(events, count++, load<u64>(sub), isStdio(load<u32>(sub, 16)) ? ESUCCESS : EBADF, type);
    } else {
      emit(events, count++, load<u64>(sub), EINVAL, type);
    }
  }
  // Nothing ready: wait for the earliest clock, then report every clock that is due.
  if (count == 0 && sleep >= 0) {
    if (sleep > 0) platform_sleep(<u64>sleep);
    for (let i: u32 = 0; i < n; i++) {
      copyIn(sub, subs + i * SUBSCRIPTION, SUBSCRIPTION);
      if (load<u8>(sub, 8) != EVENTTYPE_CLOCK) continue;
      const r = remaining();
      const due = (load<u16>(sub, 40) & SUBSCRIPTION_CLOCK_ABSTIME) == 0 ? r == sleep : r == 0;
      if (due) emit(events, count++, load<u64>(sub), ESUCCESS, EVENTTYPE_CLOCK);
    }
  }
  storeU32(neventsPtr, count);
  return ESUCCESS;
}
