//! The CPU time of the calling thread, for measurements on a busy machine.
//!
//! Wall time on a machine whose cores other work shares includes the waits
//! for a core, which vary from run to run; the time the thread actually ran
//! does not. Linux tells it, in nanoseconds, in `/proc/thread-self/schedstat`
//! (first field). The kernel brings that counter up to date at scheduler
//! ticks and switches only, so a reading may lag by a tick (a few ms):
//! measure intervals of 100 ms or more.
//!
//! Included with `#[path]` by `benches/pipeline.rs` and `examples/floor.rs`.

use std::time::Duration;

/// Time this thread has spent on a CPU so far; `None` where the system does
/// not tell it (not Linux, or schedstats off).
pub fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    // A kernel without schedstats reports zeros.
    (nanos > 0).then(|| Duration::from_nanos(nanos))
}
