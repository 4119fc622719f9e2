//! Tagging throughput on a text file, in CPU time (robust to a loaded machine).
//! `cargo run --release --example speedcheck -- FILE`
use std::time::Instant;

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

fn main() {
    let path = std::env::args().nth(1).expect("usage: speedcheck FILE");
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let dct = chrono::NaiveDate::from_ymd_opt(1998, 1, 1);
    let mut t = storyline::temporal::Tagger::new();
    let n = t.tag(&text, dct).len();
    let reps = 10;
    let (c0, w0) = (cpu(), Instant::now());
    for _ in 0..reps {
        assert_eq!(t.tag(&text, dct).len(), n);
    }
    let (c, w) = (cpu() - c0, w0.elapsed().as_secs_f64());
    let mb = (text.len() * reps) as f64 / 1e6;
    println!(
        "{} bytes, {n} found: {:.1} MB/s of CPU time, {:.1} MB/s wall",
        text.len(),
        mb / c,
        mb / w
    );
}
