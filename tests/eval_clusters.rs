//! `storyline eval clusters`: metrics from a gold and a predicted CSV.

use assert_cmd::Command;
use predicates::prelude::*;

fn workdir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    dir
}

#[test]
fn perfect_prediction_prints_f1_of_one() {
    let d = workdir(&[
        ("gold.csv", "id,story\na,1\nb,1\nc,2\n"),
        ("articles.csv", "id,story_id\na,s1\nb,s1\nc,s2\nx,\n"),
    ]);
    Command::cargo_bin("storyline")
        .unwrap()
        .args(["eval", "clusters", "--gold"])
        .arg(d.path().join("gold.csv"))
        .arg("--pred")
        .arg(d.path().join("articles.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "B-cubed   P/R/F1    1.0000 1.0000 1.0000",
        ))
        .stdout(predicate::str::contains("2 predicted, 2 gold"));
}

#[test]
fn json_output_lists_missing_gold_ids() {
    let d = workdir(&[
        ("gold.csv", "id,story\na,1\nb,1\nc,2\n"),
        ("articles.csv", "id,story_id\na,s1\nb,s2\nc,\n"),
    ]);
    let out = Command::cargo_bin("storyline")
        .unwrap()
        .args(["eval", "clusters", "--json", "--gold"])
        .arg(d.path().join("gold.csv"))
        .arg("--pred")
        .arg(d.path().join("articles.csv"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["missing_from_pred"][0], "c");
    assert_eq!(v["bcubed"]["precision"], 1.0);
    assert_eq!(v["bcubed"]["recall"], 0.5);
}

#[test]
fn missing_column_is_an_error_naming_the_file() {
    let d = workdir(&[
        ("gold.csv", "id,label\na,1\n"),
        ("articles.csv", "id,story_id\na,s\n"),
    ]);
    Command::cargo_bin("storyline")
        .unwrap()
        .args(["eval", "clusters", "--gold"])
        .arg(d.path().join("gold.csv"))
        .arg("--pred")
        .arg(d.path().join("articles.csv"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("gold.csv has no `story` column"));
}
