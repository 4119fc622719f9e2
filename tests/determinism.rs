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

/// Runs `analyze` with `threads` rayon threads (`None`: rayon's default, one per core) and
/// returns the bytes of every table and of the report. Every run writes to a folder named
/// `out` (in `run`), since the report's title names its folder.
fn run(w: &Workdir, run: &str, inputs: &[&str], threads: Option<&str>) -> Vec<Vec<u8>> {
    let out = &format!("{run}/out");
    let mut args = vec!["analyze"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out", out, "-q"]);
    let mut cmd = w.cmd(&args);
    match threads {
        Some(n) => cmd.env("RAYON_NUM_THREADS", n),
        None => cmd.env_remove("RAYON_NUM_THREADS"),
    };
    let o = cmd.output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    TABLES
        .iter()
        .map(|t| format!("{t}.csv"))
        .chain(["report.html".to_string()])
        .map(|f| std::fs::read(w.path().join(out).join(f)).unwrap())
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
    // The WikiNews files one by one, in reverse order, instead of their folder.
    let mut files: Vec<String> = std::fs::read_dir(data.join("wikinews-apple"))
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files.reverse();
    let mut shuffled: Vec<&str> = files.iter().map(String::as_str).collect();
    shuffled.insert(3, uci);
    shuffled.push(seed);
    let one = run(&w, "a", &[uci, wiki, seed], Some("1"));
    let default = run(&w, "b", &[uci, wiki, seed], None);
    let reversed = run(&w, "c", &[seed, wiki, uci], None);
    let again = run(&w, "d", &[uci, wiki, seed], None);
    let by_file = run(&w, "e", &shuffled, Some("3"));
    let names = TABLES
        .iter()
        .map(|t| format!("{t}.csv"))
        .chain(["report.html".into()]);
    for (i, t) in names.enumerate() {
        assert!(!one[i].is_empty(), "{t} is empty");
        assert!(one[i] == default[i], "{t}: 1 thread vs the default differ");
        assert!(
            default[i] == reversed[i],
            "{t}: input order changes the output"
        );
        assert!(default[i] == again[i], "{t}: two runs differ");
        assert!(
            default[i] == by_file[i],
            "{t}: files in another order, 3 threads"
        );
    }
}
