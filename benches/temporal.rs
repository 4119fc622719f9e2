//! Throughput of the temporal tagger on news-like English text.
//!
//! The input is a fixed ~1 MB text built from sentences written for this benchmark (no
//! article text), mixing plain news prose with dates, weekdays, relative expressions and
//! numbers in roughly news proportions. Run: `cargo bench --bench temporal`.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use storyline::temporal::Tagger;

const SENTENCES: [&str; 16] = [
    "The minister told reporters in the capital that the government would review the proposal carefully before making any decision.",
    "Officials said Monday that the agreement, reached after weeks of negotiations, covers trade, energy and security cooperation.",
    "Shares of the company fell 4.5 percent to $23.10 in afternoon trading, while the broader market index was little changed.",
    "The council voted 7-2 to approve the budget, which includes $12.6 million for road repairs and new school buildings.",
    "Residents described a loud explosion shortly before dawn, and firefighters spent several hours bringing the blaze under control.",
    "In 2022, the agency recorded more than 3,000 complaints, nearly double the number it received in the previous year.",
    "The report, published last week, found that hospital waiting times had grown in most regions since the pandemic began.",
    "Police said the suspect, 35, was arrested on Friday, March 22, 2024, and is expected to appear in court next month.",
    "Analysts expect the central bank to keep interest rates unchanged when its policy committee meets on Tuesday.",
    "The festival, which drew about 40,000 visitors, will return to the waterfront park for its tenth edition in the summer.",
    "Negotiators met privately for two days but could not agree on how to share the costs of cleaning up the river.",
    "The company reported a profit of $84 million for the third quarter, up from $61 million a year earlier.",
    "Voters in the district rejected a similar measure in November, and supporters say they have learned from that defeat.",
    "Ten years later, many of the families who lost their homes still live in temporary housing on the edge of town.",
    "A spokeswoman declined to comment on the investigation, saying only that the department was cooperating fully.",
    "The storm dropped 20 centimetres of snow overnight, closing schools and cutting power to thousands of households.",
];

/// A fixed text of at least `len` bytes: the sentences in a pseudo-random but fixed order.
fn corpus(len: usize) -> String {
    let mut s = String::with_capacity(len + 200);
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut n = 0;
    while s.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.push_str(SENTENCES[(x % SENTENCES.len() as u64) as usize]);
        n += 1;
        s.push_str(if n % 5 == 0 { "\n\n" } else { " " });
    }
    s
}

fn bench(c: &mut Criterion) {
    let dct = NaiveDate::from_ymd_opt(2014, 9, 15);
    let text = corpus(1 << 20);
    let mut tagger = Tagger::new();
    let expected = tagger.tag(&text, dct).len();
    assert!(expected > 1000, "the corpus should hold many expressions");
    let mut g = c.benchmark_group("temporal");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_with_input(BenchmarkId::new("tag", "news-1MiB"), &text, |b, text| {
        b.iter(|| {
            let found = tagger.tag(black_box(text), dct);
            // a broken fast path must not look good
            assert_eq!(found.len(), expected);
            black_box(found)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
