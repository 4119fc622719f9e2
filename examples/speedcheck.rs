//! Throughput of the temporal tagger and of the text analysis (tokenize, names, stop words,
//! stem, pairs, term counts) on a text file, in CPU time (robust to a loaded machine).
//! `cargo run --release --example speedcheck -- FILE`. For the analysis, the file's
//! paragraphs are cut into articles of 8 paragraphs, the first line of each as its title.
use std::time::Instant;
use storyline::analyze::Analyzer;
use storyline::tfidf::DocTerms;

/// User CPU time of this process in seconds, from /proc (10 ms resolution).
fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let f: Vec<&str> = s
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    f.get(11).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / 100.0
}

/// Runs `work` `reps` times over `bytes` of text and prints its throughput.
fn measure(what: &str, bytes: usize, reps: usize, mut work: impl FnMut() -> usize) {
    let expected = work();
    let (c0, w0) = (cpu(), Instant::now());
    for _ in 0..reps {
        assert_eq!(work(), expected, "the same input must give the same result");
    }
    let (c, w) = (cpu() - c0, w0.elapsed().as_secs_f64());
    let mb = (bytes * reps) as f64 / 1e6;
    println!(
        "{what}: {bytes} bytes, {expected} found: {:.1} MB/s of CPU time, {:.1} MB/s wall",
        mb / c,
        mb / w
    );
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: speedcheck FILE");
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let dct = chrono::NaiveDate::from_ymd_opt(1998, 1, 1);
    let mut t = storyline::temporal::Tagger::new();
    measure("tagging", text.len(), 10, || t.tag(&text, dct).len());

    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let docs: Vec<storyline::Article> = paragraphs
        .chunks(8)
        .map(|c| {
            let t = c.join("\n\n");
            let (title, body) = t.split_once('\n').unwrap_or((&t, ""));
            storyline::Article {
                title: title.to_string(),
                text: body.to_string(),
                language: "en".into(),
                ..Default::default()
            }
        })
        .collect();
    let a = Analyzer::default();
    measure("analysis", text.len(), 5, || {
        docs.iter()
            .map(|d| {
                let (t, an) = a.analyze_article(d);
                DocTerms::new(&t, &an, 2.0).terms.len()
            })
            .sum()
    });
}
