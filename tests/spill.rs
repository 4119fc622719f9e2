//! Moving article texts to a temporary file (what the CLI does, to bound memory) changes no
//! result, and leaves no file behind.

mod common;

use common::root;
use storyline::pipeline::{AnalyzeConfig, Quiet, analyze};

#[test]
fn spilled_texts_give_the_same_analysis_as_texts_in_memory() {
    let inputs = vec![root().join("data")];
    let in_memory = analyze(&inputs, &AnalyzeConfig::default(), &Quiet).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cfg = AnalyzeConfig {
        spill_dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    };
    let spilled = analyze(&inputs, &cfg, &Quiet).unwrap();

    assert!(in_memory.stories.stories.len() > 10);
    assert_eq!(spilled.stories.stories, in_memory.stories.stories);
    assert_eq!(spilled.story_of, in_memory.story_of);
    assert_eq!(spilled.timeline, in_memory.timeline);
    assert_eq!(spilled.outlets, in_memory.outlets);
    // The texts were really moved out: none is left in the returned articles, while the
    // in-memory run has them, and everything else about each article is unchanged.
    assert!(in_memory.articles.iter().any(|a| a.text.len() > 1000));
    assert!(spilled.articles.iter().all(|a| a.text.is_empty()));
    assert_eq!(spilled.articles.len(), in_memory.articles.len());
    for (s, m) in spilled.articles.iter().zip(&in_memory.articles) {
        assert_eq!(
            (&s.id, &s.title, s.word_count),
            (&m.id, &m.title, m.word_count)
        );
        assert_eq!((s.kind, s.status, &s.outlet), (m.kind, m.status, &m.outlet));
    }
    drop(spilled);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_unwritable_spill_folder_keeps_texts_in_memory() {
    let inputs = vec![root().join("data/wikinews-apple")];
    let cfg = AnalyzeConfig {
        spill_dir: Some(root().join("no/such/folder")),
        ..Default::default()
    };
    let a = analyze(&inputs, &cfg, &Quiet).unwrap();
    let b = analyze(&inputs, &AnalyzeConfig::default(), &Quiet).unwrap();
    assert_eq!(a.stories.stories, b.stories.stories);
    assert!(a.articles.iter().any(|x| !x.text.is_empty()));
}

#[test]
fn analyze_leaves_no_temporary_file_in_the_output_folder() {
    let w = common::Workdir::new();
    let data = root().join("data/wikinews-apple");
    let o = w
        .cmd(&["analyze", data.to_str().unwrap(), "--out", "out", "-q"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(w.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "articles.csv",
            "blindspots.csv",
            "outlet_summary.csv",
            "outlets.csv",
            "report.html",
            "stories.csv",
            "timeline.csv"
        ]
    );
}
