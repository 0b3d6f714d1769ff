#[test]
fn scratch_speed() {
    let e = newsgraph::Extractor::new();
    let article = std::fs::read_to_string("examples/articles/kim-putin-de.txt").unwrap();
    for text in ["Kim.".to_string(), article.chars().take(1500).collect::<String>(), article.clone()] {
        let n = 200;
        let t = std::time::Instant::now();
        for _ in 0..n {
            std::hint::black_box(e.extract(&text));
        }
        let el = t.elapsed();
        eprintln!(
            "{} bytes: {:?} per call, {:.2} MB/s",
            text.len(),
            el / n,
            (text.len() * n as usize) as f64 / el.as_secs_f64() / 1e6
        );
    }
}
