//! Analysis throughput (tokenize, names, stop words, stem, pairs, term counts) in CPU time.
//! `cargo run --release --example analyzecheck -- FILE` (a text file; paragraphs of it are
//! analysed as articles).
use std::time::Instant;
use storyline::analyze::Analyzer;
use storyline::tfidf::DocTerms;

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

fn main() {
    let path = std::env::args().nth(1).expect("usage: analyzecheck FILE");
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let docs: Vec<storyline::Article> = text
        .split("\n\n\n")
        .flat_map(|d| {
            d.split("\n\n")
                .collect::<Vec<_>>()
                .chunks(8)
                .map(|c| c.join("\n\n"))
                .collect::<Vec<_>>()
        })
        .map(|t| {
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
    let mut terms = 0;
    let reps = 5;
    let (c0, w0) = (cpu(), Instant::now());
    for _ in 0..reps {
        for d in &docs {
            let (t, an) = a.analyze_article(d);
            terms += DocTerms::new(&t, &an, 2.0).terms.len();
        }
    }
    let (c, w) = (cpu() - c0, w0.elapsed().as_secs_f64());
    let mb = (text.len() * reps) as f64 / 1e6;
    println!(
        "{} docs, {} terms: {:.1} MB/s CPU, {:.1} MB/s wall",
        docs.len(),
        terms / reps,
        mb / c,
        mb / w
    );
}
