//! The command line as users and the evaluation scripts see it: the output
//! contract, error reporting, exit statuses, determinism.
#![cfg(feature = "cli")]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_newsgraph");
const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");
const ARTICLE: &str = "examples/articles/kim-putin-de.txt";

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
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Write from another thread: the output pipe may fill before the input is all in.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    output
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_no_panic(output: &Output) {
    let stderr = stderr(output);
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "panic: {stderr}");
}

/// A fresh directory for one test's files.
fn temp_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

fn num(value: &Value, key: &str) -> usize {
    value[key].as_u64().unwrap_or_else(|| panic!("`{key}` is not a number in {value}")) as usize
}

/// Checks a span object against the input: the byte span and the char span
/// cover the same text. Returns that text.
fn span_text<'t>(text: &'t str, span: &Value) -> &'t str {
    let (start, end) = (num(span, "start"), num(span, "end"));
    assert!(start <= end, "empty or reversed span {span}");
    let by_bytes = text.get(start..end).unwrap_or_else(|| panic!("byte span off char boundaries: {span}"));
    let by_chars = chars(text, num(span, "char_start"), num(span, "char_end"));
    assert_eq!(by_bytes, by_chars, "byte and char spans differ: {span}");
    by_bytes
}

/// Checks a document graph against the output contract (schema 1) and the
/// text it was extracted from.
fn check_contract(doc: &Value, text: &str) {
    assert_eq!(doc["schema"], 1);
    assert!(matches!(doc["language"].as_str(), Some("de" | "en")), "language: {doc}");
    let sentences = doc["sentences"].as_array().expect("sentences");
    assert!(!sentences.is_empty());
    let mut previous_end = 0;
    for sentence in sentences {
        span_text(text, sentence);
        assert!(num(sentence, "start") >= previous_end, "sentences overlap or are out of order");
        previous_end = num(sentence, "end");
    }
    let sentence_span = |i: usize| (num(&sentences[i], "start"), num(&sentences[i], "end"));

    let entities = doc["entities"].as_array().expect("entities");
    let mut previous_first = 0;
    for (i, entity) in entities.iter().enumerate() {
        assert_eq!(entity["id"], format!("e{i}"));
        assert!(matches!(entity["kind"].as_str(), Some("person" | "place" | "organisation")), "{entity}");
        assert!(!entity["name"].as_str().expect("name").is_empty());
        assert!(entity.get("kb_id").is_none_or(Value::is_string), "kb_id is a string when present");
        let mentions = entity["mentions"].as_array().expect("mentions");
        assert!(!mentions.is_empty(), "entity without mentions: {entity}");
        let first = num(&mentions[0], "start");
        assert!(first >= previous_first, "entities not ordered by first mention");
        previous_first = first;
        for mention in mentions {
            assert_eq!(span_text(text, mention), mention["text"].as_str().expect("text"), "{mention}");
            let (start, end) = sentence_span(num(mention, "sentence"));
            assert!(start <= num(mention, "start") && num(mention, "end") <= end, "mention outside its sentence");
            assert!(mention["derived"].is_boolean());
        }
    }

    let entity_ids: Vec<String> = (0..entities.len()).map(|i| format!("e{i}")).collect();
    let mut previous_sentence = 0;
    for relation in doc["relations"].as_array().expect("relations") {
        assert!(matches!(relation["kind"].as_str(), Some("meets" | "trades_with")), "{relation}");
        for end in ["source", "target"] {
            assert!(entity_ids.iter().any(|id| relation[end] == id.as_str()), "unknown entity in {relation}");
        }
        assert_ne!(relation["source"], relation["target"]);
        let evidence = relation["evidence"].as_array().expect("evidence");
        assert!(!evidence.is_empty());
        let first_sentence = num(&evidence[0], "sentence");
        assert!(first_sentence >= previous_sentence, "relations not ordered by first evidence");
        previous_sentence = first_sentence;
        for ev in evidence {
            span_text(text, ev);
            let (start, end) = sentence_span(num(ev, "sentence"));
            assert!(start <= num(ev, "start") && num(ev, "end") <= end, "evidence outside its sentence");
            assert!(matches!(ev["status"].as_str(), Some("asserted" | "planned" | "negated" | "reported")));
            let trigger = ev["trigger"].as_str().expect("trigger");
            if let (Some(s), Some(e)) = (ev["trigger_start"].as_u64(), ev["trigger_end"].as_u64()) {
                assert_eq!(text.get(s as usize..e as usize), Some(trigger));
            }
        }
    }
}

#[test]
fn extract_json_follows_the_contract() {
    let output = run(&["extract", "--format", "json", "--lang", "de", ARTICLE]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_no_panic(&output);
    let out = stdout(&output);
    assert!(out.ends_with('\n') && out.matches('\n').count() == 1, "one JSON document on one line");
    let doc: Value = serde_json::from_str(out).expect("valid JSON");
    assert_eq!(doc["language"], "de");
    assert_eq!(doc.get("id"), None, "a single file gets no id");
    let text = std::fs::read_to_string(Path::new(MANIFEST_DIR).join(ARTICLE)).unwrap();
    check_contract(&doc, &text);
}

#[test]
fn stdin_is_the_default_input() {
    let text = "Kim Jong Un traf Wladimir Putin in Wladiwostok. 🤝 Grüße aus Pjöngjang.\n";
    for args in [&["extract"][..], &["extract", "-"][..]] {
        let output = run_with_stdin(args, text.as_bytes());
        assert!(output.status.success(), "{}", stderr(&output));
        let doc: Value = serde_json::from_str(stdout(&output)).unwrap();
        check_contract(&doc, text);
    }
}

#[test]
fn several_files_give_lines_with_their_paths_as_ids() {
    let dir = temp_dir("several");
    std::fs::write(dir.join("en.txt"), "Putin met Kim in Vladivostok on Wednesday.").unwrap();
    let second = dir.join("en.txt").to_string_lossy().into_owned();
    let output = run(&["extract", ARTICLE, &second]);
    assert!(output.status.success(), "{}", stderr(&output));
    let lines: Vec<Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], ARTICLE);
    assert_eq!(lines[1]["id"], second.as_str());
    assert_eq!(lines[1]["language"], "en", "auto-detected");
}

#[test]
fn jsonl_malformed_line_gets_an_error_object_and_processing_goes_on() {
    let input = concat!(
        r#"{"id": "a", "text": "Putin traf Kim in Wladiwostok."}"#,
        "\n",
        r#"{"id": "b", "text": "Kim reiste ab"#,
        "\n",
        r#"{"id": 3, "text": "Putin met Kim.", "lang": "en"}"#,
        "\n",
    );
    let output = run_with_stdin(&["extract", "--jsonl"], input.as_bytes());
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1), "a failed line makes the exit status non-zero");
    let lines: Vec<Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 3, "one output line per input line: {}", stdout(&output));
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["schema"], 1);
    assert!(lines[1]["error"].is_string());
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["id"].is_null());
    assert_eq!(lines[2]["id"], 3, "numeric ids are echoed as numbers");
    assert_eq!(lines[2]["language"], "en");
    check_contract(&lines[0], "Putin traf Kim in Wladiwostok.");
}

#[test]
fn jsonl_every_input_line_gets_exactly_one_answer() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\":\"ok\",\"text\":\"Kim.\"}\n");
    input.extend_from_slice(b"\n"); // blank
    input.extend_from_slice(b"{\"id\":\"no-text\"}\n");
    input.extend_from_slice(b"{\"id\":\"num-text\",\"text\":5}\n");
    input.extend_from_slice(b"{\"id\":\"bad\xff\",\"text\":\"x\"}\n");
    input.extend_from_slice(b"[1,2]\n");
    input.extend_from_slice(b"{\"id\":\"fr\",\"text\":\"Bonjour\",\"lang\":\"fr\"}\n");
    input.extend_from_slice(b"{\"id\":{\"x\":1},\"text\":\"x\"}\n");
    input.extend_from_slice(b"{\"text\":\"Ohne Id.\",\"lang\":null}\r\n");
    input.extend_from_slice(b"{\"id\":\"last\",\"text\":\"Ende.\"}"); // no final newline
    let output = run_with_stdin(&["extract", "--jsonl"], &input);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 10, "{}", stdout(&output));
    let errors: Vec<(usize, &str)> = lines
        .iter()
        .filter(|l| l.get("error").is_some())
        .map(|l| (num(l, "line"), l["error"].as_str().unwrap()))
        .collect();
    let failed: Vec<usize> = errors.iter().map(|(line, _)| *line).collect();
    assert_eq!(failed, [2, 3, 4, 5, 6, 7, 8], "{errors:?}");
    assert!(errors[0].1.contains("blank"));
    assert!(errors[3].1.contains("UTF-8"));
    assert_eq!(lines[2]["id"], "no-text", "the id is echoed when it was read");
    assert_eq!(lines[8].get("id"), None, "no id in, no id out");
    assert_eq!(lines[8]["schema"], 1);
    assert_eq!(lines[9]["id"], "last");

    // A final line break does not make an extra line; an empty input has no lines.
    let output = run_with_stdin(&["extract", "--jsonl"], b"{\"id\":1,\"text\":\"Kim.\"}\n");
    assert_eq!((output.status.code(), stdout(&output).lines().count()), (Some(0), 1));
    let output = run_with_stdin(&["extract", "--jsonl"], b"");
    assert_eq!((output.status.code(), stdout(&output)), (Some(0), ""));
}

#[test]
fn invalid_utf8_file_is_one_clear_error() {
    let dir = temp_dir("utf8");
    let path = dir.join("latin1.txt");
    std::fs::write(&path, b"Gr\xfc\xdfe aus Pj\xf6ngjang").unwrap();
    let path = path.to_string_lossy().into_owned();
    let output = run(&["extract", &path]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr(&output);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&path) && stderr.contains("not valid UTF-8 at byte 2"), "{stderr}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn missing_file_is_one_clear_error() {
    let output = run(&["extract", "--format", "json", "no/such/article.txt"]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.starts_with("newsgraph: no/such/article.txt: "), "{message}");

    // Other files are still processed.
    let output = run(&["extract", "no/such/article.txt", ARTICLE]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output).lines().count(), 1);
    let output = run(&["extract", "--jsonl", "no/such/lines.jsonl"]);
    assert_eq!((output.status.code(), stderr(&output).lines().count()), (Some(2), 1));
}

#[test]
fn directory_is_an_error_not_a_panic() {
    let output = run(&["extract", "src"]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).starts_with("newsgraph: src: "));
}

#[test]
fn bad_flags_fail() {
    for args in [
        &["extract", "--bogus"][..],
        &["extract", "--format", "yaml", ARTICLE][..],
        &["extract", "--lang", "fr", ARTICLE][..],
        &["extract", "--max-bytes", "lots", ARTICLE][..],
        &["extract", "--format", "graphml", ARTICLE, ARTICLE][..],
        &["frobnicate"][..],
        &[][..],
    ] {
        let output = run(args);
        assert_no_panic(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&output).is_empty(), "{args:?}");
        assert!(stdout(&output).is_empty(), "{args:?}");
    }
    let output = run(&["--help"]);
    assert!(output.status.success() && stdout(&output).contains("extract"));
}

#[test]
fn max_bytes_too_small_is_a_clear_error() {
    let output = run(&["extract", "--max-bytes", "100", ARTICLE]);
    assert_no_panic(&output);
    assert_eq!(output.status.code(), Some(2));
    let stderr = stderr(&output);
    assert!(stderr.contains(ARTICLE) && stderr.contains("too large") && stderr.contains("--max-bytes"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);

    // In JSONL mode the line fails, and the next one goes through.
    let long =
        format!("{{\"id\":\"long\",\"text\":\"{}\"}}\n{{\"id\":\"short\",\"text\":\"Kim.\"}}\n", "Kim ".repeat(100));
    let output = run_with_stdin(&["extract", "--jsonl", "--max-bytes", "1K"], long.as_bytes());
    assert_eq!(output.status.code(), Some(0));
    let output = run_with_stdin(&["extract", "--jsonl", "--max-bytes", "200"], long.as_bytes());
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<Value> = stdout(&output).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"].as_str().unwrap().contains("too long"));
    assert_eq!(lines[1]["id"], "short");
}

/// A JSONL input of `n` lines, long enough to span several chunks.
fn big_jsonl(n: usize) -> String {
    let article = std::fs::read_to_string(Path::new(MANIFEST_DIR).join(ARTICLE)).unwrap();
    let paragraphs: Vec<&str> = article.split("\n\n").collect();
    let mut input = String::new();
    for i in 0..n {
        let text = paragraphs[i % paragraphs.len()];
        let line = serde_json::json!({"id": format!("p{i}"), "text": text});
        input.push_str(&line.to_string());
        input.push('\n');
        if i % 97 == 0 {
            input.push_str("not json\n");
        }
    }
    input
}

#[test]
fn output_is_byte_identical_across_runs_and_thread_counts() {
    let first = run(&["extract", ARTICLE]);
    let second = run(&["extract", ARTICLE]);
    assert!(first.status.success());
    assert_eq!(first.stdout, second.stdout);

    let input = big_jsonl(700);
    let one = run_with_stdin(&["extract", "--jsonl", "--threads", "1"], input.as_bytes());
    let four = run_with_stdin(&["extract", "--jsonl", "--threads", "4"], input.as_bytes());
    let again = run_with_stdin(&["extract", "--jsonl"], input.as_bytes());
    assert_eq!(one.status.code(), Some(1), "the `not json` lines fail");
    assert_eq!(stdout(&one).lines().count(), input.lines().count());
    assert!(one.stdout == four.stdout && one.stdout == again.stdout, "output depends on threads");
    for (i, line) in stdout(&one).lines().enumerate() {
        let value: Value = serde_json::from_str(line).unwrap();
        if value.get("error").is_some() {
            assert_eq!(num(&value, "line"), i + 1);
        }
    }
}

#[test]
fn closed_stdout_ends_quietly() {
    let input = big_jsonl(3000);
    let mut child = newsgraph(&["extract", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // The reader may stop reading once its output is gone: ignore errors.
        let _ = stdin.write_all(input.as_bytes());
    });
    let mut out = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    out.read_exact(&mut first).unwrap();
    assert!(first.starts_with(b"{\"schema\":1"));
    drop(out);
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_no_panic(&output);
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn text_format() {
    let output = run(&["extract", "--format", "text", "--lang", "de", ARTICLE]);
    assert!(output.status.success());
    let out = stdout(&output);
    assert!(out.starts_with("de: "), "{out}");
    assert!(out.contains("\nS0 [0..") && out.contains("Kim kommt zu Gesprächen mit Putin"));

    let output = run_with_stdin(
        &["extract", "--jsonl", "--lang", "de", "--format", "text"],
        b"{\"id\":7,\"text\":\"Kim.\"}\nnope\n",
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("# 7\nde: 1 sentence"));
    assert_eq!(stderr(&output).trim(), "newsgraph: <stdin>:2: invalid JSON: expected ident at line 1 column 2");
}

#[test]
fn dot_format() {
    let output = run(&["extract", "--format", "dot", ARTICLE]);
    assert!(output.status.success());
    let out = stdout(&output);
    assert!(out.starts_with("graph \"newsgraph\" {\n") && out.ends_with("}\n"), "{out}");
    match Command::new("dot").arg("-Tsvg").stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn() {
        Ok(mut dot) => {
            dot.stdin.take().unwrap().write_all(out.as_bytes()).unwrap();
            let rendered = dot.wait_with_output().unwrap();
            assert!(rendered.status.success(), "{}", String::from_utf8_lossy(&rendered.stderr));
            assert!(String::from_utf8_lossy(&rendered.stdout).contains("<svg"));
        }
        Err(_) => eprintln!("note: Graphviz `dot` is not on PATH; not rendering"),
    }
}

#[test]
fn graphml_format() {
    let output = run(&["extract", "--format", "graphml", ARTICLE]);
    assert!(output.status.success());
    assert!(stdout(&output).starts_with("<?xml") && stdout(&output).ends_with("</graphml>\n"));
}

#[test]
fn corpus_merges_files_and_jsonl() {
    let dir = temp_dir("corpus");
    std::fs::write(dir.join("b.txt"), "Putin traf Kim.").unwrap();
    let second = dir.join("b.txt").to_string_lossy().into_owned();
    let output = run(&["corpus", ARTICLE, &second]);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.starts_with("{\"schema\":1,\"documents\":2,"), "{out}");
    let value: Value = serde_json::from_str(out).unwrap();
    assert!(value["nodes"].is_array() && value["edges"].is_array());

    for format in ["dot", "graphml"] {
        let output = run(&["corpus", "--format", format, ARTICLE, &second]);
        assert!(output.status.success(), "{format}");
    }

    let output = run_with_stdin(&["corpus", "--jsonl"], b"{\"id\":1,\"text\":\"Kim.\"}\n{\"text\":\"Putin.\"}\n{\n");
    assert_eq!(output.status.code(), Some(1));
    let value: Value = serde_json::from_str(stdout(&output)).unwrap();
    assert_eq!(value["documents"], 2);
    assert!(stderr(&output).starts_with("newsgraph: <stdin>:3: "));

    let output = run(&["corpus", "--format", "text", ARTICLE]);
    assert_eq!(output.status.code(), Some(2));
}
