//! A killed run leaves the previous outputs intact.

mod common;

use std::time::Duration;

use common::Workdir;

#[test]
fn killed_run_keeps_the_previous_outputs() {
    let w = Workdir::new();
    w.write(
        "small/a.txt",
        "Kerry in Paris\n\nDiplomats met on Monday.\n",
    );
    w.cmd(&["analyze", "small", "--out", "out", "-q"])
        .assert()
        .success();
    let before: Vec<(String, Vec<u8>)> = std::fs::read_dir(w.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    assert_eq!(before.len(), 7, "six tables and report.html");
    // A bigger input, killed part-way.
    let mut big = String::new();
    for i in 0..40_000 {
        big.push_str(&format!(
            "{{\"id\":\"{i}\",\"title\":\"Story {} headline {i}\",\"text\":\"Words about topic {} on Monday, March {}, 2014.\"}}\n",
            i % 500,
            i % 500,
            1 + i % 28
        ));
    }
    w.write("big/news.jsonl", &big);
    // A stale temporary file from an earlier killed run is cleaned up by the next run.
    w.write("out/.articles.csv.tmp-999999", "half a table");
    let bin = assert_cmd::cargo::cargo_bin("storyline");
    for delay_ms in [50u64, 300, 900] {
        let mut child = std::process::Command::new(&bin)
            .current_dir(w.path())
            .args(["analyze", "big", "--out", "out", "-q"])
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            continue; // it finished before the kill: nothing to check for this delay
        }
        for (name, bytes) in &before {
            let now = std::fs::read(w.path().join("out").join(name)).unwrap();
            assert!(&now == bytes, "{name} changed by a killed run");
        }
    }
    // Killed while it writes its tables: as soon as a temporary table appears (a smaller
    // input, so the run gets there sooner).
    let mid: String = big.lines().take(6_000).map(|l| format!("{l}\n")).collect();
    w.write("mid/news.jsonl", mid);
    let mut caught = false;
    for attempt in 1..=5 {
        let mut child = std::process::Command::new(&bin)
            .current_dir(w.path())
            .args(["analyze", "mid", "--out", "out", "-q"])
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        let writing = loop {
            let temp = std::fs::read_dir(w.path().join("out"))
                .unwrap()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().contains(".tmp-"));
            if temp || started.elapsed() > Duration::from_secs(300) {
                break temp;
            }
            if child.try_wait().unwrap().is_some() {
                break false;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !writing || status.success() {
            continue;
        }
        caught = true;
        eprintln!("killed while writing at attempt {attempt}");
        for (name, bytes) in &before {
            let now = std::fs::read(w.path().join("out").join(name)).unwrap();
            assert!(
                &now == bytes,
                "{name} changed by a run killed while writing"
            );
        }
        break;
    }
    assert!(caught, "never caught a run while it was writing its tables");
    // The next run finishes and leaves no temporary file behind.
    w.cmd(&["analyze", "small", "--out", "out", "-q"])
        .assert()
        .success();
    let leftovers: Vec<String> = std::fs::read_dir(w.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
