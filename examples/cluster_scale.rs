//! Times story clustering on synthetic news: N articles, N/50 stories over a year, each
//! story with its own vocabulary mixed into Zipf-distributed general vocabulary.
//!
//! ```text
//! cargo run --release --example cluster_scale -- 100000
//! ```
//! Prints vectorizing and clustering time, peak memory, and B-cubed F1 against the
//! synthetic stories (a correctness check, not a quality claim).

use chrono::{DateTime, Duration};
use std::time::Instant;
use storyline::Article;
use storyline::cluster::{ClusterParams, cluster_articles};
use storyline::eval::evaluate_assignments;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn word(mut x: usize) -> String {
    const SYL: [&str; 20] = [
        "ba", "ke", "ti", "ro", "mu", "sa", "ne", "lo", "vi", "da", "po", "ri", "ga", "te", "fu",
        "mi", "zo", "le", "ka", "nu",
    ];
    let mut w = String::new();
    loop {
        w.push_str(SYL[x % 20]);
        x /= 20;
        if x == 0 {
            break;
        }
    }
    w.push_str("ton");
    w
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let stories = (n / 50).max(1);
    let general = 20_000;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let base = DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z").unwrap();
    let story_day: Vec<i64> = (0..stories).map(|_| rng.below(365) as i64).collect();
    let mut articles = Vec::with_capacity(n);
    let mut gold = Vec::with_capacity(n);
    for i in 0..n {
        let s = rng.below(stories);
        let zipf = |rng: &mut Rng| {
            // Roughly Zipf: square of a uniform picks small ranks more often.
            let u = rng.below(1 << 16) as f64 / 65536.0;
            (u * u * general as f64) as usize
        };
        let specific = |rng: &mut Rng| word(1_000_000 + s * 8 + rng.below(8));
        let title: Vec<String> = (0..8)
            .map(|k| {
                if k % 2 == 0 {
                    specific(&mut rng)
                } else {
                    word(zipf(&mut rng))
                }
            })
            .collect();
        let text: Vec<String> = (0..40)
            .map(|k| {
                if k % 4 == 0 {
                    specific(&mut rng)
                } else {
                    word(zipf(&mut rng))
                }
            })
            .collect();
        let day = story_day[s] + rng.below(5) as i64 - 2;
        articles.push(Article {
            id: format!("a{i}"),
            title: title.join(" "),
            text: text.join(" "),
            outlet: format!("outlet{}.example", rng.below(500)),
            language: "en".into(),
            published: if rng.below(10) == 0 {
                None
            } else {
                Some(base + Duration::days(day) + Duration::minutes(rng.below(1440) as i64))
            },
            ..Default::default()
        });
        gold.push(s);
    }
    let params = ClusterParams::default().check().unwrap();
    let t = Instant::now();
    let (_, model) = storyline::cluster::vectorize(&articles, &params);
    let vec_secs = t.elapsed().as_secs_f64();
    drop(model);
    let t = Instant::now();
    let result = cluster_articles(&articles, &params).unwrap();
    let total_secs = t.elapsed().as_secs_f64();
    let pred: Vec<usize> = result.article_story.iter().map(|s| s.unwrap()).collect();
    let m = evaluate_assignments(&gold, &pred);
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .unwrap_or_default();
    println!(
        "n {n}  stories {stories}  vectorize {vec_secs:.1}s  vectorize+cluster+describe {total_secs:.1}s  \
         peak RSS {} MB  predicted {}  B-cubed F1 {:.3}",
        peak.parse::<u64>().unwrap_or(0) / 1024,
        m.predicted_clusters,
        m.bcubed.f1
    );
}
