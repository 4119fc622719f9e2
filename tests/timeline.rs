//! `storyline analyze` timelines and `storyline timeline`: the seed page's dates.

mod common;

use std::collections::BTreeMap;

use common::{Workdir, eval_dir, root};

type Row = BTreeMap<String, String>;

fn seed_run(w: &Workdir) -> (Vec<Row>, Vec<Row>) {
    let seed = root().join("data/heraldnet.com");
    let out = w
        .cmd(&[
            "analyze",
            seed.to_str().unwrap(),
            "--published",
            "2014-09-15",
            "--out",
            "out",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        w.read_csv("out/articles.csv"),
        w.read_csv("out/timeline.csv"),
    )
}

fn dates_of(timeline: &[Row], story: &str) -> Vec<(String, String)> {
    timeline
        .iter()
        .filter(|r| r["story_id"] == story)
        .map(|r| (r["date"].clone(), r["granularity"].clone()))
        .collect()
}

#[test]
fn paris_article_timeline_dates_the_conference_and_its_background() {
    let w = Workdir::new();
    let (articles, timeline) = seed_run(&w);
    let paris = articles.iter().find(|r| r["kind"] == "article").unwrap();
    let dates = dates_of(&timeline, &paris["story_id"]);
    for (date, grain) in [
        ("2014-09-15", "day"),
        ("2014-09-14", "day"),
        ("2014-08", "month"),
        ("2003", "year"),
    ] {
        assert!(
            dates.contains(&(date.to_string(), grain.to_string())),
            "{date} missing from {dates:?}"
        );
    }
    let monday = timeline
        .iter()
        .find(|r| {
            r["story_id"] == paris["story_id"]
                && r["date"] == "2014-09-15"
                && r["expression"] == "Monday"
        })
        .expect("an entry dated by 'Monday'");
    assert!(monday["sources"].contains(&paris["id"]));
}

#[test]
fn oso_story_timeline_has_the_slide_and_the_memorial_opening() {
    let w = Workdir::new();
    let (articles, timeline) = seed_run(&w);
    let oso = articles
        .iter()
        .find(|r| r["title"].contains("Oso Landslide Memorial opens"))
        .unwrap();
    let dates = dates_of(&timeline, &oso["story_id"]);
    assert!(
        dates.contains(&("2014-03-22".into(), "day".into())),
        "{dates:?}"
    );
    assert!(
        dates.contains(&("2024-03-22".into(), "day".into())),
        "{dates:?}"
    );
}

#[test]
fn timeline_is_sorted_by_story_then_date_and_counts_are_consistent() {
    let w = Workdir::new();
    let (_, timeline) = seed_run(&w);
    assert!(!timeline.is_empty());
    for pair in timeline.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            (a["story_id"].as_str(), a["date"].as_str())
                <= (b["story_id"].as_str(), b["date"].as_str())
        );
    }
    for r in &timeline {
        let sources = r["sources"].split(' ').count();
        assert_eq!(sources.to_string(), r["articles"], "{r:?}");
        assert!(["day", "week", "month", "year"].contains(&r["granularity"].as_str()));
    }
}

#[test]
fn timeline_view_prints_a_story() {
    let w = Workdir::new();
    let (articles, _) = seed_run(&w);
    let paris = articles.iter().find(|r| r["kind"] == "article").unwrap();
    let out = w
        .cmd(&["timeline", "out", "--story", &paris["story_id"]])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("2014-09-14") && text.contains("2003"),
        "{text}"
    );
}

#[test]
fn semeval_timeline_dates_are_scored() {
    let Some(eval) = eval_dir() else {
        eprintln!("../shared/eval not present; skipping");
        return;
    };
    let corpus = eval.join("semeval2015-timeline/corpus_1");
    let w = Workdir::new();
    let out = w
        .cmd(&[
            "analyze",
            corpus.join("articles").to_str().unwrap(),
            "--out",
            "out",
            "-q",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = w
        .cmd(&[
            "eval",
            "timeline",
            "--gold",
            corpus.join("gold-timelines").to_str().unwrap(),
            "--pred",
            "out/timeline.csv",
            "--json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The publication days alone score 0.75 here; the timeline must do better.
    assert!(v["f1"].as_f64().unwrap() > 0.75, "{v}");
    assert!(v["recall"].as_f64().unwrap() >= 0.9, "{v}");
}
