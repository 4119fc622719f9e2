//! The same input gives byte-identical outputs across runs, thread counts and input order.

mod common;

use common::{Workdir, root};

const TABLES: [&str; 6] = [
    "articles",
    "stories",
    "timeline",
    "outlets",
    "outlet_summary",
    "blindspots",
];

fn run(w: &Workdir, out: &str, inputs: &[&str], threads: &str) -> Vec<Vec<u8>> {
    let mut args = vec!["analyze"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out", out, "-q"]);
    let o = w
        .cmd(&args)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    TABLES
        .iter()
        .map(|t| std::fs::read(w.path().join(out).join(format!("{t}.csv"))).unwrap())
        .collect()
}

#[test]
fn outputs_are_identical_across_threads_and_input_order() {
    let w = Workdir::new();
    let data = root().join("data");
    let (uci, wiki, seed) = (
        data.join("uci-headlines.csv"),
        data.join("wikinews-apple"),
        data.join("heraldnet.com"),
    );
    let (uci, wiki, seed) = (
        uci.to_str().unwrap(),
        wiki.to_str().unwrap(),
        seed.to_str().unwrap(),
    );
    let one = run(&w, "a", &[uci, wiki, seed], "1");
    let two = run(&w, "b", &[uci, wiki, seed], "2");
    let reversed = run(&w, "c", &[seed, wiki, uci], "2");
    let again = run(&w, "d", &[uci, wiki, seed], "2");
    for (i, t) in TABLES.iter().enumerate() {
        assert!(!one[i].is_empty(), "{t} is empty");
        assert!(one[i] == two[i], "{t}: 1 thread vs 2 threads differ");
        assert!(two[i] == reversed[i], "{t}: input order changes the output");
        assert!(two[i] == again[i], "{t}: two runs differ");
    }
}
