//! `storyline report DIR`: builds DIR/report.html from the tables in an output folder.

mod common;
mod report_fixture;

use common::Workdir;
use predicates::prelude::*;

#[test]
fn report_writes_report_html_into_the_folder() {
    let w = Workdir::new();
    let out = w.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    report_fixture::write_output_folder(&out);
    w.cmd(&["report", "out"])
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote").and(predicate::str::contains("report.html")));
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(r#"data-count="57""#));
    assert!(
        !page.contains("<script>alert"),
        "hostile text reached the page as markup"
    );
    // One file, no network.
    for remote in ["src=\"http", "href=\"http", "@import", "url(http"] {
        assert!(!page.contains(remote), "{remote}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary file left behind");
}

#[test]
fn report_of_a_folder_with_only_articles_notes_what_is_missing() {
    let w = Workdir::new();
    w.write(
        "out/articles.csv",
        "id,kind,title,outlet,published,url,status,story_id\n\
         a1,article,Hello,Herald,2014-09-15T10:00:00Z,https://h.example/1,ok,\n",
    );
    w.cmd(&["report", "out"]).assert().success();
    let page = std::fs::read_to_string(w.path().join("out/report.html")).unwrap();
    assert!(page.contains("No <code>stories.csv</code>"));
    assert!(page.contains("Articles per day per outlet"));
}

#[test]
fn report_of_a_missing_or_empty_folder_fails_with_the_fix() {
    let w = Workdir::new();
    w.cmd(&["report", "nowhere"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nowhere is not a folder"));
    std::fs::create_dir_all(w.path().join("empty")).unwrap();
    w.cmd(&["report", "empty"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("storyline analyze"));
}

#[test]
fn analyze_output_of_the_sample_makes_a_report() {
    let w = Workdir::new();
    let data = common::root().join("data");
    w.cmd(&["analyze", data.to_str().unwrap(), "--out", "out", "--quiet"])
        .assert()
        .success();
    w.cmd(&["report", "out"]).assert().success();
    let page = std::fs::read_to_string(w.path().join("out/report.html")).unwrap();
    assert!(page.contains("id=\"storyline-data\""));
}
