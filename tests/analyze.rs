//! `storyline analyze`: every input format, every kind of bad input, the seed page.

mod common;

use std::collections::BTreeMap;
use std::io::Write;

use common::{Workdir, eval_dir, root};

type Row = BTreeMap<String, String>;

fn analyze(w: &Workdir, inputs: &[&str], extra: &[&str]) -> (i32, Vec<Row>, String) {
    let mut args = vec!["analyze"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["--out", "out"]);
    args.extend_from_slice(extra);
    let out = w.cmd(&args).output().unwrap();
    let stderr =
        String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let rows = if w.path().join("out/articles.csv").exists() {
        w.read_csv("out/articles.csv")
    } else {
        vec![]
    };
    (out.status.code().unwrap_or(-1), rows, stderr)
}

fn row<'a>(rows: &'a [Row], id: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no row {id} in {rows:#?}"))
}

#[test]
fn text_file_with_header_block() {
    let w = Workdir::new();
    w.write("in/a.txt", "Title: Kerry in Paris\nDate: 2014-09-15T10:00:00Z\nSource: AP\nURL: https://apnews.com/x\nAuthor: Jo\n\nBody text here.\n");
    let (code, rows, _) = analyze(&w, &["in"], &[]);
    assert_eq!(code, 0);
    let r = row(&rows, "a");
    assert_eq!(r["title"], "Kerry in Paris");
    assert_eq!(r["published"], "2014-09-15T10:00:00Z");
    assert_eq!(r["outlet"], "AP");
    assert_eq!(r["url"], "https://apnews.com/x");
    assert_eq!(r["kind"], "article");
    assert_eq!(r["status"], "ok");
    assert_eq!(r["words"], "6");
}

#[test]
fn markdown_with_front_matter() {
    let w = Workdir::new();
    w.write("in/b.md", "---\ntitle: Oso memorial opens\ndate: March 22, 2024\noutlet: The Herald\n---\n\nFamilies gathered.\n");
    let (_, rows, _) = analyze(&w, &["in"], &[]);
    let r = row(&rows, "b");
    assert_eq!(r["title"], "Oso memorial opens");
    assert_eq!(r["published"], "2024-03-22T00:00:00Z");
    assert_eq!(r["outlet"], "The Herald");
}

#[test]
fn html_page_with_json_ld() {
    let w = Workdir::new();
    let page = r#"<html><head><link rel="canonical" href="https://www.example.com/a">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Memorial opens","datePublished":"2024-03-22T12:00:00-07:00","publisher":{"name":"Example Herald"}}</script>
</head><body><nav>Home | News</nav><article><p>Friends, family and first responders held a moment of silence at the new memorial off Highway 530, ten years after the slide that killed 43 people.</p>
<p>The memorial opened on the tenth anniversary of the disaster, with names engraved on panels facing the hillside where the slide came down.</p></article>
<footer>All rights reserved</footer></body></html>"#;
    w.write("in/page.html", page);
    let (code, rows, _) = analyze(&w, &["in"], &[]);
    assert_eq!(code, 0);
    let r = row(&rows, "page");
    assert_eq!(r["title"], "Memorial opens");
    assert_eq!(r["published"], "2024-03-22T12:00:00-07:00");
    assert_eq!(r["outlet"], "Example Herald");
    assert_eq!(r["url"], "https://www.example.com/a");
}

#[test]
fn json_object_array_and_jsonl() {
    let w = Workdir::new();
    w.write("in/one.json", r#"{"title":"One","maintext":"Text","date_publish":"2017-09-15 00:00:00","source_domain":"www.chinadaily.com.cn","newsCluster":{"x":1}}"#);
    w.write("in/wrong.json", r#"{"title":"Bitcoin is getting smashed","text":"Prices have fallen to less than six thousand dollars and are now at their lowest level since November, as regional stock markets crash in the wake of huge falls overnight.","language":"de"}"#);
    w.write("in/many.json", r#"[{"id":"x1","headline":"Two","content":"C"},{"title":"Three","body":"B","source":{"name":"Reuters"}}]"#);
    w.write("in/lines.jsonl", "{\"title\":\"Four\",\"publishedAt\":1394470370}\n\n{\"title\":\"Five\",\"url\":\"https://www.bbc.co.uk/n\"}\n");
    let (code, rows, _) = analyze(&w, &["in"], &[]);
    assert_eq!(code, 0);
    assert_eq!(rows.len(), 6);
    assert_eq!(row(&rows, "wrong")["language"], "en");
    assert!(row(&rows, "wrong")["reason"].contains("declared language 'de'"));
    assert_eq!(row(&rows, "one")["outlet"], "chinadaily.com.cn");
    assert_eq!(row(&rows, "one")["published"], "2017-09-15T00:00:00Z");
    assert_eq!(row(&rows, "x1")["title"], "Two");
    assert_eq!(row(&rows, "many#2")["outlet"], "Reuters");
    assert_eq!(row(&rows, "lines#1")["published"], "2014-03-10T16:52:50Z");
    assert_eq!(row(&rows, "lines#2")["outlet"], "bbc.co.uk");
    assert_eq!(row(&rows, "lines#2")["record"], "3");
}

#[test]
fn csv_tsv_headline_only_and_column_overrides() {
    let w = Workdir::new();
    w.write("in/h.csv", "ID,TITLE,URL,PUBLISHER,HOSTNAME,TIMESTAMP\r\n7,\"Fed, weak data\",http://www.latimes.com/x,Los Angeles Times,www.latimes.com,1394470370698\r\n");
    w.write("in/t.tsv", "headline\tbody\toutlet\nA\tB\tX\n");
    w.write("odd/o.csv", "HEAD,BODY_TEXT,WHEN\nHello,World,2014-03-22\n");
    let (code, rows, _) = analyze(&w, &["in"], &[]);
    assert_eq!(code, 0);
    let r = row(&rows, "7");
    assert_eq!(
        (r["title"].as_str(), r["outlet"].as_str()),
        ("Fed, weak data", "Los Angeles Times")
    );
    assert_eq!(r["published"], "2014-03-10T16:52:50Z");
    assert_eq!(r["record"], "2");
    assert_eq!(row(&rows, "t#1")["outlet"], "X");

    let w2 = Workdir::new();
    w2.write("o.csv", "HEAD,BODY_TEXT,WHEN\nHello,World,2014-03-22\n");
    let (code, rows, _) = analyze(
        &w2,
        &["o.csv"],
        &["--columns", "title=HEAD,text=BODY_TEXT,published=WHEN"],
    );
    assert_eq!(code, 0);
    assert_eq!(row(&rows, "o#1")["title"], "Hello");
    assert_eq!(row(&rows, "o#1")["published"], "2014-03-22T00:00:00Z");
    let (code, _, msg) = analyze(&w2, &["o.csv"], &["--columns", "colour=HEAD"]);
    assert_eq!(code, 1, "{msg}");
    assert!(msg.contains("unknown field 'colour'"), "{msg}");
}

#[test]
fn gzip_files_are_read() {
    let w = Workdir::new();
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(b"{\"title\":\"Zipped\"}\n{\"title\":\"Two\"}\n")
        .unwrap();
    w.write("in/z.jsonl.gz", e.finish().unwrap());
    let (code, rows, _) = analyze(&w, &["in"], &[]);
    assert_eq!(code, 0);
    assert_eq!(row(&rows, "z#1")["title"], "Zipped");
}

#[test]
fn stdin_dash_reads_json_lines() {
    let w = Workdir::new();
    let out = w
        .cmd(&["analyze", "-", "--out", "out"])
        .write_stdin("{\"id\":\"s1\",\"title\":\"From stdin\",\"outlet\":\"Wire\"}\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rows = w.read_csv("out/articles.csv");
    assert_eq!(row(&rows, "s1")["source_path"], "-");
}

#[test]
fn outlet_folder_sidecar_and_defaults() {
    let w = Workdir::new();
    w.write("in/Daily Planet/a.txt", "Headline A\n\nText.\n");
    w.write("in/b.txt", "Headline B\n\nText.\n");
    w.write("in/c.txt", "Headline C\n\nText.\n");
    w.write(
        "meta.csv",
        "path,outlet,published\nc.txt,Side Outlet,2014-09-15 10:00\n",
    );
    let (code, rows, _) = analyze(
        &w,
        &["in"],
        &[
            "--meta",
            "meta.csv",
            "--published",
            "2014-09-14",
            "--outlet",
            "Fallback",
            "--timezone",
            "Europe/Paris",
        ],
    );
    assert_eq!(code, 0);
    assert_eq!(row(&rows, "Daily Planet/a")["outlet"], "Daily Planet");
    assert_eq!(row(&rows, "b")["outlet"], "Fallback");
    assert_eq!(row(&rows, "b")["published"], "2014-09-14T00:00:00+02:00");
    assert_eq!(row(&rows, "c")["outlet"], "Side Outlet");
    assert_eq!(row(&rows, "c")["published"], "2014-09-15T10:00:00+02:00");
}

#[test]
fn bad_inputs_are_listed_as_skipped_and_the_run_goes_on() {
    let w = Workdir::new();
    w.write("in/good.txt", "Good headline\n\nGood text.\n");
    w.write("in/binary.txt", [0x7f, b'E', b'L', b'F', 0, 1, 2, 0, 0]);
    w.write("in/empty.txt", "");
    w.write("in/latin1.txt", b"Caf\xe9 opens\n\nA caf\xe9.\n");
    w.write(
        "in/badjson.jsonl",
        "{\"title\":\"ok\"}\n{\"title\": oops}\n",
    );
    w.write(
        "in/bad.csv",
        "title,text\nA,B\nonly-one-field-and,two,three\n",
    );
    w.write(
        "in/date.json",
        r#"{"title":"Impossible","date_publish":"2014-02-30"}"#,
    );
    w.write("in/notes.xyz", "what");
    std::os::unix::fs::symlink(
        w.path().join("in/missing-target.txt"),
        w.path().join("in/dangling.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(w.path().join("in"), w.path().join("in/loop")).unwrap();
    let (code, rows, msg) = analyze(&w, &["in"], &[]);
    assert_eq!(code, 3, "{msg}");
    let skipped = |id: &str, reason: &str| {
        let r = row(&rows, id);
        assert_eq!(r["status"], "skipped", "{id}");
        assert!(
            r["reason"].contains(reason),
            "{id}: {} lacks {reason}",
            r["reason"]
        );
    };
    skipped("binary", "binary");
    skipped("empty", "empty file");
    skipped("badjson#2", "malformed JSON line 2");
    skipped("date", "not a valid calendar date");
    skipped("notes", "unsupported file type");
    skipped("dangling", "no such file");
    skipped("loop", "directory loop");
    let csv_bad = rows
        .iter()
        .find(|r| r["source_path"].ends_with("bad.csv") && r["status"] == "skipped")
        .unwrap();
    assert!(
        csv_bad["reason"].contains("line 3"),
        "{}",
        csv_bad["reason"]
    );
    assert_eq!(row(&rows, "good")["status"], "ok");
    assert_eq!(row(&rows, "badjson#1")["status"], "ok");
    assert_eq!(row(&rows, "bad#1")["status"], "ok");
    let l = row(&rows, "latin1");
    assert_eq!(
        (l["status"].as_str(), l["title"].as_str()),
        ("ok", "Café opens")
    );
    assert!(l["reason"].contains("Windows-1252"));
    assert!(msg.contains("skipped"), "{msg}");
    assert!(msg.contains("date.json"), "{msg}");
}

#[test]
fn pipes_and_empty_folders_are_listed_not_read() {
    let w = Workdir::new();
    w.write("in/a.txt", "A\n\nB\n");
    std::fs::create_dir_all(w.path().join("empty")).unwrap();
    let fifo = w.path().join("in/pipe.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, rows, _) = analyze(&w, &["in", "empty"], &[]);
    assert_eq!(code, 3);
    assert!(row(&rows, "pipe")["reason"].contains("not a regular file"));
    assert!(row(&rows, "empty")["reason"].contains("empty folder"));
    assert_eq!(row(&rows, "a")["status"], "ok");
}

#[test]
fn unwritable_output_is_an_error_before_any_work() {
    let w = Workdir::new();
    w.write("in/a.txt", "A\n\nB\n");
    w.write("out", "a file, not a folder");
    let (code, _, msg) = analyze(&w, &["in"], &[]);
    assert_eq!(code, 1);
    assert!(msg.contains("output folder out is not writable"), "{msg}");
}

#[test]
fn missing_input_is_reported_not_fatal() {
    let w = Workdir::new();
    w.write("in/a.txt", "A\n\nB\n");
    let (code, rows, _) = analyze(&w, &["in", "nope"], &[]);
    assert_eq!(code, 3);
    assert_eq!(row(&rows, "nope")["reason"], "no such file or folder");
}

#[test]
fn jsonl_output_has_the_same_fields() {
    let w = Workdir::new();
    w.write("in/a.txt", "A\n\nB\n");
    let (code, _, _) = analyze(&w, &["in"], &["--format", "jsonl"]);
    assert_eq!(code, 0);
    let line = std::fs::read_to_string(w.path().join("out/articles.jsonl")).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    assert_eq!(v["id"], "a");
    assert_eq!(v["words"], 2);
    assert!(v.get("story_id").is_some());
}

#[test]
fn seed_page_gives_the_paris_article_and_one_teaser_per_related_story() {
    let w = Workdir::new();
    let seed = root().join("data/heraldnet.com");
    let (code, rows, _) = analyze(&w, &[seed.to_str().unwrap()], &[]);
    assert_eq!(code, 0);
    let articles: Vec<&Row> = rows.iter().filter(|r| r["kind"] == "article").collect();
    assert_eq!(articles.len(), 1);
    assert_eq!(
        articles[0]["title"],
        "U.S. won’t rule out working with Iran against Islamic State"
    );
    let teasers: Vec<&Row> = rows.iter().filter(|r| r["kind"] == "teaser").collect();
    assert_eq!(teasers.len(), 12);
    assert!(teasers.iter().all(|t| t["parent"] == articles[0]["id"]));
    assert!(teasers[0]["id"].ends_with("#teaser-1"));
    assert_eq!(
        teasers[8]["title"],
        "Mill Creek Starbucks votes 21-1 to form union"
    );
}

#[test]
fn seed_article_text_has_no_footer() {
    let arts = storyline::ingest::ingest(
        &[root().join("data/heraldnet.com")],
        &Default::default(),
        &|| {},
    );
    let paris = &arts[0];
    assert!(paris.text.contains("Kerry"));
    for footer in [
        "Talk to us",
        "Give us your news tips",
        "More in Local News",
        "Oso",
        "Support local journalism",
        "make a gift",
    ] {
        assert!(
            !paris.text.contains(footer),
            "article text contains {footer}"
        );
    }
}

#[test]
fn sample_data_runs_cleanly() {
    let w = Workdir::new();
    let (code, rows, msg) = analyze(&w, &[root().join("data").to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{msg}");
    let ok = rows.iter().filter(|r| r["status"] == "ok").count();
    assert_eq!(ok, 1 + 12 + 30 + 400);
    assert!(msg.contains("documentation files"), "{msg}");
}

#[test]
fn eval_sets_are_read_completely() {
    let Some(eval) = eval_dir() else {
        eprintln!("../shared/eval not present; skipping");
        return;
    };
    let w = Workdir::new();
    let (code, rows, msg) = analyze(
        &w,
        &[eval.join("giveme5w1h/articles").to_str().unwrap()],
        &[],
    );
    assert_eq!(code, 0, "{msg}");
    let ok: Vec<&Row> = rows.iter().filter(|r| r["status"] == "ok").collect();
    assert_eq!(ok.len(), 383);
    assert!(
        ok.iter().all(|r| !r["title"].is_empty()
            && !r["outlet"].is_empty()
            && !r["published"].is_empty())
    );
    let (code, rows, msg) = analyze(
        &w,
        &[eval.join("uci-headlines/headlines.csv").to_str().unwrap()],
        &[],
    );
    assert_eq!(code, 0, "{msg}");
    assert_eq!(rows.len(), 6366);
    assert!(
        rows.iter()
            .all(|r| r["status"] == "ok" && !r["outlet"].is_empty() && !r["published"].is_empty())
    );
}

#[test]
fn a_closed_stdout_pipe_is_not_an_error() {
    let w = Workdir::new();
    w.write("in/a.txt", "Headline\n\nText.\n");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("storyline"))
        .current_dir(w.path())
        .args(["analyze", "in", "--out", "out"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, as with `| head -0`
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}
