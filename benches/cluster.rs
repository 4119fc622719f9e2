//! Story clustering on fixed synthetic news (N articles, N/50 stories over a year), with a
//! correctness assert inside the loop so a broken fast path cannot look good.

use chrono::{DateTime, Duration};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use storyline::Article;
use storyline::cluster::{ClusterParams, cluster_articles};
use storyline::eval::evaluate_assignments;

fn synthetic(n: usize) -> (Vec<Article>, Vec<usize>) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut below = |m: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % m as u64) as usize
    };
    let word = |mut x: usize| {
        const SYL: [&str; 10] = ["ba", "ke", "ti", "ro", "mu", "sa", "ne", "lo", "vi", "da"];
        let mut w = String::new();
        loop {
            w.push_str(SYL[x % 10]);
            x /= 10;
            if x == 0 {
                break;
            }
        }
        w + "ton"
    };
    let stories = (n / 50).max(1);
    let base = DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap();
    let days: Vec<i64> = (0..stories).map(|_| below(365) as i64).collect();
    let mut articles = Vec::new();
    let mut gold = Vec::new();
    for i in 0..n {
        let s = below(stories);
        let mut words = |k: usize| -> String {
            (0..k)
                .map(|j| {
                    if j % 3 == 0 {
                        word(100_000 + s * 8 + below(8))
                    } else {
                        let u = below(1000) as f64 / 1000.0;
                        word((u * u * 5000.0) as usize)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let title = words(8);
        let text = words(40);
        articles.push(Article {
            id: format!("a{i}"),
            title,
            text,
            language: "en".into(),
            published: Some(base + Duration::days(days[s] + below(3) as i64)),
            ..Default::default()
        });
        gold.push(s);
    }
    (articles, gold)
}

fn bench(c: &mut Criterion) {
    let params = ClusterParams::default().check().unwrap();
    let mut group = c.benchmark_group("cluster_articles");
    group.sample_size(10);
    // `cargo bench` passes --bench; `cargo test --benches` does not: then a small input.
    let quick = !std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if quick { &[200] } else { &[1_000, 5_000] };
    for &n in sizes {
        let (articles, gold) = synthetic(n);
        group.bench_with_input(BenchmarkId::new("linkage", n), &articles, |b, a| {
            b.iter(|| {
                let s = cluster_articles(a, &params).unwrap();
                let pred: Vec<usize> = s.article_story.iter().map(|x| x.unwrap()).collect();
                let m = evaluate_assignments(&gold, &pred);
                assert!(m.bcubed.f1 > 0.95, "B-cubed F1 {}", m.bcubed.f1);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
