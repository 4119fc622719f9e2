//! CLI tests for `storyline tag` and `storyline eval timex`.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// A temp dir holding input files for one test.
struct Workdir {
    dir: TempDir,
}

impl Workdir {
    fn new() -> Self {
        Workdir {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn create(&self, name: &str, contents: &str) -> &Path {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        self.dir.path()
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
}

fn storyline() -> Command {
    Command::cargo_bin("storyline").unwrap()
}

#[test]
fn tag_prints_one_json_line_per_expression() {
    let w = Workdir::new();
    w.create("a.txt", "Kerry spoke Monday about last week.");
    storyline()
        .args(["tag", &w.path("a.txt"), "--published", "2014-09-15"])
        .assert()
        .success()
        .stdout(
            "{\"start\":12,\"end\":18,\"text\":\"Monday\",\"type\":\"DATE\",\"value\":\"2014-09-15\"}\n\
             {\"start\":25,\"end\":34,\"text\":\"last week\",\"type\":\"DATE\",\"value\":\"2014-W37\"}\n",
        );
}

#[test]
fn tag_reads_stdin_and_keeps_relative_values_unresolved_without_a_date() {
    storyline()
        .args(["tag", "-"])
        .write_stdin("It fell yesterday.")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"value\":\"XXXX-XX-XX\""));
}

#[test]
fn tag_rejects_a_published_date_that_is_not_a_date() {
    storyline()
        .args(["tag", "-", "--published", "yesterday"])
        .write_stdin("x")
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not a date"));
}

#[test]
fn tag_names_a_missing_file() {
    storyline()
        .args(["tag", "no/such/file.txt"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no/such/file.txt"));
}

const TML: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2014-09-15" functionInDocument="CREATION_TIME">20140915</TIMEX3></DCT>
<TEXT>
Kerry spoke <TIMEX3 tid="t1" type="DATE" value="2014-09-15">Monday</TIMEX3> about <TIMEX3 tid="t2" type="DATE" value="2014-W37">last week</TIMEX3> and <TIMEX3 tid="t3" type="DATE" value="2003">2003</TIMEX3>.
</TEXT>
</TimeML>
"#;

#[test]
fn eval_timex_scores_a_directory_recursively() {
    let w = Workdir::new();
    let dir = w.create("sub/a.tml", TML);
    storyline()
        .args(["eval", "timex"])
        .arg(dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("documents 1  gold 3  predicted 3"))
        .stdout(predicate::str::contains(
            "value        1.000     1.000     1.000",
        ));
}

#[test]
fn eval_timex_json_has_the_scores() {
    let w = Workdir::new();
    let dir = w.create("a.tml", TML);
    let out = storyline()
        .args(["eval", "timex", "--json"])
        .arg(dir)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["gold"], 3);
    assert_eq!(v["relaxed"]["f1"], 1.0);
}

#[test]
fn eval_timex_on_a_directory_without_tml_files_is_an_error() {
    let w = Workdir::new();
    let dir = w.create("a.txt", "no TimeML here");
    storyline()
        .args(["eval", "timex"])
        .arg(dir)
        .assert()
        .failure()
        .stderr(predicate::str::contains("no .tml files"));
}
