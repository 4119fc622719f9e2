//! The pipeline's stages one at a time, on fixed synthetic news: analysis (tokenize, names,
//! stop words, stem, pairs), TF-IDF, clustering of prepared vectors, duplicates, timelines
//! and outlets. Each has a correctness assert inside the loop, so a broken fast path cannot
//! look good. Full story clustering (analysis included) is `benches/cluster.rs`; the
//! temporal tagger alone is `benches/temporal.rs`.
//!
//! ```text
//! cargo bench --bench stages                      # 2,000 articles of ~3.5 KB
//! cargo bench --bench stages -- analyze           # one stage
//! cargo test --release --bench stages             # each bench once, on 200 articles
//! ```
//!
//! The articles are made from sentences written for this benchmark (no article text), each
//! story with its own invented names and numbers, N/20 stories over a year, 10% exact wire
//! copies and 3% undated articles.

use std::hint::black_box;

use chrono::{DateTime, Duration};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use storyline::Article;
use storyline::analyze::Analyzer;
use storyline::cluster::{ClusterParams, cluster_vectors, vectorize};
use storyline::dedup::{DedupParams, mark_duplicates};
use storyline::eval::evaluate_assignments;
use storyline::outlets::{OutletParams, compare_outlets};
use storyline::tfidf::{DocTerms, TfIdfBuilder, TfIdfParams};
use storyline::timeline::{TimelineParams, build_timelines};

/// Sentence frames: `{A}` `{B}` `{C}` are the story's names, `{N}` its number, `{D}` a
/// weekday.
const FRAMES: [&str; 20] = [
    "Officials in {A} said on {D} that the agreement with {B} would be reviewed before the end of the month.",
    "The minister told reporters that {C} had not been consulted, and that talks with {B} would resume next week.",
    "Shares of {B} fell 4.5 percent in afternoon trading after the company said it expected lower sales in {A}.",
    "Police in {A} said the suspect, who was arrested on {D}, is expected to appear in court next month.",
    "The council voted to approve a budget of {N} million dollars for roads and schools across {A}.",
    "Residents of {A} described a loud explosion shortly before dawn, and firefighters spent hours at the scene.",
    "A spokeswoman for {B} declined to comment on the investigation, saying only that it was cooperating fully.",
    "Analysts said the decision by {C} could delay the project by several years and raise its cost.",
    "In a statement released on {D}, {C} said the plan would create about {N} jobs over the next decade.",
    "Negotiators from {A} and {B} met privately for two days but could not agree on how to share the costs.",
    "The report, published last week, found that waiting times in {A} had grown since the reforms began.",
    "Supporters of {C} gathered outside the building on {D} evening, holding signs and chanting slogans.",
    "The storm cut power to {N} households in {A} and closed most schools for the rest of the week.",
    "Lawyers for {C} said they would appeal the ruling, which they described as unfair and unprecedented.",
    "{B} said it had hired outside experts to review its systems after the outage affected customers in {A}.",
    "Ten years later, many families in {A} still live in temporary housing on the edge of town.",
    "The agency recorded more than {N} complaints about {B} in the past year, nearly double the year before.",
    "Voters in {A} will decide in November whether to extend the tax that pays for the new stadium.",
    "Speaking on {D}, {C} thanked the volunteers and promised that the cleanup would be finished by spring.",
    "Experts warned that the problems at {B} were not new and had been reported to regulators before.",
];
const DAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn name(mut x: usize) -> String {
    const SYL: [&str; 16] = [
        "Ka", "ro", "mi", "ta", "ve", "lo", "su", "dra", "ne", "bi", "zo", "quel", "ar", "in",
        "to", "ma",
    ];
    let mut w = String::from(SYL[x % 16]);
    x /= 16;
    for _ in 0..3 {
        w.push_str(&SYL[x % 16].to_lowercase());
        x /= 16;
    }
    w
}

/// `n` articles of ~3.5 KB in `n / 20` stories over 2024, with each article's gold story.
fn corpus(n: usize) -> (Vec<Article>, Vec<usize>) {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let stories = (n / 20).max(1);
    let base = DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap();
    let day: Vec<i64> = (0..stories).map(|_| rng.below(365) as i64).collect();
    let mut articles: Vec<Article> = Vec::with_capacity(n);
    let mut gold = Vec::with_capacity(n);
    let mut last: Vec<Option<usize>> = vec![None; stories];
    for i in 0..n {
        let s = rng.below(stories);
        let fill = |f: &str, rng: &mut Rng| {
            f.replace("{A}", &name(s * 3))
                .replace("{B}", &name(s * 3 + 1))
                .replace("{C}", &name(s * 3 + 2))
                .replace("{N}", &(100 + (s * 37) % 900).to_string())
                .replace("{D}", DAYS[rng.below(5)])
        };
        let published = (rng.below(33) != 0).then(|| {
            base + Duration::days(day[s] + rng.below(4) as i64)
                + Duration::minutes(rng.below(1440) as i64)
        });
        let outlet = format!("outlet{}.example", rng.below(200));
        if let Some(prev) = last[s].filter(|_| rng.below(9) == 0) {
            // A wire copy of the story's previous article.
            let mut copy: Article = articles[prev].clone();
            copy.id = format!("a{i}");
            copy.outlet = outlet;
            copy.published = published;
            articles.push(copy);
            gold.push(s);
            last[s] = Some(i);
            continue;
        }
        let mut text = String::new();
        while text.len() < 3_400 {
            if !text.is_empty() {
                text.push_str(if rng.below(3) == 0 { "\n\n" } else { " " });
            }
            text.push_str(&fill(FRAMES[rng.below(FRAMES.len())], &mut rng));
        }
        let title = fill(FRAMES[rng.below(FRAMES.len())], &mut rng);
        let title = title.split(',').next().unwrap_or("").to_string();
        articles.push(Article {
            id: format!("a{i}"),
            title,
            text,
            outlet,
            language: "en".into(),
            published,
            ..Default::default()
        });
        gold.push(s);
        last[s] = Some(i);
    }
    for a in &mut articles {
        a.word_count = a.words();
    }
    (articles, gold)
}

fn bench(c: &mut Criterion) {
    // `cargo bench` passes --bench; `cargo test --benches` does not: then a small input.
    let quick = !std::env::args().any(|a| a == "--bench");
    let n = if quick { 200 } else { 2_000 };
    let (articles, gold) = corpus(n);
    let bytes: usize = articles.iter().map(|a| a.title.len() + a.text.len()).sum();
    let params = ClusterParams::default().check().unwrap();
    let tp = TfIdfParams::default();
    let analyzer = Analyzer::default();

    let mut g = c.benchmark_group("stages");
    g.sample_size(10);

    // Tokenize, names, lowercase, stop words, numbers, stem, word pairs: one thread.
    let tokens: usize = articles
        .iter()
        .map(|a| analyzer.analyze_article(a).1.tokens.len())
        .sum();
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(BenchmarkId::new("analyze", format!("{n}x3.5KB")), |b| {
        b.iter(|| {
            let t: usize = articles
                .iter()
                .map(|a| analyzer.analyze_article(black_box(a)).1.tokens.len())
                .sum();
            assert_eq!(t, tokens);
        })
    });

    // TF-IDF from counted terms: vocabulary, pruning, weights, norms.
    let terms: Vec<DocTerms> = articles
        .iter()
        .map(|a| {
            let (text, an) = analyzer.analyze_article(a);
            DocTerms::new(&text, &an, tp.title_weight)
        })
        .collect();
    let fit = |docs: Vec<DocTerms>| {
        let mut b = TfIdfBuilder::new();
        b.add(docs);
        b.finish(&tp)
    };
    let vocab = fit(terms.clone()).vocab.len();
    assert!(vocab > 100);
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(BenchmarkId::new("tfidf", n), |b| {
        b.iter_batched(
            || terms.clone(),
            |docs| {
                let m = fit(docs);
                assert_eq!((m.rows.len(), m.vocab.len()), (n, vocab));
                m
            },
            BatchSize::LargeInput,
        )
    });

    // Analysis and TF-IDF as the pipeline runs them (all threads).
    g.bench_function(BenchmarkId::new("vectorize", n), |b| {
        b.iter(|| {
            let (ok, m) = vectorize(&articles, &params);
            assert_eq!((ok.len(), m.vocab.len()), (n, vocab));
        })
    });

    // Clustering of prepared vectors: candidates, expansion, merging, adoption.
    let (_, model) = vectorize(&articles, &params);
    let times: Vec<Option<i64>> = articles
        .iter()
        .map(|a| a.published.map(|t| t.timestamp()))
        .collect();
    g.bench_function(BenchmarkId::new("cluster_vectors", n), |b| {
        b.iter(|| {
            let labels = cluster_vectors(&model.rows, &times, &params).unwrap();
            let m = evaluate_assignments(&gold, &labels);
            assert!(m.bcubed.f1 > 0.9, "B-cubed F1 {}", m.bcubed.f1);
        })
    });

    // Exact and near duplicates (MinHash).
    let dp = DedupParams::default();
    let mut marked = articles.clone();
    let copies = mark_duplicates(&mut marked, &dp);
    assert!(copies >= n / 20, "{copies} copies");
    g.bench_function(BenchmarkId::new("duplicates", n), |b| {
        b.iter_batched(
            || articles.clone(),
            |mut a| {
                assert_eq!(mark_duplicates(&mut a, &dp), copies);
                a
            },
            BatchSize::LargeInput,
        )
    });

    // Timelines (sentences, temporal tagging, grouping) and outlets, on gold stories.
    let story_of: Vec<Option<String>> = gold.iter().map(|s| Some(format!("s{s}"))).collect();
    let tl = TimelineParams::default();
    let timeline = build_timelines(&marked, &story_of, &tl);
    assert!(timeline.len() > n / 20, "{} entries", timeline.len());
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(BenchmarkId::new("timelines", n), |b| {
        b.iter(|| {
            assert_eq!(
                build_timelines(&marked, &story_of, &tl).len(),
                timeline.len()
            )
        })
    });
    let op = OutletParams::default();
    let rows = compare_outlets(&marked, &story_of, &timeline, &op)
        .by_story
        .len();
    assert!(rows >= n / 20);
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(BenchmarkId::new("outlets", n), |b| {
        b.iter(|| {
            let r = compare_outlets(&marked, &story_of, &timeline, &op);
            assert_eq!(r.by_story.len(), rows);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
