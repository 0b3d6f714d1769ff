//! `newsgraph`: news articles in, typed graphs out.
//!
//! ```text
//! newsgraph extract [--lang de|en|auto] [--format json|jsonl|text|dot|graphml]
//!                   [--jsonl] [--threads N] [--max-bytes N] [FILE ...]
//! newsgraph corpus  [--lang de|en|auto] [--format json|dot|graphml]
//!                   [--jsonl] [--threads N] [--max-bytes N] [FILE ...]
//! ```
//!
//! No FILE, or FILE `-`, reads standard input. Exit status: 0 on success,
//! 1 when some JSONL input lines could not be processed (each got an error
//! object), 2 for bad usage and for files that cannot be read. A closed
//! standard output (`newsgraph … | head -1`) ends the run quietly with 0.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;

use newsgraph::graph::{CorpusGraph, Graph};
use newsgraph::jsonl::{parse_line, Line, LineError, LineId, Lines};
use newsgraph::output::{self, dot, graphml, json, Format};
use newsgraph::{Extractor, LanguageChoice};

/// Lines of JSONL input processed together: enough to keep every core busy,
/// few enough to bound memory on endless input.
const CHUNK_LINES: usize = 256;
/// A chunk also ends once its lines hold this many bytes.
const CHUNK_BYTES: usize = 32 << 20;
const DEFAULT_MAX_BYTES: &str = "64MiB";

#[derive(Parser, Debug)]
#[command(
    name = "newsgraph",
    version,
    about = "Extracts people, places and organisations from German and English news, and who meets or trades with whom."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract the graph of each article.
    ///
    /// One input prints one result; several inputs print one result per
    /// input, each with the input's path as `id` (JSON results as JSON Lines).
    Extract {
        /// Output format.
        #[arg(long, value_enum, default_value_t = FormatArg::Json)]
        format: FormatArg,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Merge the graphs of many articles into one corpus graph.
    Corpus {
        /// Output format.
        #[arg(long, value_enum, default_value_t = CorpusFormatArg::Json)]
        format: CorpusFormatArg,
        #[command(flatten)]
        input: InputArgs,
    },
}

#[derive(Args, Debug)]
struct InputArgs {
    /// Language of the articles; `auto` detects it per article.
    #[arg(long, value_enum, default_value_t = LangArg::Auto)]
    lang: LangArg,
    /// Read JSON Lines: one `{"id": …, "text": "…", "lang": "de"}` per line
    /// (`lang` optional). Each line gets one result line, in input order,
    /// carrying the line's `id` as given (string or number); a line that
    /// fails gets `{"id": …, "error": "…", "line": N}`, with `"file"` when
    /// read from a named file.
    #[arg(long)]
    jsonl: bool,
    /// Worker threads (default, or 0: one per core). Output does not depend on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Largest article (or JSONL line) accepted, in bytes; K, M, G (or KiB,
    /// MiB, GiB) multiply by 1024, 1024², 1024³.
    #[arg(long, value_name = "N", default_value = DEFAULT_MAX_BYTES, value_parser = parse_size)]
    max_bytes: u64,
    /// Articles to read (`-`: standard input). Default: standard input.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    De,
    En,
    Auto,
}

impl From<LangArg> for LanguageChoice {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::De => LanguageChoice::De,
            LangArg::En => LanguageChoice::En,
            LangArg::Auto => LanguageChoice::Auto,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Json,
    Jsonl,
    Text,
    Dot,
    Graphml,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Json => Format::Json,
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Text => Format::Text,
            FormatArg::Dot => Format::Dot,
            FormatArg::Graphml => Format::Graphml,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CorpusFormatArg {
    Json,
    Dot,
    Graphml,
}

/// Parses `1048576`, `64M`, `64MiB`, `2k`.
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (number, unit) = s.split_at(digits);
    let number: u64 = number.parse().map_err(|_| format!("`{s}` is not a size in bytes"))?;
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kib" => 10,
        "m" | "mib" => 20,
        "g" | "gib" => 30,
        _ => return Err(format!("unknown unit `{unit}` (use K, M or G)")),
    };
    number.checked_mul(1 << shift).ok_or_else(|| format!("`{s}` is too large"))
}

/// Why a run stops early.
enum Stop {
    /// Standard output was closed: nobody reads any more, so end quietly.
    Quiet,
    /// A problem to report on standard error, exit status 2.
    Fatal(String),
}

/// The exit status so far: 0, 1 (some input lines failed) or 2 (usage or
/// I/O problems); the worse one wins.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Status(u8);

const LINE_FAILED: Status = Status(1);
const INPUT_FAILED: Status = Status(2);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // Help to a closed pipe is no reason to fail louder.
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Extract { format, input } => Run::new(input).and_then(|run| run.extract(format.into())),
        Command::Corpus { format, input } => Run::new(input).and_then(|run| run.corpus(format)),
    };
    match result {
        Ok(Status(code)) => ExitCode::from(code),
        Err(Stop::Quiet) => ExitCode::SUCCESS,
        Err(Stop::Fatal(message)) => {
            report(None, &message);
            ExitCode::from(2)
        }
    }
}

/// Writes `newsgraph: <message>` on standard error, keeping a progress bar
/// intact. Errors writing to stderr have nowhere to go and are dropped.
fn report(progress: Option<&ProgressBar>, message: &str) {
    let write = || {
        let _ = writeln!(io::stderr().lock(), "newsgraph: {message}");
    };
    match progress {
        Some(bar) => bar.suspend(write),
        None => write(),
    }
}

/// Standard output, buffered, with a closed pipe turned into [`Stop::Quiet`].
struct Sink {
    out: BufWriter<io::StdoutLock<'static>>,
    /// Records written, to separate text and DOT records by blank lines.
    records: usize,
}

impl Sink {
    fn new() -> Self {
        Sink { out: BufWriter::with_capacity(1 << 16, io::stdout().lock()), records: 0 }
    }

    fn write(&mut self, bytes: &str) -> Result<(), Stop> {
        self.out.write_all(bytes.as_bytes()).map_err(stop_on)
    }

    /// Writes one document's output; text and DOT records get a blank line
    /// between them.
    fn record(&mut self, format: Format, bytes: &str) -> Result<(), Stop> {
        if self.records > 0 && matches!(format, Format::Text | Format::Dot) {
            self.write("\n")?;
        }
        self.records += 1;
        self.write(bytes)
    }

    fn finish(mut self) -> Result<(), Stop> {
        self.out.flush().map_err(stop_on)
    }
}

fn stop_on(e: io::Error) -> Stop {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Stop::Quiet
    } else {
        Stop::Fatal(format!("cannot write output: {}", describe_io(&e)))
    }
}

/// An I/O error as a short lower-case phrase, without the OS error number.
fn describe_io(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = e.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            let mut chars = text.chars();
            chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
        }
    }
}

/// One input named on the command line.
struct Input {
    path: PathBuf,
}

impl Input {
    fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }

    /// The name in messages and as document id.
    fn name(&self) -> String {
        if self.is_stdin() {
            "-".to_owned()
        } else {
            self.path.to_string_lossy().into_owned()
        }
    }

    /// The name in error messages.
    fn label(&self) -> String {
        if self.is_stdin() {
            "<stdin>".to_owned()
        } else {
            self.name()
        }
    }

    /// Reads the whole input as one article.
    fn read_article(&self, max_bytes: u64) -> Result<String, String> {
        let mut bytes = Vec::new();
        let limit = max_bytes.saturating_add(1);
        let read = if self.is_stdin() {
            io::stdin().lock().take(limit).read_to_end(&mut bytes)
        } else {
            File::open(&self.path).and_then(|file| file.take(limit).read_to_end(&mut bytes))
        };
        read.map_err(|e| describe_io(&e))?;
        if bytes.len() as u64 > max_bytes {
            return Err(format!("document too large: more than {max_bytes} bytes (raise --max-bytes)"));
        }
        String::from_utf8(bytes).map_err(|e| format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()))
    }

    fn open(&self) -> io::Result<Box<dyn BufRead + Send>> {
        if self.is_stdin() {
            Ok(Box::new(BufReader::with_capacity(1 << 16, io::stdin())))
        } else {
            Ok(Box::new(BufReader::with_capacity(1 << 16, File::open(&self.path)?)))
        }
    }
}

/// Everything a run shares: the extractor, the worker pool, the inputs.
struct Run {
    extractor: Extractor,
    language: LanguageChoice,
    pool: rayon::ThreadPool,
    jsonl: bool,
    max_bytes: u64,
    inputs: Vec<Input>,
}

impl Run {
    fn new(args: InputArgs) -> Result<Run, Stop> {
        let language = LanguageChoice::from(args.lang);
        let extractor = Extractor::builder().language(language).build().map_err(|e| Stop::Fatal(e.to_string()))?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(args.threads.unwrap_or(0))
            .build()
            .map_err(|e| Stop::Fatal(format!("cannot start worker threads: {e}")))?;
        let mut files = args.files;
        if files.is_empty() {
            files.push(PathBuf::from("-"));
        }
        let inputs = files.into_iter().map(|path| Input { path }).collect();
        Ok(Run { extractor, language, pool, jsonl: args.jsonl, max_bytes: args.max_bytes, inputs })
    }

    /// A bar on standard error for JSONL runs at a terminal; hidden otherwise.
    fn progress(&self) -> Option<ProgressBar> {
        if !self.jsonl || !io::stderr().is_terminal() {
            return None;
        }
        let sizes: Option<u64> = self
            .inputs
            .iter()
            .map(|input| if input.is_stdin() { None } else { std::fs::metadata(&input.path).ok().map(|m| m.len()) })
            .sum();
        let (bar, template) = match sizes {
            Some(total) => (ProgressBar::new(total), "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {msg}"),
            None => (ProgressBar::new_spinner(), "{spinner} {bytes} {bytes_per_sec} {msg}"),
        };
        bar.set_draw_target(ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Some(bar)
    }

    fn extract(&self, format: Format) -> Result<Status, Stop> {
        if format == Format::Graphml && (self.jsonl || self.inputs.len() > 1) {
            return Err(Stop::Fatal(
                "--format graphml writes a single graph: give one FILE, or merge many with `newsgraph corpus`".into(),
            ));
        }
        let mut sink = Sink::new();
        let status =
            if self.jsonl { self.extract_jsonl(format, &mut sink)? } else { self.extract_files(format, &mut sink)? };
        sink.finish()?;
        Ok(status)
    }

    /// Each input is one article.
    fn extract_files(&self, format: Format, sink: &mut Sink) -> Result<Status, Stop> {
        let mut status = Status::default();
        let with_ids = self.inputs.len() > 1;
        // One article per worker at a time bounds memory to threads × --max-bytes.
        for chunk in self.inputs.chunks(self.pool.current_num_threads().max(1)) {
            let results: Vec<Result<String, String>> = self.pool.install(|| {
                chunk
                    .par_iter()
                    .map(|input| {
                        let text = input.read_article(self.max_bytes)?;
                        let doc = self.extractor.extract(&text);
                        let mut out = String::new();
                        let name = input.name();
                        output::write(&doc, with_ids.then_some(name.as_str()), format, &mut out);
                        Ok(out)
                    })
                    .collect()
            });
            for (input, result) in chunk.iter().zip(results) {
                match result {
                    Ok(out) => sink.record(format, &out)?,
                    Err(problem) => {
                        // Earlier results must reach the reader before the complaint.
                        sink.out.flush().map_err(stop_on)?;
                        report(None, &format!("{}: {problem}", input.label()));
                        status = status.max(INPUT_FAILED);
                    }
                }
            }
        }
        Ok(status)
    }

    /// Each input line is one article; every line gets one result.
    fn extract_jsonl(&self, format: Format, sink: &mut Sink) -> Result<Status, Stop> {
        let progress = self.progress();
        let json_out = matches!(format, Format::Json | Format::Jsonl);
        let status = self.each_jsonl_chunk(progress.as_ref(), |input, chunk| {
            let numbers: Vec<usize> = chunk.iter().map(|(line_no, _)| *line_no).collect();
            let results: Vec<Result<String, LineError>> = self.pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|(_, line)| {
                        let request = parse_line(line, self.max_bytes)?;
                        let doc = self.extractor.extract_as(&request.text, request.lang.unwrap_or(self.language));
                        let mut out = String::new();
                        if json_out {
                            json::write_document_with_id(&doc, request.id.as_ref().map(LineId::as_json), &mut out);
                            out.push('\n');
                        } else {
                            let id = request.id.as_ref().map(|id| id.as_json().to_string());
                            output::write(&doc, id.as_deref(), format, &mut out);
                        }
                        Ok(out)
                    })
                    .collect()
            });
            let mut status = Status::default();
            for (line_no, result) in numbers.into_iter().zip(results) {
                let error = match result {
                    Ok(out) => {
                        sink.record(format, &out)?;
                        continue;
                    }
                    Err(error) => error,
                };
                status = LINE_FAILED;
                if json_out {
                    let mut out = String::new();
                    let id = error.id.as_ref().map(LineId::as_json);
                    json::write_error_with_id(id, &error.message, Some(line_no), &mut out);
                    if !input.is_stdin() {
                        // Line numbers start again in each file: say which one.
                        out.pop(); // the object's closing brace
                        out.push_str(",\"file\":");
                        json::write_str(&input.name(), &mut out);
                        out.push('}');
                    }
                    out.push('\n');
                    sink.write(&out)?;
                } else {
                    // Results before the failed line reach the reader first.
                    sink.out.flush().map_err(stop_on)?;
                    report(progress.as_ref(), &format!("{}:{line_no}: {}", input.label(), error.message));
                }
            }
            Ok(status)
        });
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        status
    }

    /// Reads every input as JSONL and hands `each` one chunk of lines at a
    /// time, in order. Inputs that cannot be read are reported and skipped.
    fn each_jsonl_chunk(
        &self,
        progress: Option<&ProgressBar>,
        mut each: impl FnMut(&Input, Vec<(usize, Line)>) -> Result<Status, Stop>,
    ) -> Result<Status, Stop> {
        let mut status = Status::default();
        let max_bytes = usize::try_from(self.max_bytes).unwrap_or(usize::MAX);
        for input in &self.inputs {
            let reader = match input.open() {
                Ok(reader) => reader,
                Err(e) => {
                    report(progress, &format!("{}: {}", input.label(), describe_io(&e)));
                    status = status.max(INPUT_FAILED);
                    continue;
                }
            };
            let mut lines = Lines::new(reader, max_bytes);
            loop {
                let (chunk, consumed, failure) = lines.next_chunk(CHUNK_LINES, CHUNK_BYTES);
                if !chunk.is_empty() {
                    status = status.max(each(input, chunk)?);
                }
                // Counted once processed, so the bar shows work done.
                if let Some(bar) = progress {
                    bar.inc(consumed as u64);
                }
                match failure {
                    Some(Ok(())) => break,
                    Some(Err(e)) => {
                        report(progress, &format!("{}: {}", input.label(), describe_io(&e)));
                        status = status.max(INPUT_FAILED);
                        break;
                    }
                    None => {}
                }
            }
        }
        Ok(status)
    }

    fn corpus(&self, format: CorpusFormatArg) -> Result<Status, Stop> {
        let mut corpus = CorpusGraph::new();
        let status = if self.jsonl { self.corpus_jsonl(&mut corpus)? } else { self.corpus_files(&mut corpus) };
        let mut out = String::new();
        match format {
            CorpusFormatArg::Json => {
                #[derive(Serialize)]
                struct CorpusJson<'a> {
                    schema: u32,
                    #[serde(flatten)]
                    graph: &'a CorpusGraph,
                }
                let text = serde_json::to_string(&CorpusJson { schema: 1, graph: &corpus })
                    .map_err(|e| Stop::Fatal(format!("cannot write the corpus graph: {e}")))?;
                out.push_str(&text);
                out.push('\n');
            }
            CorpusFormatArg::Dot => dot::write_corpus(&corpus, &mut out),
            CorpusFormatArg::Graphml => graphml::write_corpus(&corpus, &mut out),
        }
        let mut sink = Sink::new();
        sink.write(&out)?;
        sink.finish()?;
        Ok(status)
    }

    /// Adds each input file's graph, with the path as document id.
    fn corpus_files(&self, corpus: &mut CorpusGraph) -> Status {
        let mut status = Status::default();
        for chunk in self.inputs.chunks(self.pool.current_num_threads().max(1)) {
            let graphs: Vec<Result<Graph, String>> = self.pool.install(|| {
                chunk
                    .par_iter()
                    .map(|input| {
                        let text = input.read_article(self.max_bytes)?;
                        Ok(Graph::from(&self.extractor.extract(&text)))
                    })
                    .collect()
            });
            for (input, graph) in chunk.iter().zip(graphs) {
                match graph {
                    Ok(graph) => corpus.add_graph(&input.name(), &graph),
                    Err(problem) => {
                        report(None, &format!("{}: {problem}", input.label()));
                        status = status.max(INPUT_FAILED);
                    }
                }
            }
        }
        status
    }

    /// Adds each JSONL line's graph; a line without `id` is called `FILE:LINE`.
    fn corpus_jsonl(&self, corpus: &mut CorpusGraph) -> Result<Status, Stop> {
        let progress = self.progress();
        let status = self.each_jsonl_chunk(progress.as_ref(), |input, chunk| {
            let results: Vec<_> = self.pool.install(|| {
                chunk
                    .into_par_iter()
                    .map(|(line_no, line)| {
                        let graph = parse_line(line, self.max_bytes).map(|request| {
                            let id = match &request.id {
                                Some(id) => id.as_json().to_string(),
                                None => format!("{}:{line_no}", input.name()),
                            };
                            let language = request.lang.unwrap_or(self.language);
                            (id, Graph::from(&self.extractor.extract_as(&request.text, language)))
                        });
                        (line_no, graph)
                    })
                    .collect()
            });
            let mut status = Status::default();
            for (line_no, result) in results {
                match result {
                    Ok((id, graph)) => corpus.add_graph(&id, &graph),
                    Err(error) => {
                        report(progress.as_ref(), &format!("{}:{line_no}: {}", input.label(), error.message));
                        status = LINE_FAILED;
                    }
                }
            }
            Ok(status)
        });
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        status
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("2k"), Ok(2048));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 TB").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }

    fn lines_of(input: &'static [u8], max_bytes: usize) -> Vec<Option<Vec<u8>>> {
        let mut lines = Lines::new(Box::new(input) as Box<dyn BufRead + Send>, max_bytes);
        let (chunk, consumed, end) = lines.next_chunk(CHUNK_LINES, CHUNK_BYTES);
        assert!(matches!(end, Some(Ok(()))));
        assert_eq!(consumed, input.len());
        assert_eq!(chunk.iter().map(|(n, _)| *n).collect::<Vec<_>>(), (1..=chunk.len()).collect::<Vec<_>>());
        chunk
            .into_iter()
            .map(|(_, line)| match line {
                Line::Bytes(bytes) => Some(bytes),
                Line::TooLong => None,
            })
            .collect()
    }

    #[test]
    fn a_final_line_break_ends_a_line_and_does_not_start_one() {
        assert_eq!(lines_of(b"a\nb\n", 10), [Some(b"a".to_vec()), Some(b"b".to_vec())]);
        assert_eq!(lines_of(b"a\n\nb", 10), [Some(b"a".to_vec()), Some(vec![]), Some(b"b".to_vec())]);
        assert_eq!(lines_of(b"", 10), Vec::<Option<Vec<u8>>>::new());
        assert_eq!(lines_of(b"\n", 10), [Some(vec![])]);
    }

    #[test]
    fn long_lines_are_skipped_not_held() {
        assert_eq!(lines_of(b"0123456789ab\nok\n", 10), [None, Some(b"ok".to_vec())]);
        assert_eq!(lines_of(b"0123456789\n", 10), [Some(b"0123456789".to_vec())]);
    }

    #[test]
    fn line_errors() {
        let parse = |s: &'static str| parse_line(Line::Bytes(s.as_bytes().to_vec()), 100);
        assert!(parse("\u{feff}{\"text\":\"Kim.\"}").is_ok(), "a byte-order mark is skipped");
        let message = |s| parse(s).err().map(|e| e.message).unwrap_or_default();
        assert_eq!(message("  "), "blank line");
        assert_eq!(message("{\"id\":1}"), "missing \"text\"");
        assert_eq!(message("{\"text\":[]}"), "\"text\" must be a string");
        assert_eq!(message("{\"id\":true,\"text\":\"x\"}"), "\"id\" must be a string or a number");
        assert_eq!(message("{\"text\":\"x\",\"lang\":\"fr\"}"), "unknown \"lang\" \"fr\" (expected de, en or auto)");
        assert_eq!(message("7"), "expected a JSON object");
        assert!(message("{").starts_with("invalid JSON: "));
        let too_long = parse_line(Line::TooLong, 100).err().map(|e| e.message).unwrap_or_default();
        assert!(too_long.contains("more than 100 bytes"));
    }
}
