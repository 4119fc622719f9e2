//! `storyline analyze` outlet tables and `storyline outlets`, on a fixture whose answer is known
//! by construction, and on the labelled giveme5w1h set.

mod common;

use std::collections::BTreeMap;

use common::{Workdir, eval_dir};

type Row = BTreeMap<String, String>;

/// Three unrelated stories, each covered by several outlets at known hours.
fn fixture(w: &Workdir) {
    let stories = [
        (
            "quake",
            "Earthquake of magnitude 7 strikes coastal Chile, tsunami warning issued for Pacific coast towns, rescuers search rubble",
        ),
        (
            "budget",
            "Parliament approves national budget with higher taxes on tobacco and fuel after marathon overnight session of lawmakers",
        ),
        (
            "final",
            "Underdogs win the football cup final on penalties after goalless extra time, fans celebrate in city square",
        ),
    ];
    let outlets = [("alpha.com", 0), ("beta.org", 2), ("gamma.net", 5), ("", 7)];
    let mut lines = String::new();
    for (s, (key, text)) in stories.iter().enumerate() {
        for (o, (outlet, hour)) in outlets.iter().enumerate() {
            if s == 2 && o == 2 {
                continue; // gamma.net misses the cup final
            }
            let published = format!("2014-03-1{}T{:02}:00:00Z", s + 1, hour + 6);
            lines.push_str(
                &serde_json::json!({
                    "id": format!("{key}-{o}"),
                    "title": format!("{} report {o}", text.split(',').next().unwrap()),
                    "text": format!("{text}. Officials said more details would follow on Monday."),
                    "published": published,
                    "outlet": outlet,
                })
                .to_string(),
            );
            lines.push('\n');
        }
    }
    // An undated article of the quake story, from a fifth outlet.
    lines.push_str(&serde_json::json!({"id": "quake-undated", "title": "Earthquake strikes coastal Chile", "text": stories[0].1, "outlet": "delta.info"}).to_string());
    lines.push('\n');
    w.write("in/news.jsonl", lines);
}

fn by_story(rows: &[Row]) -> BTreeMap<String, Vec<&Row>> {
    let mut m: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        m.entry(r["story_id"].clone()).or_default().push(r);
    }
    m
}

fn check_invariants(stories: &[Row], outlets: &[Row]) {
    let per = by_story(outlets);
    for s in stories {
        let rows = per
            .get(&s["story_id"])
            .unwrap_or_else(|| panic!("no outlet rows for {}", s["story_id"]));
        let sum: usize = rows
            .iter()
            .map(|r| r["articles"].parse::<usize>().unwrap())
            .sum();
        assert_eq!(
            sum.to_string(),
            s["articles"],
            "outlet articles add up to the story size"
        );
        let lags: Vec<f64> = rows
            .iter()
            .filter_map(|r| r["lag_hours"].parse::<f64>().ok())
            .collect();
        assert!(lags.iter().all(|&l| l >= 0.0), "no negative lag: {lags:?}");
        if !lags.is_empty() {
            assert_eq!(
                rows[0]["lag_hours"].parse::<f64>().unwrap(),
                0.0,
                "the first outlet has lag 0"
            );
        }
        for r in rows {
            let (o, syn, a): (usize, usize, usize) = (
                r["original"].parse().unwrap(),
                r["syndicated"].parse().unwrap(),
                r["articles"].parse().unwrap(),
            );
            assert_eq!(o + syn, a);
        }
    }
}

#[test]
fn outlet_tables_match_the_fixture() {
    let w = Workdir::new();
    fixture(&w);
    let out = w.cmd(&["analyze", "in", "--out", "out"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stories = w.read_csv("out/stories.csv");
    assert_eq!(stories.len(), 3, "{stories:#?}");
    let outlets = w.read_csv("out/outlets.csv");
    check_invariants(&stories, &outlets);
    let articles = w.read_csv("out/articles.csv");
    let story_of = |id: &str| articles.iter().find(|a| a["id"] == id).unwrap()["story_id"].clone();
    let quake = by_story(&outlets)[&story_of("quake-0")].clone();
    let names: Vec<&str> = quake.iter().map(|r| r["outlet"].as_str()).collect();
    assert_eq!(
        names,
        vec![
            "alpha.com",
            "beta.org",
            "gamma.net",
            "(unknown)",
            "delta.info"
        ]
    );
    let lags: Vec<&str> = quake.iter().map(|r| r["lag_hours"].as_str()).collect();
    assert_eq!(lags, vec!["0.000", "2.000", "5.000", "7.000", ""]);
    let summary = w.read_csv("out/outlet_summary.csv");
    let alpha = summary.iter().find(|r| r["outlet"] == "alpha.com").unwrap();
    assert_eq!(
        (alpha["stories"].as_str(), alpha["first_to_report"].as_str()),
        ("3", "3")
    );
    let blind = w.read_csv("out/blindspots.csv");
    assert!(
        blind
            .iter()
            .any(|r| r["outlet"] == "gamma.net" && r["story_id"] == story_of("final-0")),
        "gamma.net missed the final: {blind:?}"
    );
}

#[test]
fn outlets_view_shows_a_story_and_blind_spots() {
    let w = Workdir::new();
    fixture(&w);
    w.cmd(&["analyze", "in", "--out", "out", "-q"])
        .assert()
        .success();
    let articles = w.read_csv("out/articles.csv");
    let quake = articles.iter().find(|a| a["id"] == "quake-0").unwrap()["story_id"].clone();
    let out = w
        .cmd(&["outlets", "out", "--story", &quake])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let pos = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} not in {text}"));
    assert!(
        pos("alpha.com") < pos("beta.org") && pos("beta.org") < pos("gamma.net"),
        "{text}"
    );
    let out = w.cmd(&["outlets", "out", "--blindspots"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("gamma.net"));
    let out = w.cmd(&["outlets", "out"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("alpha.com"));
}

#[test]
fn giveme5w1h_outlets_add_up_for_every_story() {
    let Some(eval) = eval_dir() else {
        eprintln!("../shared/eval not present; skipping");
        return;
    };
    let w = Workdir::new();
    let out = w
        .cmd(&[
            "analyze",
            eval.join("giveme5w1h/articles").to_str().unwrap(),
            "--out",
            "out",
            "-q",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stories = w.read_csv("out/stories.csv");
    let outlets = w.read_csv("out/outlets.csv");
    check_invariants(&stories, &outlets);
    let outlet_names: std::collections::BTreeSet<&str> =
        outlets.iter().map(|r| r["outlet"].as_str()).collect();
    assert_eq!(outlet_names.len(), 94);
}
