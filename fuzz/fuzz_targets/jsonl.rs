//! The JSONL reader on arbitrary bytes: every line is answered exactly once,
//! by a request or by an error, and nothing panics, whatever the bytes.

#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::jsonl::{parse_line, Lines};

/// Small, so that the fuzzer also reaches the too-long path.
const MAX_BYTES: usize = 512;

fuzz_target!(|data: &[u8]| {
    let mut lines = Lines::new(std::io::Cursor::new(data), MAX_BYTES);
    let mut answered = 0;
    while let Ok(Some((line, _consumed))) = lines.next_line() {
        answered += 1;
        match parse_line(line, MAX_BYTES as u64) {
            Ok(request) => assert!(request.text.len() <= MAX_BYTES),
            Err(error) => assert!(!error.message.is_empty()),
        }
        assert_eq!(lines.line_no(), answered);
    }
    // A final line break ends the last line; it does not start an empty one.
    let breaks = data.iter().filter(|&&b| b == b'\n').count();
    let unterminated = usize::from(data.last().is_some_and(|&b| b != b'\n'));
    assert_eq!(answered, breaks + unterminated);
});
