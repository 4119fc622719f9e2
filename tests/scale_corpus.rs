//! The scale corpus generator (`examples/scale_corpus.rs`) on a tiny input: the same seed
//! writes the same bytes, every article has a gold label, storyline reads every article, and
//! the statistics it promises hold.

#[allow(dead_code)]
#[path = "../examples/scale_corpus/generator.rs"]
mod generator;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Two small stories written for this test, as news-please JSON files, and their gold file.
fn input(dir: &Path) -> (PathBuf, PathBuf) {
    let arts = dir.join("in");
    std::fs::create_dir_all(&arts).unwrap();
    let stories = [
        (
            "volcano",
            "Volcano erupts near Grindavik",
            "2021-03-20T10:00:00",
            [
                "The volcano near Grindavik erupted late on Friday evening after weeks of earthquakes.",
                "Lava flowed from a fissure about two kilometres long, the Meteorological Office said.",
                "Residents of Grindavik were told to keep their windows closed because of the gas.",
                "Scientists from Reykjavik flew over the site and said the eruption was small.",
                "Flights to Keflavik airport were not affected, the airport operator Isavia said.",
                "About 3400 people live in the fishing town, which was evacuated in 2023.",
                "The eruption is the first on the Reykjanes peninsula in nearly eight hundred years.",
                "Police closed the roads around the site and asked sightseers to stay away.",
            ],
        ),
        (
            "merger",
            "Chiquita agrees to buy Fyffes",
            "2014-03-10T08:30:00",
            [
                "Chiquita agreed on Monday to buy its Irish rival Fyffes in an all-share deal.",
                "The combined company will be the largest banana supplier in the world, the firms said.",
                "Shares of Chiquita rose sharply in early trading in New York after the announcement.",
                "The deal values Fyffes at about 526 million dollars, according to the statement.",
                "The new company will be based in Dublin and listed on the New York Stock Exchange.",
                "Analysts said the merger would help both firms cut costs in a tough market.",
                "Regulators in Europe and the United States still have to approve the merger.",
                "The chief executive of Fyffes will lead the combined firm, the companies said.",
            ],
        ),
    ];
    let mut gold = String::from("id,story\n");
    for (story, title, date, sentences) in stories {
        for k in 0..3 {
            let text = &sentences[k..];
            let id = format!("{story}-{k}");
            let json = serde_json::json!({
                "title": title,
                "text": text.join(" "),
                "date_publish": date,
                "source_domain": format!("outlet{k}.example"),
            });
            std::fs::write(arts.join(format!("{id}.json")), json.to_string()).unwrap();
            gold.push_str(&format!("{id},{story}\n"));
        }
    }
    let gold_path = dir.join("gold.csv");
    std::fs::write(&gold_path, gold).unwrap();
    (arts, gold_path)
}

fn config(input: &Path, gold: &Path, out: PathBuf, n: usize, seed: u64) -> generator::Config {
    let mut c = generator::Config::new(vec![input.to_path_buf()], out, n, seed);
    c.gold = Some(gold.to_path_buf());
    c.shard_size = 100;
    c
}

/// Every file under `dir`, relative path -> bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

#[test]
fn same_seed_writes_the_same_bytes_and_another_seed_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (arts, gold) = input(dir.path());
    let run = |name: &str, seed: u64| {
        let out = dir.path().join(name);
        generator::generate(&config(&arts, &gold, out.clone(), 250, seed)).unwrap();
        files(&out)
    };
    let a = run("a", 7);
    let b = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| run("b", 7));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert!(a == b, "same seed, different bytes");
    let c = run("c", 8);
    assert_ne!(
        a["articles/part-00000.jsonl"],
        c["articles/part-00000.jsonl"]
    );
}

#[test]
fn every_article_is_read_by_storyline_and_has_a_gold_story() {
    let dir = tempfile::tempdir().unwrap();
    let (arts, gold) = input(dir.path());
    let out = dir.path().join("corpus");
    let n = 400;
    let s = generator::generate(&config(&arts, &gold, out.clone(), n, 42)).unwrap();
    assert_eq!(s.articles, n);
    assert_eq!(s.sources, 2);
    assert_eq!(s.shards, 4);
    assert_eq!(s.stories, 20, "N / 20 stories");
    assert!(s.largest_story > 20, "sizes are heavy-tailed: {s:?}");
    assert!(
        (20..=60).contains(&s.wire_copies),
        "about 10% wire copies: {s:?}"
    );
    assert!(s.undated <= 40, "{s:?}");
    assert!(out.join("manifest.json").is_file());

    let read = storyline::ingest::ingest(
        &[out.join("articles")],
        &storyline::ingest::IngestOptions::default(),
        &|| {},
    );
    assert_eq!(read.len(), n);
    assert!(read.iter().all(|a| a.is_ok()), "every record reads");
    let gold_rows = storyline::eval::read_gold(&out.join("gold.csv")).unwrap();
    let gold: HashMap<&str, &str> = gold_rows
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(gold.len(), n);
    for a in &read {
        assert!(
            gold.contains_key(a.id.as_str()),
            "{} has no gold story",
            a.id
        );
        assert!(!a.title.is_empty() && a.text.len() > 100, "{}", a.id);
        assert!(!a.outlet.is_empty() && a.url.starts_with("https://"));
    }
    assert_eq!(
        read.iter().filter(|a| a.published.is_none()).count(),
        s.undated
    );
    // Articles are written in publication order (undated ones at their hidden time).
    let dated: Vec<_> = read.iter().filter_map(|a| a.published).collect();
    assert!(dated.windows(2).all(|w| w[0] <= w[1]));
    let outlets: HashSet<&str> = read.iter().map(|a| a.outlet.as_str()).collect();
    assert!(outlets.len() > 50, "many outlets: {}", outlets.len());
    // Each synthetic story has its own names: the input's names are gone.
    assert!(!read.iter().any(|a| a.text.contains("Grindavik")
        || a.text.contains("Chiquita")
        || a.title.contains("Fyffes")));
}

#[test]
fn wire_copies_are_found_as_duplicates_of_their_original() {
    let dir = tempfile::tempdir().unwrap();
    let (arts, gold) = input(dir.path());
    let out = dir.path().join("corpus");
    let mut cfg = config(&arts, &gold, out.clone(), 300, 3);
    cfg.wire_share = 0.3;
    generator::generate(&cfg).unwrap();
    let mut read = storyline::ingest::ingest(
        &[out.join("articles")],
        &storyline::ingest::IngestOptions::default(),
        &|| {},
    );
    storyline::dedup::mark_duplicates(&mut read, &storyline::dedup::DedupParams::default());
    let labels = std::fs::read_to_string(out.join("labels.csv")).unwrap();
    let copy_of: HashMap<&str, &str> = labels
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (!f[3].is_empty()).then(|| (f[0], f[3]))
        })
        .collect();
    assert!(copy_of.len() > 50);
    let found = read
        .iter()
        .filter(|a| copy_of.contains_key(a.id.as_str()) && a.kind == storyline::Kind::Duplicate)
        .count();
    assert!(
        found * 10 >= copy_of.len() * 9,
        "{found} of {} wire copies flagged",
        copy_of.len()
    );
}

#[test]
fn a_folder_holding_a_corpus_is_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let (arts, gold) = input(dir.path());
    let out = dir.path().join("corpus");
    generator::generate(&config(&arts, &gold, out.clone(), 50, 1)).unwrap();
    let err = generator::generate(&config(&arts, &gold, out.clone(), 20, 1)).unwrap_err();
    assert!(err.contains("--force"), "{err}");
    let mut cfg = config(&arts, &gold, out.clone(), 20, 1);
    cfg.force = true;
    generator::generate(&cfg).unwrap();
    let gold_rows = storyline::eval::read_gold(&out.join("gold.csv")).unwrap();
    assert_eq!(gold_rows.len(), 20);
}
