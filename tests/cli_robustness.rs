//! Robustness of the command line (issue 7): hostile JSONL input, files that
//! are not UTF-8 among good ones, size limits, outputs that go away. What
//! `tests/cli.rs` already covers (the contract, the basic error cases, a
//! closed pipe in JSONL mode) is not repeated here.
#![cfg(feature = "cli")]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");
const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

fn newsgraph(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args).current_dir(MANIFEST_DIR);
    command
}

fn run(args: &[&str]) -> Output {
    newsgraph(args).stdin(Stdio::null()).output().expect("binary runs")
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = newsgraph(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = input.to_vec();
    // From another thread: the output pipe may fill before the input is all in.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("binary ends");
    writer.join().expect("writer thread");
    output
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).expect("output is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_no_panic(output: &Output) {
    let stderr = stderr(output);
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "panic: {stderr}");
}

/// The JSON values of the output, one per line.
fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

/// A fresh directory for one test's files.
fn temp_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_robustness").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path.to_string_lossy().into_owned()
}

/// JSONL lines that are all wrong in different ways, each with the start of
/// the error message expected for it.
fn bad_lines() -> Vec<(Vec<u8>, &'static str)> {
    vec![
        (b"".to_vec(), "blank line"),
        (b"   \t ".to_vec(), "blank line"),
        (b"\"just a string\"".to_vec(), "expected a JSON object"),
        (b"null".to_vec(), "expected a JSON object"),
        (b"42".to_vec(), "expected a JSON object"),
        (b"true".to_vec(), "expected a JSON object"),
        (b"{}".to_vec(), "missing \"text\""),
        (b"{\"id\":\"n\",\"text\":null}".to_vec(), "\"text\" must be a string"),
        (b"{\"id\":\"u\",\"text\":\"Gr\xfc\xdfe aus Pj\xf6ngjang\"}".to_vec(), "not valid UTF-8"),
        (b"{\"id\":\"s\",\"text\":\"\\ud800 lone surrogate\"}".to_vec(), "invalid JSON"),
        (b"{\"id\":\"t\",\"text\":\"Kim\"} trailing".to_vec(), "invalid JSON"),
        (b"{\"id\":1e400,\"text\":\"Kim\"}".to_vec(), "invalid JSON"),
        (format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(), "invalid JSON"),
        (
            format!("{{\"text\":\"Kim\",\"x\":{}{}}}", "{\"a\":".repeat(50_000), "}".repeat(50_000)).into_bytes(),
            "invalid JSON",
        ),
        (b"{\"text\":\"Kim\",\"lang\":7}".to_vec(), "\"lang\" must be a string"),
        (b"\x00\x00\x00".to_vec(), "invalid JSON"),
        (b"\xef\xbb\xbf\xef\xbb\xbf{\"text\":\"two byte-order marks\"}".to_vec(), "invalid JSON"),
    ]
}

#[test]
fn jsonl_file_every_line_gets_one_answer_naming_its_line() {
    let dir = temp_dir("every_line");
    let mut input = Vec::new();
    let mut expected: Vec<Option<&str>> = Vec::new();
    input.extend_from_slice(b"\xef\xbb\xbf{\"id\":\"bom\",\"text\":\"Putin traf Kim.\"}\n");
    expected.push(None);
    for (line, message) in bad_lines() {
        input.extend_from_slice(&line);
        input.push(b'\n');
        expected.push(Some(message));
        input
            .extend_from_slice(b"{\"id\":\"ok\",\"text\":\"Kim Jong Un traf Putin in Wladiwostok.\\u0000\\r\\n\"}\r\n");
        expected.push(None);
    }
    input.extend_from_slice(b"{\"id\":18446744073709551616,\"text\":\"Putin met Kim.\",\"lang\":\"EN\"}");
    expected.push(None);
    let path = write(&dir, "lines.jsonl", &input);

    for threads in ["1", "2"] {
        let output = run(&["extract", "--jsonl", "--threads", threads, &path]);
        assert_no_panic(&output);
        assert_eq!(output.status.code(), Some(1), "failed lines make the status 1");
        let lines = json_lines(&output);
        assert_eq!(lines.len(), expected.len(), "one output line per input line:\n{}", stdout(&output));
        for (i, (line, want)) in lines.iter().zip(&expected).enumerate() {
            match want {
                None => {
                    assert_eq!(line["schema"], 1, "line {}: {line}", i + 1);
                    assert!(line.get("error").is_none());
                }
                Some(message) => {
                    let error = line["error"].as_str().unwrap_or_else(|| panic!("line {}: no error in {line}", i + 1));
                    assert!(error.starts_with(message), "line {}: {error:?} should start with {message:?}", i + 1);
                    assert_eq!(line["line"], i + 1, "error object names its line: {line}");
                    assert_eq!(line["file"], path.as_str(), "error object names its file: {line}");
                }
            }
        }
        assert_eq!(lines[0]["id"], "bom");
        assert!(lines.last().unwrap()["id"].is_number(), "an id beyond u64 stays a number");
        assert!(stderr(&output).is_empty(), "line errors are reported on stdout only: {}", stderr(&output));
    }
}

#[test]
fn jsonl_text_format_reports_file_and_line_on_stderr() {
    let dir = temp_dir("text_format");
    let path = write(
        &dir,
        "lines.jsonl",
        b"{\"id\":1,\"text\":\"Kim.\"}\n\n{\"id\":3,\"text\":\"Gr\xfc\xdfe\"}\n{\"id\":4,\"text\":\"Putin.\"}\n",
    );
    let output = run(&["extract", "--jsonl", "--format", "text", &path]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let messages: Vec<&str> = err.lines().collect();
    assert_eq!(messages.len(), 2, "{err}");
    assert_eq!(messages[0], format!("newsgraph: {path}:2: blank line"));
    assert!(messages[1].starts_with(&format!("newsgraph: {path}:3: not valid UTF-8 at byte ")), "{err}");
    assert!(stdout(&output).starts_with("# 1\n") && stdout(&output).contains("\n# 4\n"), "{}", stdout(&output));

    // Several JSONL files: line numbers start again in each, and the file says which.
    let second = write(&dir, "second.jsonl", b"oops\n");
    let output = run(&["extract", "--jsonl", "--format", "text", &path, &second]);
    assert!(stderr(&output).contains(&format!("newsgraph: {second}:1: invalid JSON")), "{}", stderr(&output));
    let output = run(&["extract", "--jsonl", &path, &second]);
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 5);
    assert_eq!((&lines[4]["file"], &lines[4]["line"]), (&Value::from(second.as_str()), &Value::from(1)));
    assert_eq!(lines[1]["file"], path.as_str());
}

#[test]
fn jsonl_huge_lines() {
    // A line of several megabytes spans many read buffers and still gets its one answer.
    let text = format!("Putin traf Kim.{}Ende.", " ".repeat(3 << 20));
    let huge = serde_json::json!({"id": "huge", "text": text}).to_string();
    let mut input = Vec::new();
    input.extend_from_slice(huge.as_bytes());
    input.extend_from_slice(b"\n{\"id\":\"after\",\"text\":\"Kim.\"}\n");
    input.extend_from_slice(huge.as_bytes());
    input.push(b'\n');
    let output = run_with_stdin(&["extract", "--jsonl"], &input);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "huge");
    assert_eq!(lines[0]["sentences"].as_array().map(Vec::len), Some(2));
    assert_eq!(lines[1]["id"], "after");

    // Over the limit: an error for that line only, without holding it in memory.
    let output = run_with_stdin(&["extract", "--jsonl", "--max-bytes", "1M"], &input);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 3);
    for i in [0, 2] {
        let error = lines[i]["error"].as_str().expect("error");
        assert!(
            error.contains("line too long") && error.contains("1048576") && error.contains("--max-bytes"),
            "{error}"
        );
        assert_eq!(lines[i]["line"], i + 1);
    }
    assert_eq!(lines[1]["id"], "after");
}

#[test]
fn invalid_utf8_file_among_several_fails_alone() {
    let dir = temp_dir("utf8_among_several");
    let good = write(&dir, "good.txt", "Putin traf Kim in Wladiwostok.".as_bytes());
    let bad = write(&dir, "bad.txt", b"Kim traf Putin.\nGr\xfc\xdfe aus Pj\xf6ngjang");
    let empty = write(&dir, "empty.txt", b"");
    let output = run(&["extract", &good, &bad, &empty]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    let lines = json_lines(&output);
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().expect("id")).collect();
    assert_eq!(ids, [good.as_str(), empty.as_str()], "the other files still produce output");
    assert!(lines[1]["sentences"].as_array().is_some_and(Vec::is_empty), "an empty file is an empty document");
    let err = stderr(&output);
    assert_eq!(err.lines().collect::<Vec<_>>(), [format!("newsgraph: {bad}: not valid UTF-8 at byte 18")]);

    // The same in text format, and in a corpus.
    let output = run(&["extract", "--format", "text", &bad, &good]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).contains("Wladiwostok"), "{}", stdout(&output));
    let output = run(&["corpus", &bad, &good]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    let corpus: Value = serde_json::from_str(stdout(&output)).expect("corpus JSON");
    assert_eq!(corpus["documents"], 1);
    assert!(stderr(&output).contains(&bad));
}

#[test]
fn max_bytes_limits_each_file_with_a_clear_error() {
    let dir = temp_dir("max_bytes");
    let small = write(&dir, "small.txt", b"Kim.");
    let large = write(&dir, "large.txt", "Putin traf Kim. ".repeat(100).as_bytes());
    let output = run(&["extract", "--max-bytes", "1K", &large, &small]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(json_lines(&output).len(), 1, "the small file is still processed");
    let err = stderr(&output);
    assert_eq!(
        err.trim_end(),
        format!("newsgraph: {large}: document too large: more than 1024 bytes (raise --max-bytes)")
    );

    // Exactly at the limit is fine; a byte over is not.
    let output = run(&["extract", "--max-bytes", "1600", &large]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = run(&["extract", "--max-bytes", "1599", &large]);
    assert_eq!(output.status.code(), Some(2));

    // From standard input too.
    let output = run_with_stdin(&["extract", "--max-bytes", "10"], b"Putin traf Kim.");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("newsgraph: <stdin>: document too large"), "{}", stderr(&output));

    // Zero accepts only empty input.
    let empty = write(&dir, "empty.txt", b"");
    assert_eq!(run(&["extract", "--max-bytes", "0", &empty]).status.code(), Some(0));
    assert_eq!(run(&["extract", "--max-bytes", "0", &small]).status.code(), Some(2));

    for bad in ["-1", "1T", "", "1.5M", "18446744073709551616", "17179869184G"] {
        let flag = format!("--max-bytes={bad}");
        let output = run(&["extract", &flag, &small]);
        assert_no_panic(&output);
        assert_eq!(output.status.code(), Some(2), "--max-bytes {bad:?}");
        assert!(stderr(&output).contains("--max-bytes"), "{bad:?}: {}", stderr(&output));
        assert!(stdout(&output).is_empty());
    }
}

/// Spawns `args`, reads the first line of its output, closes the pipe, and
/// checks that the process ends quietly.
fn read_one_line_then_close(args: &[&str], input: Option<Vec<u8>>) {
    let mut child = newsgraph(args)
        .stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let writer = input.map(|input| {
        let mut stdin = child.stdin.take().expect("stdin");
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        })
    });
    let mut out = child.stdout.take().expect("stdout");
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    while out.read(&mut byte).expect("read") == 1 && byte[0] != b'\n' {
        first.push(byte[0]);
    }
    assert!(!first.is_empty(), "{args:?}: no output at all");
    drop(out);
    let output = child.wait_with_output().expect("binary ends");
    if let Some(writer) = writer {
        writer.join().expect("writer thread");
    }
    assert_no_panic(&output);
    assert!(stderr(&output).is_empty(), "{args:?}: {}", stderr(&output));
    assert_eq!(output.status.code(), Some(0), "{args:?}");
}

#[test]
fn closed_stdout_ends_quietly_for_every_mode() {
    let dir = temp_dir("closed_stdout");
    let article = "Kim Jong Un traf Wladimir Putin in Wladiwostok. Der Kreml-Sprecher Peskow sagte, Nordkorea liefere Munition an Moskau.\n\n"
        .repeat(200);
    let files: Vec<String> = (0..40).map(|i| write(&dir, &format!("a{i}.txt"), article.as_bytes())).collect();
    let mut args = vec!["extract"];
    args.extend(files.iter().map(String::as_str));
    read_one_line_then_close(&args, None);
    let mut args = vec!["extract", "--format", "text"];
    args.extend(files.iter().map(String::as_str));
    read_one_line_then_close(&args, None);
    let mut args = vec!["extract", "--format", "dot"];
    args.extend(files.iter().map(String::as_str));
    read_one_line_then_close(&args, None);

    // JSONL in text format, with failing lines reported on stderr before the
    // pipe closes: only the pipe's closing must stay quiet, so no bad lines here.
    let short = article.split("\n\n").take(20).collect::<Vec<_>>().join("\n\n");
    let line = serde_json::json!({"id": "x", "text": short}).to_string() + "\n";
    read_one_line_then_close(&["extract", "--jsonl", "--format", "text"], Some(line.repeat(600).into_bytes()));
}

#[test]
fn output_that_cannot_be_written_is_one_clear_error() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("note: no /dev/full here; skipping");
        return;
    }
    let sink = std::fs::OpenOptions::new().write(true).open(full).expect("open /dev/full");
    let output = newsgraph(&["extract", "examples/articles/kim-putin-de.txt"])
        .stdin(Stdio::null())
        .stdout(sink)
        .stderr(Stdio::piped())
        .output()
        .expect("binary runs");
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("newsgraph: cannot write output: "), "{err}");
}

#[test]
fn jsonl_from_a_directory_or_twice_from_stdin() {
    let output = run(&["extract", "--jsonl", "src"]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("newsgraph: src: "), "{}", stderr(&output));
    assert_eq!(stderr(&output).lines().count(), 1);

    // `-` twice: the second read finds the input used up, not a crash.
    let output = run_with_stdin(&["extract", "--jsonl", "-", "-"], b"{\"text\":\"Kim.\"}\n");
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json_lines(&output).len(), 1);
    let output = run_with_stdin(&["extract", "-", "-"], b"Kim.");
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json_lines(&output).len(), 2);
}

#[test]
fn hostile_articles_give_valid_json() {
    let dir = temp_dir("hostile");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("nul.txt", b"Putin\0traf\0Kim.\0".to_vec()),
        ("crlf.txt", b"Putin traf Kim.\r\n\r\nKim reiste ab.\r\n".to_vec()),
        ("controls.txt", (0u8..0x20).chain([0x7f]).collect()),
        ("bom.txt", "\u{feff}Putin traf Kim.".as_bytes().to_vec()),
        ("rtl.txt", "\u{202e}Putin traf Kim\u{202c} بوتين".as_bytes().to_vec()),
        ("quotes.txt", "\"\\\"\\\\ „Kim“ \u{2028}\u{2029}".as_bytes().to_vec()),
        ("whitespace.txt", b" \t\n\r\n  ".to_vec()),
    ];
    let paths: Vec<String> = cases.iter().map(|(name, bytes)| write(&dir, name, bytes)).collect();
    let mut args = vec!["extract"];
    args.extend(paths.iter().map(String::as_str));
    let output = run(&args);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), cases.len());
    for ((line, path), (_, bytes)) in lines.iter().zip(&paths).zip(&cases) {
        assert_eq!(line["id"], path.as_str());
        let text = std::str::from_utf8(bytes).expect("fixture is UTF-8");
        for entity in line["entities"].as_array().expect("entities") {
            for mention in entity["mentions"].as_array().expect("mentions") {
                let (start, end) =
                    (mention["start"].as_u64().unwrap() as usize, mention["end"].as_u64().unwrap() as usize);
                assert_eq!(mention["text"], text[start..end], "{path}");
            }
        }
    }
    // Ids that are hostile strings come back unchanged.
    let output = run_with_stdin(
        &["extract", "--jsonl"],
        b"{\"id\":\"\\u0000\\n\\\"\\\\\\u2028\xf0\x9f\xa4\x9d\",\"text\":\"Kim.\"}\n",
    );
    assert_eq!(json_lines(&output)[0]["id"], "\u{0}\n\"\\\u{2028}🤝");
}
