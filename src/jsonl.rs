//! The JSONL batch interface of the contract: reading lines
//! `{"id": …, "text": …, "lang": …}` with a bound on every line's size, and
//! parsing each into a request or an error that names what is wrong.
//!
//! Behind the `cli` feature (it needs `serde_json`); the command line uses it,
//! and so does the fuzz target that feeds it arbitrary bytes.

use std::io::{self, BufRead};

use serde_json::Value;

use crate::lang::LanguageChoice;
use crate::output::json;

/// One line of JSONL input as read: its bytes, or the fact that it was too long.
pub enum Line {
    Bytes(Vec<u8>),
    TooLong,
}

/// Reads JSONL input in chunks of lines, holding at most `max_bytes` of any
/// one line in memory.
pub struct Lines<R> {
    reader: R,
    max_bytes: usize,
    /// 1-based number of the last line read.
    line_no: usize,
}

impl<R: BufRead> Lines<R> {
    /// Reads lines from `reader`, keeping at most `max_bytes` of any one line.
    pub fn new(reader: R, max_bytes: usize) -> Self {
        Lines { reader, max_bytes, line_no: 0 }
    }

    /// 1-based number of the last line read.
    pub fn line_no(&self) -> usize {
        self.line_no
    }

    /// The next line, `None` at the end. A final line break ends the last
    /// line; it does not start an empty one. Also returns the bytes consumed.
    pub fn next_line(&mut self) -> io::Result<Option<(Line, usize)>> {
        let mut bytes = Vec::new();
        let mut too_long = false;
        let mut consumed = 0;
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                if consumed == 0 {
                    return Ok(None);
                }
                break;
            }
            let newline = available.iter().position(|&b| b == b'\n');
            let part = &available[..newline.unwrap_or(available.len())];
            if !too_long {
                if bytes.len() + part.len() > self.max_bytes {
                    too_long = true;
                    bytes = Vec::new();
                } else {
                    bytes.extend_from_slice(part);
                }
            }
            let used = newline.map_or(part.len(), |i| i + 1);
            self.reader.consume(used);
            consumed += used;
            if newline.is_some() {
                break;
            }
        }
        self.line_no += 1;
        Ok(Some((if too_long { Line::TooLong } else { Line::Bytes(bytes) }, consumed)))
    }

    /// The next chunk of `(line number, line)` and the bytes it consumed.
    /// The third value is `Some(Ok(()))` at the end of the input and
    /// `Some(Err(_))` when reading failed; the lines read before still count.
    pub fn next_chunk(
        &mut self,
        max_lines: usize,
        max_held: usize,
    ) -> (Vec<(usize, Line)>, usize, Option<io::Result<()>>) {
        let mut chunk = Vec::new();
        let (mut held, mut consumed) = (0, 0);
        while chunk.len() < max_lines && held < max_held {
            match self.next_line() {
                Ok(Some((line, used))) => {
                    consumed += used;
                    if let Line::Bytes(bytes) = &line {
                        held += bytes.len();
                    }
                    chunk.push((self.line_no, line));
                }
                Ok(None) => return (chunk, consumed, Some(Ok(()))),
                Err(e) => return (chunk, consumed, Some(Err(e))),
            }
        }
        (chunk, consumed, None)
    }
}

/// A JSONL input's `id`, kept with its JSON type.
pub enum LineId {
    Str(String),
    Int(i64),
    UInt(u64),
    Float(f64),
}

impl LineId {
    pub fn as_json(&self) -> json::Id<'_> {
        match self {
            LineId::Str(s) => json::Id::Str(s),
            LineId::Int(n) => json::Id::Int(*n),
            LineId::UInt(n) => json::Id::UInt(*n),
            LineId::Float(x) => json::Id::Float(*x),
        }
    }
}

/// A parsed JSONL line.
pub struct Request {
    pub id: Option<LineId>,
    pub text: String,
    pub lang: Option<LanguageChoice>,
}

/// Why a JSONL line could not be processed, with its id when that much was read.
pub struct LineError {
    pub id: Option<LineId>,
    pub message: String,
}

impl LineError {
    fn new(id: Option<LineId>, message: impl Into<String>) -> Self {
        LineError { id, message: message.into() }
    }
}

/// Parses one JSONL line. Numbers as ids are echoed as numbers; integers
/// beyond 64 bits and other numbers come back as the nearest `f64`.
pub fn parse_line(line: Line, max_bytes: u64) -> Result<Request, LineError> {
    let bytes = match line {
        Line::Bytes(bytes) => bytes,
        Line::TooLong => {
            return Err(LineError::new(None, format!("line too long: more than {max_bytes} bytes (raise --max-bytes)")))
        }
    };
    let line = String::from_utf8(bytes).map_err(|e| {
        LineError::new(None, format!("not valid UTF-8 at byte {} of the line", e.utf8_error().valid_up_to()))
    })?;
    // Some Windows tools start files with a byte-order mark.
    let line = line.strip_prefix('\u{feff}').unwrap_or(&line);
    if line.trim().is_empty() {
        return Err(LineError::new(None, "blank line"));
    }
    let value: Value = serde_json::from_str(line).map_err(|e| LineError::new(None, format!("invalid JSON: {e}")))?;
    let Value::Object(mut object) = value else {
        return Err(LineError::new(None, "expected a JSON object"));
    };
    let id = match object.remove("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(LineId::Str(s)),
        Some(Value::Number(n)) => Some(match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => LineId::Int(i),
            (None, Some(u)) => LineId::UInt(u),
            (None, None) => LineId::Float(n.as_f64().unwrap_or(f64::NAN)),
        }),
        Some(_) => return Err(LineError::new(None, "\"id\" must be a string or a number")),
    };
    let lang = match object.remove("lang") {
        None | Some(Value::Null) => None,
        Some(Value::String(code)) => match LanguageChoice::from_code(&code) {
            Some(lang) => Some(lang),
            None => return Err(LineError::new(id, format!("unknown \"lang\" {code:?} (expected de, en or auto)"))),
        },
        Some(_) => return Err(LineError::new(id, "\"lang\" must be a string")),
    };
    match object.remove("text") {
        Some(Value::String(text)) => Ok(Request { id, text, lang }),
        None => Err(LineError::new(id, "missing \"text\"")),
        Some(_) => Err(LineError::new(id, "\"text\" must be a string")),
    }
}
