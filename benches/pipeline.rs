//! Throughput of the public pipeline stages on real news text (issue 6).
//!
//! ```text
//! cargo bench --bench pipeline            # all
//! cargo bench --bench pipeline -- extract # only names containing "extract"
//! ```
//!
//! The text is built at start from the reference article and, when present,
//! `../shared` (see `common/corpus.rs`), repeated to [`BENCH_BYTES`].
//! Throughput is given in input bytes, decimal (MB/s), whatever the stage
//! produces, so that the stages add up and compare with `examples/floor.rs`.
//!
//! Gazetteer matching, mention rules, entities and relations are
//! crate-private: `stage_split` times them inside `extract` (with
//! `Extractor::extract_timed`, best of five runs) and prints MB/s per stage.
//!
//! Times are the CPU time of the benchmark thread (see `common/cpu_time.rs`),
//! wall time where the system does not tell it: the benchmarks share a
//! small, busy machine, where waits for a core are noise, not cost. Cold
//! start, which runs a child process, is wall time. Samples are few and
//! short for the same reason (the whole run takes about a minute and a half). Benchmarks whose
//! call takes a large part of a second use [`SamplingMode::Flat`], the same
//! number of calls in every sample, so that ten samples fit their time.

use std::hint::black_box;
use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

use newsgraph::output::{self, Format};
use newsgraph::{sentences, tokenize, Extractor};

#[path = "common/corpus.rs"]
mod corpus;
#[path = "common/cpu_time.rs"]
mod cpu_time;

use corpus::Corpus;
use cpu_time::thread_cpu_time;

/// Size of the benchmark text: large enough that per-call overhead vanishes,
/// small enough that a whole-pipeline call stays well under a second.
const BENCH_BYTES: usize = 2_000_000;

/// Criterion measurement: CPU time of the benchmark thread, wall time where
/// it is not known. Values are durations, shown as wall times are (hence the
/// [`WallTime`] inside, whose formatter this borrows).
struct CpuTime(WallTime);

impl Measurement for CpuTime {
    type Intermediate = (Instant, Option<Duration>);
    type Value = Duration;

    fn start(&self) -> Self::Intermediate {
        (Instant::now(), thread_cpu_time())
    }

    fn end(&self, (wall, cpu): Self::Intermediate) -> Duration {
        match cpu.zip(thread_cpu_time()) {
            Some((before, after)) => after.saturating_sub(before),
            None => wall.elapsed(),
        }
    }

    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        self.0.formatter()
    }
}

fn stages(c: &mut Criterion<CpuTime>) {
    let corpus = Corpus::load();
    eprintln!("{}", corpus.describe());
    let text = corpus.text(BENCH_BYTES);
    let documents = corpus.documents(BENCH_BYTES, false);
    let document_bytes: usize = documents.iter().map(|d| d.len()).sum();
    eprintln!("text: {} bytes as one document; {} documents of {document_bytes} bytes", text.len(), documents.len());

    // Parses the default gazetteers and word lists now, outside every measurement.
    let extractor = Extractor::new();
    let tokens = tokenize::tokenize(&text);
    let doc = extractor.extract(&text);

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::BytesDecimal(text.len() as u64));

    group.bench_function("tokenize", |b| b.iter(|| tokenize::tokenize(black_box(&text))));
    group.bench_function("sentences", |b| b.iter(|| sentences::split(black_box(&text), black_box(&tokens))));
    group.bench_function("json", |b| {
        // Output about 10× the input: start with room for it, as a writer reusing its buffer would.
        let mut out = String::with_capacity(16 * text.len());
        b.iter(|| {
            out.clear();
            output::write(black_box(&doc), Some("bench"), Format::Json, &mut out);
            out.len()
        })
    });
    group.finish();

    // A whole-pipeline call on 2 MB takes about a second (end of 2025): give
    // ten of them the time they need rather than have criterion warn.
    let mut group = c.benchmark_group("pipeline");
    group.sampling_mode(SamplingMode::Flat);
    group.measurement_time(Duration::from_secs(15));
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
    group.bench_function("extract", |b| b.iter(|| extractor.extract(black_box(&text))));
    group.bench_function("extract+json", |b| {
        let mut out = String::new();
        b.iter(|| {
            out.clear();
            let doc = extractor.extract(black_box(&text));
            output::write(&doc, Some("bench"), Format::Json, &mut out);
            out.len()
        })
    });

    // The same bytes as many article-sized documents, as a JSONL batch has them.
    group.throughput(Throughput::BytesDecimal(document_bytes as u64));
    group.bench_function("extract_documents", |b| {
        b.iter(|| {
            let mut entities = 0;
            for document in &documents {
                entities += extractor.extract(black_box(document)).entities.len();
            }
            entities
        })
    });
    group.finish();
}

/// MB/s of every stage inside one `extract` call, from the stage clocks of
/// `Extractor::extract_timed`: the best of five runs for each stage.
fn stage_split(_: &mut Criterion<CpuTime>) {
    let text = Corpus::load().text(BENCH_BYTES);
    let extractor = Extractor::new();
    let mut best: Option<newsgraph::extractor::StageTimes> = None;
    for _ in 0..5 {
        let (_, times) = extractor.extract_timed(black_box(&text), newsgraph::LanguageChoice::De);
        best = Some(match best {
            None => times,
            Some(b) => newsgraph::extractor::StageTimes {
                tokenize: b.tokenize.min(times.tokenize),
                sentences: b.sentences.min(times.sentences),
                units: b.units.min(times.units),
                gazetteer: b.gazetteer.min(times.gazetteer),
                rules: b.rules.min(times.rules),
                entities: b.entities.min(times.entities),
                relations: b.relations.min(times.relations),
            },
        });
    }
    let Some(t) = best else { return };
    let mb_per_s = |d: Duration| text.len() as f64 / 1e6 / d.as_secs_f64().max(1e-9);
    eprintln!("stage split inside extract ({} bytes, German, best of 5, wall time):", text.len());
    for (stage, time) in [
        ("tokenize", t.tokenize),
        ("sentences", t.sentences),
        ("units (match keys)", t.units),
        ("gazetteer matching", t.gazetteer),
        ("mention rules", t.rules),
        ("entities (linking)", t.entities),
        ("relations", t.relations),
    ] {
        eprintln!("  {stage:<20} {:>8.1} ms {:>8.1} MB/s", time.as_secs_f64() * 1e3, mb_per_s(time));
    }
}

/// Cold start: the default gazetteers are a `Lazy` static, parsed once per
/// process, so the only way to measure them again and again is a new
/// process. Runs the command-line tool on the reference article, given on
/// standard input.
fn cold_start(c: &mut Criterion) {
    // Set by Cargo for benchmarks when the binary is built (feature `cli`).
    let Some(binary) = option_env!("CARGO_BIN_EXE_newsgraph") else {
        eprintln!("cold_start: skipped, the newsgraph binary is not built (feature `cli` off)");
        return;
    };
    let mut group = c.benchmark_group("cold_start");
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("cli_extract_short_article", |b| {
        b.iter(|| {
            let mut child = Command::new(binary)
                .args(["extract", "--lang", "de"])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .spawn()
                .expect("newsgraph starts");
            // 4 KB fit in the pipe, and the output goes to /dev/null: no deadlock.
            let mut stdin = child.stdin.take().expect("stdin is piped");
            stdin.write_all(corpus::REFERENCE_ARTICLE.as_bytes()).expect("newsgraph reads its input");
            drop(stdin);
            let status = child.wait().expect("newsgraph runs");
            assert!(status.success(), "newsgraph failed: {status}");
        })
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default().sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = in_process;
    config = config().with_measurement(CpuTime(WallTime));
    targets = stages, stage_split
}
criterion_group! {
    name = processes;
    config = config();
    targets = cold_start
}
criterion_main!(in_process, processes);
