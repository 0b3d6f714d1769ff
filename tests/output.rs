//! The writers of `newsgraph::output` and the graphs of `newsgraph::graph`,
//! on hand-built documents: extraction proper is tested elsewhere, and these
//! tests must not change when the extractor gets better.

use std::io::Write as _;
use std::process::{Command, Stdio};

use newsgraph::graph::{CorpusGraph, Graph};
use newsgraph::output::{self, dot, graphml, json, text, CharOffsets, Format};
use newsgraph::{
    Document, Entity, EntityId, EntityKind, Evidence, Extractor, Language, Mention, MentionSource, Relation,
    RelationKind, Span, Status,
};
use proptest::prelude::*;
use serde_json::Value;

const TEXT: &str = "Kim Jong Un traf Wladimir Putin 🤝 in Wladiwostok.\n\n\
Der nordkoreanische Machthaber will Waffen an Moskau verkaufen, sagte Peskow. 北京 schweigt.";

/// The span of the `nth` occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> Span {
    let (start, _) = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle:?} #{nth} not in text"));
    Span::new(start, start + needle.len())
}

fn sentence_of(doc: &Document<'_>, span: Span) -> usize {
    doc.sentences.iter().position(|s| s.span.contains(span)).expect("span lies in a sentence")
}

fn mention(doc: &Document<'_>, needle: &str, nth: usize, derived: bool) -> Mention {
    let span = find(doc.text, needle, nth);
    Mention { span, sentence: sentence_of(doc, span), derived, source: MentionSource::Gazetteer }
}

fn entity<'a>(
    id: usize,
    kind: EntityKind,
    name: &'a str,
    kb_id: Option<&'a str>,
    mentions: Vec<Mention>,
) -> Entity<'a> {
    Entity { id: EntityId(id), kind, name: name.into(), kb_id: kb_id.map(Into::into), subtype: None, mentions }
}

fn evidence(doc: &Document<'_>, trigger: &str, status: Status, supplier: Option<usize>) -> Evidence {
    let trigger = find(doc.text, trigger, 0);
    let sentence = sentence_of(doc, trigger);
    Evidence { sentence, span: doc.sentences[sentence].span, trigger, status, supplier: supplier.map(EntityId) }
}

/// [`TEXT`] with entities and relations as a good extractor would report them.
fn kim_putin() -> Document<'static> {
    let mut doc = Extractor::builder().language(Language::De).build().expect("default extractor").extract(TEXT);
    let m = |needle, derived| mention(&doc, needle, 0, derived);
    doc.entities = vec![
        entity(0, EntityKind::Person, "Kim Jong Un", Some("Q56226"), vec![m("Kim Jong Un", false)]),
        entity(1, EntityKind::Person, "Wladimir Putin", Some("Q7747"), vec![m("Wladimir Putin", false)]),
        entity(2, EntityKind::Place, "Wladiwostok", None, vec![m("Wladiwostok", false)]),
        entity(3, EntityKind::Place, "Nordkorea", Some("Q423"), vec![m("nordkoreanische", true)]),
        entity(4, EntityKind::Place, "Moskau", Some("Q649"), vec![m("Moskau", false)]),
        entity(5, EntityKind::Person, "Dmitri Peskow", None, vec![m("Peskow", false)]),
        entity(6, EntityKind::Place, "Peking", Some("Q956"), vec![m("北京", false)]),
    ];
    doc.relations = vec![
        Relation {
            kind: RelationKind::Meets,
            source: EntityId(0),
            target: EntityId(1),
            evidence: vec![evidence(&doc, "traf", Status::Asserted, None)],
        },
        Relation {
            kind: RelationKind::TradesWith,
            source: EntityId(3),
            target: EntityId(4),
            evidence: vec![evidence(&doc, "verkaufen", Status::Reported, Some(3))],
        },
    ];
    doc
}

fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

fn as_usize(value: &Value, key: &str) -> usize {
    value[key].as_u64().unwrap_or_else(|| panic!("{key} missing in {value}")) as usize
}

/// Checks that a span object's byte and char offsets denote the same text.
fn check_span(text: &str, span: &Value) -> String {
    let (start, end) = (as_usize(span, "start"), as_usize(span, "end"));
    let by_bytes = text.get(start..end).expect("byte span on char boundaries");
    let by_chars = chars(text, as_usize(span, "char_start"), as_usize(span, "char_end"));
    assert_eq!(by_bytes, by_chars, "byte and char span differ in {span}");
    by_chars
}

#[test]
fn json_follows_the_contract() {
    let doc = kim_putin();
    let mut out = String::new();
    json::write_document(&doc, Some("kp-1"), &mut out);
    assert!(!out.contains('\n'), "one line");
    assert!(out.starts_with(r#"{"schema":1,"id":"kp-1","language":"de","sentences":[{"start":0,"#));

    let value: Value = serde_json::from_str(&out).expect("valid JSON");
    let keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 6);
    for sentence in value["sentences"].as_array().unwrap() {
        check_span(TEXT, sentence);
    }
    let entities = value["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 7);
    for (i, entity) in entities.iter().enumerate() {
        assert_eq!(entity["id"], format!("e{i}"));
        for mention in entity["mentions"].as_array().unwrap() {
            assert_eq!(check_span(TEXT, mention), mention["text"].as_str().unwrap());
        }
    }
    assert_eq!(entities[2].get("kb_id"), None, "kb_id is left out when unknown");
    assert_eq!(entities[3]["mentions"][0]["derived"], true);
    assert_eq!(entities[6]["mentions"][0]["text"], "北京");

    let meets = &value["relations"][0];
    assert_eq!(
        (meets["kind"].as_str(), meets["source"].as_str(), meets["target"].as_str()),
        (Some("meets"), Some("e0"), Some("e1"))
    );
    let ev = &meets["evidence"][0];
    assert_eq!(ev["trigger"], "traf");
    assert_eq!(ev["status"], "asserted");
    assert_eq!(ev.get("supplier"), None);
    assert_eq!(&TEXT[as_usize(ev, "trigger_start")..as_usize(ev, "trigger_end")], "traf");
    assert!(check_span(TEXT, ev).starts_with("Kim Jong Un traf"));

    let trade = &value["relations"][1]["evidence"][0];
    assert_eq!((trade["status"].as_str(), trade["supplier"].as_str()), (Some("reported"), Some("e3")));

    // Without an id there is no "id" key at all.
    out.clear();
    json::write_document(&doc, None, &mut out);
    assert!(out.starts_with(r#"{"schema":1,"language":"de","#));
}

#[test]
fn json_ids_keep_their_type() {
    let doc = Extractor::new().extract("Kim reiste ab.");
    for (id, expected) in [
        (json::Id::Str("42"), Value::from("42")),
        (json::Id::Int(-42), Value::from(-42)),
        (json::Id::UInt(u64::MAX), Value::from(u64::MAX)),
        (json::Id::Float(2.5), Value::from(2.5)),
    ] {
        let mut out = String::new();
        json::write_document_with_id(&doc, Some(id), &mut out);
        let value: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["id"], expected);
    }
}

#[test]
fn error_objects() {
    let mut out = String::new();
    json::write_error(Some("a\"b"), "missing \"text\"", Some(7), &mut out);
    assert_eq!(out, r#"{"id":"a\"b","error":"missing \"text\"","line":7}"#);
    out.clear();
    json::write_error_with_id(Some(json::Id::Int(3)), "bad", None, &mut out);
    assert_eq!(out, r#"{"id":3,"error":"bad"}"#);
    out.clear();
    json::write_error(None, "blank line", Some(2), &mut out);
    let value: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((value["id"].is_null(), value["line"].as_u64()), (true, Some(2)));
}

const NASTY: &[&str] = &[
    "",
    "\"",
    "\\",
    "\\\"",
    "ends with a backslash \\",
    "\u{0}NUL inside\u{0}",
    "\u{1}\u{1f}\u{7f}\u{80}\u{9f}",
    "line\nbreak\r\nand\ttab",
    "emoji 🤝🏽 and ZWJ 👩‍👩‍👧",
    "RTL: مرحبا بالعالم \u{202e}reversed\u{202c} שלום",
    "\u{2028}\u{2029}\u{feff}\u{fffd}",
    "</script><!-- & -->",
    "{\"id\": 1}",
];

#[test]
fn json_strings_round_trip_through_serde_json() {
    for s in NASTY {
        let mut out = String::new();
        json::write_str(s, &mut out);
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), *s, "{out}");
        assert!(!out.contains('\n') && !out.contains('\r'), "one line: {out}");
    }
}

#[test]
fn nasty_names_and_texts_survive_the_whole_document() {
    let text = NASTY.join(" | ");
    let mut doc = Extractor::new().extract(&text);
    doc.entities = NASTY
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.is_empty())
        .map(|(i, name)| {
            // Mentions cover the nasty strings themselves, whatever the tokenizer made of them.
            let start: usize = NASTY[..i].iter().map(|s| s.len() + 3).sum();
            let span = Span::new(start, start + name.len());
            let mention = Mention { span, sentence: 0, derived: false, source: MentionSource::Rule };
            entity(i, EntityKind::Organisation, name, Some(name), vec![mention])
        })
        .collect();
    let mut out = String::new();
    json::write_document(&doc, Some(&text), &mut out);
    assert!(!out.contains('\n'));
    let value: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(value["id"], text.as_str());
    for (entity, original) in value["entities"].as_array().unwrap().iter().zip(doc.entities.iter()) {
        assert_eq!(entity["name"], &*original.name);
        assert_eq!(entity["kb_id"], &*original.name);
        let mention = &entity["mentions"][0];
        assert_eq!(check_span(&text, mention), original.name);
        assert_eq!(mention["text"], &*original.name);
    }
}

proptest! {
    #[test]
    fn any_string_round_trips(s in any::<String>()) {
        let mut out = String::new();
        json::write_str(&s, &mut out);
        prop_assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
    }

    #[test]
    fn char_offsets_agree_with_counting(s in "[a-zü🤝北\\n ]{0,40}", picks in proptest::collection::vec(0usize..200, 0..20)) {
        let offsets: Vec<usize> = picks.iter().map(|p| p % (s.len() + 2)).collect();
        let table = CharOffsets::new(&s, offsets.iter().copied());
        for b in offsets.iter().copied().chain(0..=s.len() + 1) {
            let expected = s.char_indices().take_while(|&(i, _)| i < b).count();
            prop_assert_eq!(table.char_offset(b), expected);
        }
    }
}

#[test]
fn char_offsets_on_multi_byte_text() {
    let text = "Grüße 🤝 北京";
    let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let table = CharOffsets::new(text, boundaries.iter().copied());
    for (char_index, &byte) in boundaries.iter().enumerate() {
        assert_eq!(table.char_offset(byte), char_index);
    }
    assert_eq!(table.char_offset(text.len()), 10);
    assert_eq!(table.text(), text);
}

#[test]
fn text_form() {
    let doc = kim_putin();
    let mut out = String::new();
    text::write_document(&doc, &mut out);
    insta::assert_snapshot!(out, @r#"
    de: 2 sentences, 7 entities, 2 relations
    S0 [0..52) Kim Jong Un traf Wladimir Putin 🤝 in Wladiwostok.
    S1 [54..148) Der nordkoreanische Machthaber will Waffen an Moskau verkaufen, sagte Peskow. 北京 schweigt.
    e0 person "Kim Jong Un" kb=Q56226: Kim Jong Un@S0[0..11)
    e1 person "Wladimir Putin" kb=Q7747: Wladimir Putin@S0[17..31)
    e2 place "Wladiwostok": Wladiwostok@S0[40..51)
    e3 place "Nordkorea" kb=Q423: ~nordkoreanische@S1[58..73)
    e4 place "Moskau" kb=Q649: Moskau@S1[100..106)
    e5 person "Dmitri Peskow": Peskow@S1[124..130)
    e6 place "Peking" kb=Q956: 北京@S1[132..138)
    meets e0 Kim Jong Un — e1 Wladimir Putin: S0 asserted "traf"
    trades_with e3 Nordkorea — e4 Moskau: S1 reported "verkaufen" supplier=e3
    "#);
}

#[test]
fn token_form() {
    let doc = Extractor::new()
        .extract("Die KCNA meldete 2019: 5 % mehr iPhones, sagte Kreml-Sprecher Peskow (https://kcna.kp) 🤝.");
    let mut out = String::new();
    text::write_tokens(&doc, &mut out);
    insta::assert_snapshot!(out, @"S0: Die | KCNA/caps | meldete | 2019/num | : | 5/num | % | mehr | iPhones/mixed | , | sagte | Kreml-Sprecher/hyph | Peskow | ( | https://kcna.kp/url | ) | 🤝/sym | .");
}

#[test]
fn format_names_and_the_write_convenience() {
    let doc = kim_putin();
    for format in Format::ALL {
        assert_eq!(format.as_str().parse::<Format>(), Ok(format));
        let mut out = String::new();
        output::write(&doc, Some("kp"), format, &mut out);
        assert!(out.ends_with('\n'), "{format} ends with a line break");
        match format {
            Format::Json | Format::Jsonl => assert_eq!(out.lines().count(), 1),
            Format::Text => assert!(out.starts_with("# kp\nde: ")),
            Format::Dot => assert!(out.starts_with("graph \"kp\" {")),
            Format::Graphml => {
                assert!(out.contains("<graph id=\"kp\" edgedefault=\"undirected\">"))
            }
        }
    }
    assert!("svg".parse::<Format>().is_err());
}

/// Structural checks of DOT that hold whether or not Graphviz is installed:
/// strings are closed, braces balance outside strings, statements end with
/// `;`, and every edge joins declared nodes.
fn check_dot(dot: &str) -> usize {
    let mut depth = 0i32;
    let mut graphs = 0;
    let (mut in_string, mut escaped) = (false, false);
    for c in dot.chars() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                (false, '\n') => panic!("raw line break inside a DOT string"),
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => {
                depth += 1;
                graphs += 1;
            }
            '}' => depth -= 1,
            _ => {}
        }
        assert!(depth >= 0, "unbalanced braces");
    }
    assert!(!in_string && depth == 0, "unterminated string or graph");

    let mut nodes = std::collections::HashSet::new();
    for line in dot.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("graph ") || line == "}" {
            continue;
        }
        assert!(line.ends_with("];"), "statement not closed: {line}");
        if line.starts_with('"') {
            let (id, rest) = split_quoted(line);
            match rest.trim_start().strip_prefix("--") {
                Some(rest) => {
                    let (target, _) = split_quoted(rest.trim_start());
                    assert!(nodes.contains(&id) && nodes.contains(&target), "edge to an undeclared node: {line}");
                }
                None => {
                    nodes.insert(id);
                }
            }
        }
    }
    graphs
}

/// The quoted string at the start of `s` (quotes included) and the rest.
fn split_quoted(s: &str) -> (String, &str) {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match (escaped, c) {
            (true, _) => escaped = false,
            (false, '\\') => escaped = true,
            (false, '"') => return (s[..=i].to_owned(), &s[i + 1..]),
            _ => {}
        }
    }
    panic!("unterminated string: {s}")
}

/// Renders with Graphviz when it is installed; `None` when it is not.
fn render_with_graphviz(dot: &str) -> Option<String> {
    let mut child = match Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(_) => {
            eprintln!("note: Graphviz `dot` is not on PATH; DOT output checked structurally only");
            return None;
        }
    };
    child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && stderr.trim().is_empty(), "dot failed: {stderr}\n{dot}");
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn dot_output_renders() {
    let doc = kim_putin();
    let mut out = String::new();
    dot::write_document(&doc, &mut out);
    assert_eq!(check_dot(&out), 1);
    assert!(out.contains("\"Q56226\" [label=\"Kim Jong Un\", shape=ellipse"));
    assert!(out.contains("\"place:Wladiwostok\" [label=\"Wladiwostok\", shape=box"));
    assert!(out.contains("\"Q423\" -- \"Q649\" [label=\"trades_with\", style=dashed"));
    assert!(out.contains("\"Q56226\" -- \"Q7747\" [label=\"meets\", style=solid"));
    if let Some(svg) = render_with_graphviz(&out) {
        assert!(svg.contains("<svg") && svg.contains("Kim Jong Un") && svg.contains("trades_with"));
    }
}

#[test]
fn dot_escapes_nasty_names() {
    let mut doc = Extractor::new().extract("x");
    doc.entities =
        NASTY.iter().enumerate().map(|(i, name)| entity(i, EntityKind::Organisation, name, None, vec![])).collect();
    doc.relations = (1..NASTY.len())
        .map(|i| Relation { kind: RelationKind::Meets, source: EntityId(0), target: EntityId(i), evidence: vec![] })
        .collect();
    let mut out = String::new();
    output::write(&doc, Some("name \"with\" quotes \\"), Format::Dot, &mut out);
    // Two documents in one stream, as `extract --format dot` writes them.
    out.push('\n');
    dot::write_corpus(&CorpusGraph::new(), &mut out);
    assert_eq!(check_dot(&out), 2);
    let graph = Graph::from(&doc);
    assert_eq!(out.matches(" -- ").count(), graph.edge_count());
    if let Some(svg) = render_with_graphviz(&out) {
        assert!(svg.contains("ends with a backslash \\"));
        assert!(svg.contains("emoji 🤝🏽"));
    }
}

/// Checks that `xml` is well-formed as far as this writer can get it wrong:
/// tags balance and nest, entity references are known, no stray `<` or `>`
/// in text, no characters XML forbids.
fn check_xml(xml: &str) {
    let body = xml.strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").expect("XML declaration");
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('<') {
        check_xml_text(&rest[..open]);
        let close = rest[open..].find('>').expect("tag closed") + open;
        let tag = &rest[open + 1..close];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "mismatched </{name}>");
        } else {
            let name = tag.split_whitespace().next().unwrap().trim_end_matches('/');
            check_xml_attributes(tag);
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        rest = &rest[close + 1..];
        if stack.is_empty() {
            break;
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert!(rest.trim().is_empty(), "content after the root element");
}

fn check_xml_text(text: &str) {
    assert!(!text.contains('>'), "raw > in text: {text}");
    // XML 1.0 allows no C0 control characters but tab and line breaks.
    let forbidden = |c: char| c < ' ' && !matches!(c, '\n' | '\t' | '\r');
    assert!(!text.chars().any(forbidden), "control character in {text:?}");
    for (i, _) in text.match_indices('&') {
        let entity = &text[i..text[i..].find(';').map_or(text.len(), |j| i + j + 1)];
        let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#9;", "&#10;", "&#13;"];
        assert!(known.contains(&entity), "unknown entity {entity}");
    }
}

fn check_xml_attributes(tag: &str) {
    // Every attribute value is quoted and contains no quote or `<`.
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let value_end = rest[eq + 2..].find('"').expect("attribute closed") + eq + 2;
        let value = &rest[eq + 2..value_end];
        assert!(!value.contains('<'), "raw < in attribute {value}");
        check_xml_text(value);
        rest = &rest[value_end + 1..];
    }
}

/// Parses with Python's XML parser when Python is installed.
fn parse_with_python(xml: &str) {
    let script = "import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); \
                  print(len(d.getElementsByTagName('node')), len(d.getElementsByTagName('edge')))";
    let Ok(mut child) = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        eprintln!("note: python3 not found; GraphML checked structurally only");
        return;
    };
    child.stdin.take().unwrap().write_all(xml.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "XML parser failed: {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn graphml_is_well_formed() {
    let doc = kim_putin();
    let mut out = String::new();
    graphml::write_graph(&Graph::from(&doc), &mut out);
    check_xml(&out);
    parse_with_python(&out);
    assert!(out.contains("<node id=\"Q56226\"><data key=\"n_kind\">person</data><data key=\"n_name\">Kim Jong Un</data><data key=\"n_kb_id\">Q56226</data></node>"));
    assert!(out.contains("<edge source=\"Q423\" target=\"Q649\"><data key=\"e_kind\">trades_with</data><data key=\"e_count\">1</data></edge>"));

    // Nasty names and document ids, in a corpus graph.
    let mut nasty = Extractor::new().extract("x");
    nasty.entities =
        NASTY.iter().enumerate().map(|(i, name)| entity(i, EntityKind::Place, name, None, vec![])).collect();
    nasty.relations =
        vec![Relation { kind: RelationKind::TradesWith, source: EntityId(1), target: EntityId(2), evidence: vec![] }];
    let mut corpus = CorpusGraph::new();
    for id in NASTY {
        corpus.add_document(id, &nasty);
    }
    out.clear();
    graphml::write_corpus(&corpus, &mut out);
    check_xml(&out);
    parse_with_python(&out);
    // The documents list is a JSON array inside XML.
    let start = out.find("<data key=\"e_documents\">").unwrap() + "<data key=\"e_documents\">".len();
    let end = start + out[start..].find("</data>").unwrap();
    let unescaped = out[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#9;", "\t")
        .replace("&#10;", "\n")
        .replace("&#13;", "\r")
        .replace("&amp;", "&");
    // JSON escapes the control characters that XML could not carry.
    let documents: Vec<String> = serde_json::from_str(&unescaped).unwrap();
    let mut expected: Vec<String> = NASTY.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(documents, expected);
}

/// A second article about some of the same people, with an alias spelled
/// differently and an entity without knowledge-base id.
fn second_article() -> Document<'static> {
    let text = "Putin empfing Kim im Kreml. Russland liefert Öl an Nordkorea. Kim Jae-chun traf Putin nicht.";
    let mut doc = Extractor::builder().language(Language::De).build().unwrap().extract(text);
    let m = |needle, nth| mention(&doc, needle, nth, false);
    doc.entities = vec![
        entity(0, EntityKind::Person, "Putin", Some("Q7747"), vec![m("Putin", 0), m("Putin", 1)]),
        entity(1, EntityKind::Person, "Kim Jong Un", Some("Q56226"), vec![m("Kim", 0)]),
        entity(2, EntityKind::Organisation, "Kreml", None, vec![m("Kreml", 0)]),
        entity(3, EntityKind::Place, "Russland", Some("Q159"), vec![m("Russland", 0)]),
        entity(4, EntityKind::Place, "Nordkorea", Some("Q423"), vec![m("Nordkorea", 0)]),
        entity(5, EntityKind::Person, "Kim  Jae-chun", None, vec![m("Kim Jae-chun", 0)]),
    ];
    doc.relations = vec![
        Relation {
            kind: RelationKind::Meets,
            source: EntityId(0),
            target: EntityId(1),
            evidence: vec![evidence(&doc, "empfing", Status::Asserted, None)],
        },
        Relation {
            kind: RelationKind::TradesWith,
            source: EntityId(3),
            target: EntityId(4),
            evidence: vec![evidence(&doc, "liefert", Status::Asserted, Some(3))],
        },
        Relation {
            kind: RelationKind::Meets,
            source: EntityId(0),
            target: EntityId(5),
            evidence: vec![evidence(&doc, "traf", Status::Negated, None)],
        },
    ];
    doc
}

#[test]
fn document_graph() {
    let doc = second_article();
    let graph = Graph::from(&doc);
    let ids: Vec<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, ["Q159", "Q423", "Q56226", "Q7747", "organisation:Kreml", "person:Kim Jae-chun"]);
    assert_eq!(graph.edge_count(), 3);
    let putin_met: Vec<&str> =
        graph.neighbours("Q7747", Some(RelationKind::Meets)).iter().map(|n| n.name.as_str()).collect();
    assert_eq!(putin_met, ["Kim Jong Un", "Kim  Jae-chun"]);
    assert!(graph.neighbours("Q7747", Some(RelationKind::TradesWith)).is_empty());
    assert_eq!(graph.neighbours("Q423", None).len(), 1);
    assert!(graph.neighbours("nobody", None).is_empty());

    let trade = graph.edge("Q423", "Q159", RelationKind::TradesWith).expect("either order");
    assert_eq!((trade.source.as_str(), trade.target.as_str()), ("Q159", "Q423"));
    let evidence = &trade.evidence[0];
    assert_eq!(evidence.sentence, "Russland liefert Öl an Nordkorea.");
    assert_eq!(
        (evidence.trigger.as_str(), evidence.status, evidence.supplier.as_deref()),
        ("liefert", Status::Asserted, Some("Q159"))
    );

    let value = serde_json::to_value(&graph).unwrap();
    assert_eq!(value["nodes"].as_array().unwrap().len(), 6);
    assert_eq!(
        value["nodes"][4],
        serde_json::json!({"id": "organisation:Kreml", "kind": "organisation", "name": "Kreml"})
    );
    assert_eq!(value["edges"][0]["kind"], "trades_with");
    assert_eq!(value["edges"][2]["evidence"][0]["status"], "negated");

    // A negated meeting is drawn, but not as a meeting.
    let mut out = String::new();
    dot::write_graph(&graph, &mut out);
    assert!(out.contains("[label=\"meets (negated)\", style=solid, color=\"#999999\""));
}

#[test]
fn entities_with_one_node_id_merge_and_self_loops_go() {
    let mut doc = second_article();
    // The Kreml as a second name for Putin's node: its edges would be loops.
    doc.entities[2].kb_id = Some("Q7747".into());
    doc.relations.push(Relation {
        kind: RelationKind::Meets,
        source: EntityId(0),
        target: EntityId(2),
        evidence: vec![evidence(&doc, "empfing", Status::Asserted, None)],
    });
    let graph = Graph::from(&doc);
    assert_eq!(graph.node_count(), 5);
    assert_eq!(graph.node("Q7747").unwrap().name, "Putin", "the first entity names the node");
    assert_eq!(graph.edge_count(), 3);
    assert!(graph.edge("Q7747", "Q7747", RelationKind::Meets).is_none());
}

#[test]
fn corpus_graph_merges_and_counts() {
    let first = kim_putin();
    let second = second_article();
    let mut corpus = CorpusGraph::new();
    corpus.add_document("a.txt", &first);
    corpus.add_document("b.txt", &second);
    corpus.add_document("c.txt", &second);

    assert_eq!(corpus.document_count(), 3);
    let putin = corpus.node("Q7747").unwrap();
    assert_eq!((putin.name.as_str(), putin.count), ("Putin", 3), "the name most documents use");
    let meets = corpus.edge("Q7747", "Q56226", RelationKind::Meets).unwrap();
    assert_eq!((meets.count, meets.evidence), (3, 3));
    assert_eq!(meets.documents.iter().map(String::as_str).collect::<Vec<_>>(), ["a.txt", "b.txt", "c.txt"]);
    let trade = corpus.edge("Q423", "Q649", RelationKind::TradesWith).unwrap();
    assert_eq!((trade.count, trade.documents.len()), (1, 1));
    assert!(corpus.node("person:Kim Jae-chun").is_some(), "whitespace in names is folded");

    let partners: Vec<&str> =
        corpus.neighbours("Q423", Some(RelationKind::TradesWith)).iter().map(|n| n.id.as_str()).collect();
    assert_eq!(partners, ["Q159", "Q649"]);

    // Order does not matter, nor does building in parts and merging.
    let mut reversed = CorpusGraph::new();
    reversed.add_document("c.txt", &second);
    reversed.add_document("b.txt", &second);
    reversed.add_document("a.txt", &first);
    assert_eq!(reversed, corpus);
    let mut part = CorpusGraph::new();
    part.add_document("b.txt", &second);
    let mut merged = CorpusGraph::new();
    merged.add_document("a.txt", &first);
    merged.merge(part);
    merged.add_document("c.txt", &second);
    assert_eq!(merged, corpus);

    let value = serde_json::to_value(&corpus).unwrap();
    assert_eq!(value["documents"], 3);
    let first_edge = &value["edges"][0];
    assert_eq!(first_edge["documents"], serde_json::json!(["b.txt", "c.txt"]));
    assert_eq!(serde_json::to_string(&corpus).unwrap(), serde_json::to_string(&merged).unwrap());

    let mut out = String::new();
    dot::write_corpus(&corpus, &mut out);
    assert_eq!(check_dot(&out), 1);
    assert!(out.contains("\"Q56226\" -- \"Q7747\" [label=\"meets ×3\", style=solid, color=\"#1f4e79\", fontcolor=\"#1f4e79\", penwidth=2"));
    render_with_graphviz(&out);
    out.clear();
    graphml::write_corpus(&corpus, &mut out);
    check_xml(&out);
    assert!(out.contains("<data key=\"e_count\">3</data><data key=\"e_documents\">[&quot;a.txt&quot;,&quot;b.txt&quot;,&quot;c.txt&quot;]</data>"));
}

#[test]
fn dangling_ids_do_not_panic() {
    let mut doc = kim_putin();
    doc.relations.push(Relation {
        kind: RelationKind::Meets,
        source: EntityId(0),
        target: EntityId(99),
        evidence: vec![Evidence {
            sentence: 42,
            span: Span::new(3, 10_000),
            trigger: Span::new(1, 2),
            status: Status::Planned,
            supplier: Some(EntityId(77)),
        }],
    });
    doc.entities[0].mentions.push(Mention {
        span: Span::new(1, 2),
        sentence: 9,
        derived: false,
        source: MentionSource::Rule,
    });
    for format in Format::ALL {
        let mut out = String::new();
        output::write(&doc, None, format, &mut out);
        assert!(!out.is_empty());
    }
    let mut out = String::new();
    json::write_document(&doc, None, &mut out);
    serde_json::from_str::<Value>(&out).expect("still valid JSON");
    assert_eq!(Graph::from(&doc).edge_count(), 2, "the dangling relation is left out of the graph");
}
