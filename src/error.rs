//! Typed errors. Extraction itself never fails; only building an extractor
//! from user-supplied data can.

use std::fmt;

/// What can go wrong while building an [`Extractor`](crate::Extractor).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// A line of a gazetteer does not follow the format in `gazetteers/README.md`.
    Gazetteer {
        /// The file name, or `<string>` for a list given as a string.
        origin: String,
        /// 1-based line number.
        line: usize,
        message: String,
    },
    /// A gazetteer file could not be read.
    Io { path: String, source: std::io::Error },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Gazetteer { origin, line, message } => write!(f, "{origin}:{line}: {message}"),
            Error::Io { path, source } => write!(f, "{path}: {source}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Gazetteer { .. } => None,
        }
    }
}
