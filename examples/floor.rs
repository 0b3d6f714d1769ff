//! How fast could the pipeline be? Measures a *floor* and our pipeline on the
//! same text, single-threaded (issue 6).
//!
//! ```text
//! cargo run --release --example floor -- [--mb N] [--reps N] [--cold-runs N] [--no-linearity]
//! cargo run --release --example floor -- --write-jsonl FILE [--mb N]
//! ```
//!
//! The floor is the least work any pipeline of this shape does: split
//! sentences at `.`/`!`/`?` before whitespace, tokenize with UAX #29 word
//! boundaries (`unicode-segmentation`), and run one Aho-Corasick automaton of
//! 50,000 gazetteer names over the text (leftmost-longest, ASCII case
//! insensitive). Ours is [`Extractor::extract`] plus JSON output. Prints MB/s
//! (decimal megabytes of input) for both and how many times the floor's time
//! ours takes, on one document and on the same text as article-sized
//! documents (each its own call, as a batch of news reads them); then cold
//! start (process start to the first short article extracted, in process and
//! as spawned processes) and linearity (extract on 1, 4 and 16 MB, as one
//! document and as many article-sized ones).
//!
//! The text is the corpus of `benches/common/corpus.rs`: the reference article
//! plus, when present, the shared articles and GermEval sentences, repeated.
//! Timings are the best of `--reps` runs, since on a shared machine noise only
//! ever adds time, and are CPU times of the measuring thread where Linux
//! tells them (wall times in brackets): waits for a busy core do not count.
//! The floor and ours are timed in interleaved rounds (each round times every
//! part of the floor, then ours), so that a spell in which the machine's
//! other tenants slow its memory down falls on both sides of the ratio, not
//! on whichever was being timed then.
//! Cold starts are wall times of process launches, medians of `--cold-runs`.
//!
//! `--write-jsonl FILE` writes the German documents of the corpus as a JSONL
//! batch of about `--mb` MB (default 20) for `newsgraph extract --jsonl`,
//! instead of measuring. Write it outside the repository: the shared texts
//! must not be committed.

use std::collections::HashSet;
use std::hint::black_box;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, MatchKind};
use unicode_segmentation::UnicodeSegmentation;

use newsgraph::output::{self, json, Format};
use newsgraph::Extractor;

#[path = "../benches/common/corpus.rs"]
mod corpus;
#[path = "../benches/common/cpu_time.rs"]
mod cpu_time;

use corpus::Corpus;
use cpu_time::thread_cpu_time;

/// Names in the floor's automaton (issue 6): the order of the default gazetteers' keys.
const PHRASES: usize = 50_000;
/// Decimal megabyte: MB/s here compare with criterion's `BytesDecimal`.
const MB: usize = 1_000_000;
const LINEARITY_MB: [usize; 3] = [1, 4, 16];
/// Shortest stretch timed at once: the CPU clock may lag by a scheduler tick.
const MIN_TIMING: Duration = Duration::from_millis(200);
/// Child modes: `floor` spawns itself with these to time process launches.
const COLD_CHILD: &str = "--cold-child";
const NOOP_CHILD: &str = "--noop-child";

struct Options {
    mb: Option<usize>,
    reps: usize,
    cold_runs: usize,
    linearity: bool,
    write_jsonl: Option<PathBuf>,
}

fn main() -> ExitCode {
    // First line: cold start counts from here.
    let start = Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == NOOP_CHILD) {
        return ExitCode::SUCCESS;
    }
    if args.iter().any(|a| a == COLD_CHILD) {
        // Wall and CPU time in µs on stdout, for the parent to collect.
        let wall = cold_start(start);
        let cpu = process_cpu_time().unwrap_or_default();
        println!("{} {}", wall.as_micros(), cpu.as_micros());
        return ExitCode::SUCCESS;
    }
    let options = match parse_options(&args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("floor: {message}");
            eprintln!("usage: floor [--mb N] [--reps N] [--cold-runs N] [--no-linearity] [--write-jsonl FILE]");
            return ExitCode::from(2);
        }
    };
    if let Some(path) = &options.write_jsonl {
        return match write_jsonl(path, options.mb.unwrap_or(20) * MB) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("floor: {}: {e}", path.display());
                ExitCode::FAILURE
            }
        };
    }

    // Before anything else touches the gazetteers: this process is still cold.
    let in_process = cold_start(start);
    println!("load average: {} ({} cores)", load_average(), cores());
    println!(
        "cold start in process, main() to first article extracted + JSON: {} (process CPU time {})",
        ms(in_process),
        process_cpu_time().map_or_else(|| "unknown".to_owned(), ms)
    );
    spawned_cold_starts(options.cold_runs);

    let corpus = Corpus::load();
    println!("{}", corpus.describe());
    let extractor = Extractor::new();
    compare_with_floor(&corpus, &extractor, options.mb.unwrap_or(2) * MB, options.reps);
    if options.linearity {
        linearity(&corpus, &extractor, options.reps);
    }
    println!("load average: {}", load_average());
    ExitCode::SUCCESS
}

fn parse_options(args: &[String]) -> Result<Options, String> {
    let mut options = Options { mb: None, reps: 3, cold_runs: 10, linearity: true, write_jsonl: None };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut number = || -> Result<usize, String> {
            let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
            value
                .parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("{arg}: not a positive number: {value}"))
        };
        match arg.as_str() {
            "--mb" => options.mb = Some(number()?),
            "--reps" => options.reps = number()?,
            "--cold-runs" => options.cold_runs = number()?,
            "--no-linearity" => options.linearity = false,
            "--write-jsonl" => {
                options.write_jsonl = Some(args.next().ok_or("--write-jsonl needs a file")?.into());
            }
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    Ok(options)
}

/// Builds the default extractor and extracts the reference article with JSON
/// output: all a one-article command-line run does besides reading input.
/// Returns the time since `start`.
fn cold_start(start: Instant) -> Duration {
    let extractor = Extractor::new();
    let doc = extractor.extract(corpus::REFERENCE_ARTICLE);
    let mut out = String::new();
    output::write(&doc, None, Format::Json, &mut out);
    black_box(out);
    start.elapsed()
}

/// Launch times, median of `runs`: an empty process (the launch alone),
/// this program's cold start as a child, and the command-line tool on the
/// reference article when it is built next to this example.
fn spawned_cold_starts(runs: usize) {
    let Ok(this) = std::env::current_exe() else {
        println!("cold start spawned: skipped, own executable unknown");
        return;
    };
    let noop = median((0..runs).map(|_| time(|| run(Command::new(&this).arg(NOOP_CHILD), None)).0).collect());
    let mut outside = Vec::with_capacity(runs);
    let mut inside = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    for _ in 0..runs {
        let (elapsed, stdout) = time(|| run(Command::new(&this).arg(COLD_CHILD), None));
        outside.push(elapsed);
        let mut micros = stdout.split_whitespace().map(|n| n.parse().map(Duration::from_micros));
        if let (Some(Ok(wall)), Some(Ok(time))) = (micros.next(), micros.next()) {
            inside.push(wall);
            cpu.push(time);
        }
    }
    println!(
        "cold start spawned, median of {runs}: empty process {}; floor {COLD_CHILD} {} (main() to done {}, process CPU time {})",
        ms(noop),
        ms(median(outside)),
        ms(median(inside)),
        ms(median(cpu)),
    );

    // target/<profile>/examples/floor → target/<profile>/newsgraph
    let cli = this.parent().and_then(Path::parent).map(|dir| dir.join("newsgraph"));
    match cli.filter(|path| path.is_file()) {
        Some(cli) => {
            let mut command = Command::new(&cli);
            command.args(["extract", "--lang", "de"]);
            let runs: Vec<Duration> =
                (0..runs).map(|_| time(|| run(&mut command, Some(corpus::REFERENCE_ARTICLE))).0).collect();
            println!(
                "cold start spawned, median of {}: {} extract --lang de < reference article: {}",
                runs.len(),
                cli.display(),
                ms(median(runs))
            );
        }
        None => println!("cold start of the CLI: skipped, build it first (cargo build --release)"),
    }
}

/// Runs `command` to its end with `stdin` as input; returns its standard output.
fn run(command: &mut Command, stdin: Option<&str>) -> String {
    let mut child = command
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .spawn()
        .expect("child starts");
    if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // A short article fits in the pipe buffer, so writing before reading cannot deadlock.
        pipe.write_all(text.as_bytes()).expect("child reads its input");
    }
    let output = child.wait_with_output().expect("child runs");
    assert!(output.status.success(), "child failed: {}", output.status);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Floor and ours on one document of `bytes` bytes, then on the same text as
/// the article-sized documents it is made of.
fn compare_with_floor(corpus: &Corpus, extractor: &Extractor, bytes: usize, reps: usize) {
    let text = corpus.text(bytes);
    let (phrases, files) = gazetteer_phrases(PHRASES);
    let (build, automaton) = time(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&phrases)
            .expect("the automaton builds")
    });

    println!(
        "\none document of {} bytes, single-threaded, best of {reps} interleaved rounds; times are {}:",
        text.len(),
        if thread_cpu_time().is_some() { "CPU times of this thread" } else { "wall times" }
    );
    let (sentences, tokens, matches) = (floor_sentences(&text), floor_tokens(&text), floor_matches(&automaton, &text));
    let doc = extractor.extract(&text);
    let mut out = String::new();
    output::write(&doc, None, Format::Json, &mut out);
    let [split, tokenize, matching, extract, write] = best_of_interleaved(
        reps,
        [
            &mut || drop(black_box(floor_sentences(&text))),
            &mut || drop(black_box(floor_tokens(&text))),
            &mut || drop(black_box(floor_matches(&automaton, &text))),
            &mut || drop(black_box(extractor.extract(&text))),
            &mut || {
                let mut out = String::new();
                output::write(&doc, None, Format::Json, &mut out);
                drop(black_box(out));
            },
        ],
    );
    let floor = split + tokenize + matching;
    println!(
        "  floor: sentences {} ({}), UAX#29 tokens {} ({}), Aho-Corasick {} ({} matches) = {}, {}",
        ms(split.main()),
        sentences.len(),
        ms(tokenize.main()),
        tokens.len(),
        ms(matching.main()),
        matches.len(),
        ms(floor.main()),
        rate(text.len(), floor),
    );
    println!(
        "         automaton: {} phrases from {} (built in {}, not counted)",
        phrases.len(),
        files.join(", "),
        ms(build)
    );

    let ours = extract + write;
    println!(
        "  ours:  extract {} ({} tokens, {} sentences, {} entities, {} relations), JSON {} ({:.1} MB) = {}, {}",
        ms(extract.main()),
        doc.tokens.len(),
        doc.sentences.len(),
        doc.entities.len(),
        doc.relations.len(),
        ms(write.main()),
        out.len() as f64 / MB as f64,
        ms(ours.main()),
        rate(text.len(), ours),
    );
    println!("  ours/floor: {:.2}× the time", ours.main().as_secs_f64() / floor.main().as_secs_f64());

    // The same pieces as documents of their own, as a batch of articles
    // reads them: the use the pipeline is built for. Both sides run once per
    // document; ours links entities within each document only.
    let documents = corpus.documents(bytes, false);
    let total: usize = documents.iter().map(|d| d.len()).sum();
    println!(
        "\n{} article-sized documents of {} bytes together, single-threaded, best of {reps} interleaved rounds:",
        documents.len(),
        total
    );
    let entities: usize = documents.iter().map(|d| extractor.extract(d).entities.len()).sum();
    let [split, tokenize, matching, ours] = best_of_interleaved(
        reps,
        [
            &mut || documents.iter().for_each(|d| drop(black_box(floor_sentences(d)))),
            &mut || documents.iter().for_each(|d| drop(black_box(floor_tokens(d)))),
            &mut || documents.iter().for_each(|d| drop(black_box(floor_matches(&automaton, d)))),
            &mut || extract_as_json(extractor, &documents),
        ],
    );
    let floor = split + tokenize + matching;
    println!(
        "  floor: sentences {}, UAX#29 tokens {}, Aho-Corasick {} = {}, {}",
        ms(split.main()),
        ms(tokenize.main()),
        ms(matching.main()),
        ms(floor.main()),
        rate(total, floor),
    );
    println!("  ours:  extract + JSON {} ({entities} entities), {}", ms(ours.main()), rate(total, ours));
    println!("  ours/floor: {:.2}× the time", ours.main().as_secs_f64() / floor.main().as_secs_f64());
    words_seen_before(corpus, extractor, reps);
}

/// Ours on each document: extraction and its JSON, as a batch of news reads them.
fn extract_as_json(extractor: &Extractor, documents: &[&str]) {
    let mut out = String::new();
    for document in documents {
        let doc = extractor.extract(document);
        out.clear();
        output::write(&doc, None, Format::Json, &mut out);
        black_box(&out);
    }
}

/// The extractor remembers what each short word comes to (its cache of
/// words, see `gazetteer`): the text here repeats, and is found there from
/// its second run on. Text never seen before is measured too, each run with
/// a new extractor: the first article-sized pass over the unique text.
fn words_seen_before(corpus: &Corpus, extractor: &Extractor, reps: usize) {
    let (found, missed) = extractor.word_cache_counts();
    let share = |found: u64, missed: u64| 100.0 * found as f64 / (found + missed).max(1) as f64;
    let documents = corpus.documents(corpus.unique_bytes(), false);
    let bytes: usize = documents.iter().map(|d| d.len()).sum();
    let (first_pass, counts) = best_of(reps, || {
        let fresh = Extractor::new();
        extract_as_json(&fresh, &documents);
        fresh.word_cache_counts()
    });
    println!(
        "
words found in the extractor's cache: {:.1} % of look-ups over all runs above; \
         a new extractor's first pass over the {} unique bytes as {} documents: {:.1} % found, extract + JSON {}",
        share(found, missed),
        bytes,
        documents.len(),
        share(counts.0, counts.1),
        rate(bytes, first_pass),
    );
}

/// Extract alone on growing inputs: MB/s should not fall as the text grows.
fn linearity(corpus: &Corpus, extractor: &Extractor, reps: usize) {
    println!("\nlinearity, extract only, best of {reps}, by CPU time (wall):");
    for mb in LINEARITY_MB {
        let text = corpus.text(mb * MB);
        let (one, _) = best_of(reps, || extractor.extract(&text).entities.len());
        drop(text);
        let documents = corpus.documents(mb * MB, false);
        let bytes: usize = documents.iter().map(|d| d.len()).sum();
        let (many, _) = best_of(reps, || documents.iter().map(|d| extractor.extract(d).entities.len()).sum::<usize>());
        println!(
            "  {mb:>2} MB: one document {}; {} documents {}",
            rate(mb * MB, one),
            documents.len(),
            rate(bytes, many),
        );
    }
}

/// Sentence spans, ending at `.`, `!` or `?` before whitespace.
fn floor_sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut sentences = Vec::with_capacity(text.len() / 100);
    let mut start = 0;
    for (i, pair) in bytes.windows(2).enumerate() {
        if matches!(pair[0], b'.' | b'!' | b'?') && pair[1].is_ascii_whitespace() {
            sentences.push((start, i + 1));
            start = i + 2;
        }
    }
    if start < text.len() {
        sentences.push((start, text.len()));
    }
    sentences
}

/// Token spans: UAX #29 word-bound segments that are not white space.
fn floor_tokens(text: &str) -> Vec<(usize, usize)> {
    text.split_word_bound_indices()
        .filter(|(_, segment)| !segment.starts_with(char::is_whitespace))
        .map(|(start, segment)| (start, start + segment.len()))
        .collect()
}

/// All leftmost-longest matches of the automaton: (pattern, start, end).
fn floor_matches(automaton: &AhoCorasick, text: &str) -> Vec<(u32, usize, usize)> {
    automaton.find_iter(text).map(|m| (m.pattern().as_u32(), m.start(), m.end())).collect()
}

/// Up to `limit` distinct names (columns 4 onwards: `name_en`, `name_de` and
/// the `|`-separated aliases) of the entity lists in `gazetteers/common/`,
/// cities first (the bulk of the default keys), then the other lists by name.
/// Returns the names and the files they came from.
fn gazetteer_phrases(limit: usize) -> (Vec<String>, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("gazetteers/common");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    // Lists of seven columns only: adjectives.tsv and transliteration.tsv have other layouts.
    files.retain(|path| {
        path.extension().is_some_and(|ext| ext == "tsv")
            && !matches!(path.file_name().and_then(|n| n.to_str()), Some("adjectives.tsv" | "transliteration.tsv"))
    });
    files.sort_by_key(|path| (!path.ends_with("cities.tsv"), path.clone()));

    let mut seen = HashSet::new();
    let mut phrases = Vec::with_capacity(limit);
    let mut used = Vec::new();
    'files: for path in &files {
        let Ok(data) = std::fs::read_to_string(path) else { continue };
        used.push(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        for line in data.lines().filter(|line| !line.starts_with('#')) {
            let columns: Vec<&str> = line.split('\t').collect();
            let names = columns.iter().skip(3).take(3).flat_map(|column| column.split('|'));
            for name in names.map(str::trim).filter(|name| !name.is_empty()) {
                if phrases.len() == limit {
                    break 'files;
                }
                if seen.insert(name.to_owned()) {
                    phrases.push(name.to_owned());
                }
            }
        }
    }
    (phrases, used)
}

/// Writes the German documents of the corpus, repeated to about `bytes`
/// bytes of text, one `{"id", "lang", "text"}` object per line.
fn write_jsonl(path: &Path, bytes: usize) -> std::io::Result<()> {
    let corpus = Corpus::load();
    eprintln!("{}", corpus.describe());
    let documents = corpus.documents(bytes, true);
    let mut file = BufWriter::new(std::fs::File::create(path)?);
    let mut line = String::new();
    let mut written = 0;
    for (n, document) in documents.iter().enumerate() {
        line.clear();
        line.push_str(&format!("{{\"id\":\"doc-{n:06}\",\"lang\":\"de\",\"text\":"));
        json::write_str(document, &mut line);
        line.push_str("}\n");
        file.write_all(line.as_bytes())?;
        written += line.len();
    }
    file.flush()?;
    eprintln!("wrote {} documents, {written} bytes, to {}", documents.len(), path.display());
    Ok(())
}

/// CPU time of this process so far, threads that have ended included: fields
/// 14 and 15 of Linux's `/proc/self/stat`, in ticks of 10 ms (`USER_HZ` is
/// 100 on the usual platforms). `None` elsewhere.
fn process_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name, field 2, is in brackets and may hold spaces; field 3 follows.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |field: usize| fields.get(field - 3)?.parse::<u64>().ok();
    Some(Duration::from_millis((ticks(14)? + ticks(15)?) * 10))
}

/// Runs `f` once and times it.
fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let value = f();
    (start.elapsed(), value)
}

/// Wall time and, where the system tells it, the time this thread spent on
/// a CPU. On a loaded machine the wall time includes waits for a core; the
/// CPU time does not, so throughput is computed from it when known.
#[derive(Clone, Copy, Debug)]
struct Timing {
    wall: Duration,
    cpu: Option<Duration>,
}

impl Timing {
    /// The time throughput is computed from: CPU time when known.
    fn main(self) -> Duration {
        self.cpu.unwrap_or(self.wall)
    }

    /// The shorter of each time.
    fn min(self, other: Timing) -> Timing {
        Timing { wall: self.wall.min(other.wall), cpu: self.cpu.zip(other.cpu).map(|(a, b)| a.min(b)) }
    }
}

impl std::ops::Add for Timing {
    type Output = Timing;
    fn add(self, other: Timing) -> Timing {
        Timing { wall: self.wall + other.wall, cpu: self.cpu.zip(other.cpu).map(|(a, b)| a + b) }
    }
}

/// Runs `f` `calls` times; the time per call, and the value of the last
/// call. Earlier values are dropped inside the timing, as a loop over
/// documents would drop them.
fn measure<T>(calls: u32, mut f: impl FnMut() -> T) -> (Timing, T) {
    let cpu = thread_cpu_time();
    let (wall, value) = time(|| {
        let mut value = f();
        for _ in 1..calls {
            value = f();
        }
        value
    });
    let cpu = cpu.zip(thread_cpu_time()).map(|(before, after)| after.saturating_sub(before) / calls);
    (Timing { wall: wall / calls, cpu }, value)
}

/// Calls of a task that took `first` once that fill [`MIN_TIMING`].
fn calls_to_fill(first: Timing) -> u32 {
    (MIN_TIMING.as_secs_f64() / first.wall.as_secs_f64().max(1e-6)).ceil().clamp(1.0, 1000.0) as u32
}

/// The shortest of `reps` timings of each task, per call, the tasks timed in
/// turn, round after round: a busy spell of a shared machine then falls on
/// the floor and on ours alike, not on whichever was being timed in it.
/// Quick tasks are timed over enough calls to fill [`MIN_TIMING`], as in
/// [`best_of`].
fn best_of_interleaved<const N: usize>(reps: usize, mut tasks: [&mut dyn FnMut(); N]) -> [Timing; N] {
    // A first call of each tells how long it takes, and warms it up.
    let calls = tasks.each_mut().map(|task| {
        let (first, ()) = measure(1, &mut **task);
        calls_to_fill(first)
    });
    let mut best: [Option<Timing>; N] = [None; N];
    for _ in 0..reps.max(1) {
        for ((task, &calls), best) in tasks.iter_mut().zip(&calls).zip(&mut best) {
            let (timing, ()) = measure(calls, &mut **task);
            *best = Some(best.map_or(timing, |b| b.min(timing)));
        }
    }
    best.map(|b| b.unwrap_or(Timing { wall: Duration::ZERO, cpu: None }))
}

/// The shortest of `reps` timings of `f`, per call, and the value of the
/// last call. A first call tells how long `f` takes; quick ones are then
/// timed over enough calls to fill [`MIN_TIMING`], for the CPU clock's sake.
fn best_of<T>(reps: usize, mut f: impl FnMut() -> T) -> (Timing, T) {
    let (first, mut value) = measure(1, &mut f);
    let calls = calls_to_fill(first);
    // A slow first call is a timing of its own; a quick one was a warm-up.
    let mut best = first;
    if calls > 1 {
        (best, value) = measure(calls, &mut f);
    }
    for _ in 1..reps {
        let (timing, next) = measure(calls, &mut f);
        best = best.min(timing);
        value = next;
    }
    (best, value)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1e3)
}

fn mb_per_s(bytes: usize, duration: Duration) -> String {
    format!("{:.2} MB/s", bytes as f64 / MB as f64 / duration.as_secs_f64())
}

/// Throughput by CPU time, and by wall time when the two differ.
fn rate(bytes: usize, timing: Timing) -> String {
    match timing.cpu {
        Some(cpu) => format!("{} (wall {})", mb_per_s(bytes, cpu), mb_per_s(bytes, timing.wall)),
        None => mb_per_s(bytes, timing.wall),
    }
}

/// The 1-, 5- and 15-minute load averages, where the system tells them.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
