//! Hostile inputs, built at run time in a temporary folder: whatever a scraper left behind,
//! `storyline analyze` lists every record with its status, says clearly what it skipped and
//! why, finishes the run, never panics and stays within bounded memory.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::Workdir;

type Row = BTreeMap<String, String>;

/// Peak resident memory allowed for one run over the hostile folder.
const MAX_RSS_BYTES: u64 = 2 << 30;

/// What one run of the binary gave.
struct Run {
    code: i32,
    stderr: String,
    rows: Vec<Row>,
    /// Peak resident set of the child, in bytes (from `wait4`).
    peak_rss: u64,
}

/// Runs `storyline` in `w` and measures its peak memory: the child is reaped with `wait4`,
/// whose resource usage is that child's alone, whatever else the test process runs.
#[allow(clippy::zombie_processes)] // reaped by wait4 below, which std cannot do
fn run_measured(w: &Workdir, args: &[&str]) -> Run {
    let stderr_path = w.path().join("stderr.txt");
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("storyline"))
        .current_dir(w.path())
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let reaped = loop {
        // SAFETY: valid pointers to locals; the pid is our child, not yet reaped.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == -1 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        break r;
    };
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -libc::WTERMSIG(status)
    };
    let out = w.path().join("out/articles.csv");
    Run {
        code,
        stderr: std::fs::read_to_string(&stderr_path).unwrap(),
        rows: if out.exists() {
            w.read_csv("out/articles.csv")
        } else {
            vec![]
        },
        peak_rss: usage.ru_maxrss as u64 * 1024,
    }
}

fn symlink(target: &str, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
    let mut b = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in s.encode_utf16() {
        b.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    b
}

/// Builds the hostile folder in `w` and returns whether unreadable files are unreadable here
/// (they are not for root, who reads through `chmod 000`).
fn build_hostile_folder(w: &Workdir) -> bool {
    w.write(
        "in/good.txt",
        "Council approves the new bridge\n\nThe city council approved the bridge on Monday.\n",
    );
    w.write(
        "in/good.jsonl",
        "{\"id\":\"g1\",\"title\":\"Storm closes schools\",\"text\":\"Schools closed on Tuesday.\"}\n",
    );
    // Binary: an executable's header and NUL bytes.
    let mut bin = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec();
    bin.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    w.write("in/binary.txt", bin);
    // Invalid UTF-8: a lone continuation byte, a truncated sequence, 0xFF.
    w.write(
        "in/invalid-utf8.txt",
        b"Caf\xe9 owner \x80wins \xff award\n\nThe caf\xc3 was full.\n",
    );
    w.write(
        "in/utf16le.txt",
        utf16(
            "Überschrift aus Berlin\r\n\r\nDer Text folgt hier.\r\n",
            false,
        ),
    );
    w.write(
        "in/utf16be.csv",
        utf16("title,text\nBig endian headline,Body\n", true),
    );
    w.write(
        "in/crlf.txt",
        "Windows line ends\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n",
    );
    w.write(
        "in/crlf.csv",
        "title,text\r\nCRLF row one,Text one\r\nCRLF row two,Text two\r\n",
    );
    w.write(
        "in/lone-cr.txt",
        "Old Mac line ends\r\rA paragraph after lone CRs.\r",
    );
    // 50 MB on one line, no line end at all.
    let mut huge = String::with_capacity(50 << 20);
    let words = ["storm ", "council ", "river ", "bridge ", "vote ", "city "];
    let mut i = 0;
    while huge.len() < 50 << 20 {
        huge.push_str(words[i % words.len()]);
        i += 1;
    }
    w.write("in/huge-line.txt", &huge);
    drop(huge);
    // Deeply nested JSON: a whole file, and one line of a JSON-lines file.
    w.write("in/nested.json", "[".repeat(100_000));
    w.write(
        "in/nested.jsonl",
        format!(
            "{{\"title\":\"Shallow record\"}}\n{{\"title\":\"Deep\",\"x\":{}1{}}}\n",
            "[".repeat(50_000),
            "]".repeat(50_000)
        ),
    );
    // Deeply nested HTML.
    w.write(
        "in/deep.html",
        format!(
            "<html><head><title>Nested page</title></head><body>{}<p>Deep text.</p>{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    );
    // One JSON line of 10 MB, between two ordinary lines.
    let body = "Flood waters rose along the river. ".repeat(10 << 20 >> 5);
    w.write(
        "in/big-line.jsonl",
        format!(
            "{{\"title\":\"Before\"}}\n{{\"title\":\"Ten megabytes\",\"text\":\"{body}\"}}\n{{\"title\":\"After\"}}\n"
        ),
    );
    w.write(
        "in/quoted.csv",
        "title,text\n\"Headline with\nan embedded newline\",\"He said \"\"no\"\", twice\r\nthen left\"\nPlain row,\"a, b\"\n",
    );
    w.write(
        "in/missing-field.csv",
        "title,text,date\nFirst row,Text,2014-03-22\nShort row,Text\nThird row,Text,2014-03-23\n",
    );
    w.write("in/no-title-column.csv", "colour,size\nred,3\n");
    w.write(
        "in/dates.jsonl",
        [
            r#"{"id":"zero","title":"Zero date","published":"0000-00-00"}"#,
            r#"{"id":"max","title":"Last day","published":"9999-12-31"}"#,
            r#"{"id":"feb30","title":"No such day","published":"2014-02-30"}"#,
            r#"{"id":"secs","title":"Epoch seconds","published":1394470370}"#,
            r#"{"id":"millis","title":"Epoch millis","published":1394470370698}"#,
        ]
        .join("\n"),
    );
    // An unreadable file (root reads it anyway), and one nobody can read: /proc/self/mem
    // fails with EIO at offset 0 whoever reads it.
    let locked = w.write("in/unreadable.txt", "Locked\n\nText.\n");
    std::fs::set_permissions(&locked, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let unreadable_here = std::fs::read(&locked).is_err();
    symlink("/proc/self/mem", &w.path().join("in/proc-mem.txt"));
    // Symlink loops: two links to each other, and a folder linking to its parent.
    symlink("loop-b.txt", &w.path().join("in/loop-a.txt"));
    symlink("loop-a.txt", &w.path().join("in/loop-b.txt"));
    std::fs::create_dir_all(w.path().join("in/sub")).unwrap();
    w.write("in/sub/inner.txt", "Inner headline\n\nInner text.\n");
    symlink("..", &w.path().join("in/sub/self"));
    std::fs::create_dir_all(w.path().join("empty")).unwrap();
    unreadable_here
}

fn row<'a>(rows: &'a [Row], id: &str) -> &'a Row {
    rows.iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

#[test]
fn hostile_folder_is_read_completely_with_clear_messages() {
    let w = Workdir::new();
    let unreadable_here = build_hostile_folder(&w);
    let run = run_measured(&w, &["analyze", "in", "empty", "--out", "out"]);
    let (rows, stderr) = (&run.rows, &run.stderr);
    assert_eq!(run.code, 3, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        run.peak_rss < MAX_RSS_BYTES,
        "peak memory {} MB",
        run.peak_rss >> 20
    );
    eprintln!("peak memory {} MB", run.peak_rss >> 20);
    let ok = |id: &str| -> &Row {
        let r = row(rows, id);
        assert_eq!(r["status"], "ok", "{id}: {r:?}");
        assert!(!r["story_id"].is_empty(), "{id} has no story");
        r
    };
    // A skipped row names its reason, and stderr names its file with the reason.
    let skipped = |id: &str, file: &str, reason: &str| {
        let r = row(rows, id);
        assert_eq!(r["status"], "skipped", "{id}: {r:?}");
        assert!(
            r["reason"].contains(reason),
            "{id}: '{}' lacks '{reason}'",
            r["reason"]
        );
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("skipped ") && l.contains(file) && l.contains(reason)),
            "stderr does not say {file} was skipped for {reason}:\n{stderr}"
        );
    };

    ok("good");
    ok("g1");

    skipped("binary", "binary.txt", "binary file, not text");

    let r = ok("invalid-utf8");
    assert_eq!(r["title"], "Café owner €wins ÿ award");
    assert!(r["reason"].contains("not valid UTF-8"), "{r:?}");

    let r = ok("utf16le");
    assert_eq!(r["title"], "Überschrift aus Berlin");
    assert!(r["reason"].contains("UTF-16LE"), "{r:?}");
    let r = ok("utf16be#1");
    assert_eq!(r["title"], "Big endian headline");
    assert!(r["reason"].contains("UTF-16BE"), "{r:?}");

    assert_eq!(ok("crlf")["title"], "Windows line ends");
    assert_eq!(ok("crlf#1")["title"], "CRLF row one");
    let r = ok("crlf#2");
    assert_eq!(
        (r["title"].as_str(), r["record"].as_str()),
        ("CRLF row two", "3")
    );
    assert_eq!(ok("lone-cr")["title"], "Old Mac line ends");

    // A 50 MB line is no title: it is cut, and the row says so.
    let r = ok("huge-line");
    assert!(r["title"].len() <= 1000 && r["title"].starts_with("storm council"));
    assert!(r["reason"].contains("title of 52428"), "{}", r["reason"]);

    skipped("nested", "nested.json", "nested more than 128 levels deep");
    ok("nested#1");
    skipped(
        "nested#2",
        "nested.jsonl",
        "malformed JSON line 2: nested more than 128",
    );
    let r = ok("deep");
    assert_eq!(r["title"], "Nested page");
    assert!(r["reason"].contains("nested deeper than 512"), "{r:?}");

    ok("big-line#1");
    let r = ok("big-line#2");
    assert_eq!(r["title"], "Ten megabytes");
    assert!(r["words"].parse::<usize>().unwrap() > 100_000);
    assert!(
        r["reason"].contains("text of 11468799 bytes"),
        "{}",
        r["reason"]
    );
    ok("big-line#3");

    let r = ok("quoted#1");
    assert_eq!(r["title"], "Headline with\nan embedded newline");
    assert_eq!(r["record"], "2");
    let r = ok("quoted#2");
    assert_eq!(
        (r["title"].as_str(), r["record"].as_str()),
        ("Plain row", "5")
    );

    ok("missing-field#1");
    skipped(
        "missing-field#2",
        "missing-field.csv",
        "row at line 3 has 2 fields, the header has 3",
    );
    ok("missing-field#3");
    skipped(
        "no-title-column#1",
        "no-title-column.csv",
        "no title or text column found",
    );

    skipped(
        "zero",
        "dates.jsonl",
        "'0000-00-00' is not a valid calendar date",
    );
    skipped(
        "feb30",
        "dates.jsonl",
        "'2014-02-30' is not a valid calendar date",
    );
    assert_eq!(ok("max")["published"], "9999-12-31T00:00:00Z");
    assert_eq!(ok("secs")["published"], "2014-03-10T16:52:50Z");
    assert_eq!(ok("millis")["published"], "2014-03-10T16:52:50Z");

    if unreadable_here {
        skipped("unreadable", "unreadable.txt", "permission denied");
    } else {
        eprintln!("note: running as root, chmod 000 does not stop reads; /proc/self/mem stands in");
        ok("unreadable");
    }
    skipped("proc-mem", "proc-mem.txt", "unreadable");

    skipped("loop-a", "loop-a.txt", "symbolic link loop");
    skipped("loop-b", "loop-b.txt", "symbolic link loop");
    skipped("sub/self", "sub/self", "directory loop");
    ok("sub/inner");

    skipped("empty", "empty", "empty folder: no files found");

    // Every file gives its rows: nothing dropped, nothing extra.
    let files = rows
        .iter()
        .map(|r| r["source_path"].as_str())
        .collect::<std::collections::BTreeSet<_>>();
    assert_eq!(files.len(), 25, "{files:#?}");
    assert_eq!(rows.len(), 36, "{rows:#?}");
}

/// A word of four letters unique to `n` (below 26^4), so that the tiny files share no terms:
/// the test is about the number of files, not about clustering 100,000 near-identical texts.
fn unique_word(mut n: usize) -> String {
    (0..4)
        .map(|_| {
            let c = (b'a' + (n % 26) as u8) as char;
            n /= 26;
            c
        })
        .collect()
}

#[test]
fn hundred_thousand_tiny_files_are_all_listed() {
    const N: usize = 100_000;
    let w = Workdir::new();
    for d in 0..100 {
        let dir = w.path().join(format!("in/d{d:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        for f in 0..N / 100 {
            let word = unique_word(d * 1000 + f);
            std::fs::write(dir.join(format!("{f:04}.txt")), format!("{word}\n")).unwrap();
        }
    }
    let run = run_measured(&w, &["analyze", "in", "--out", "out", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(run.rows.len(), N);
    assert!(run.rows.iter().all(|r| r["status"] == "ok"));
    let ids: std::collections::BTreeSet<&str> = run.rows.iter().map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), N);
    let r = row(&run.rows, "d42/0042");
    assert_eq!(r["title"], unique_word(42_042));
    assert!(
        run.peak_rss < MAX_RSS_BYTES,
        "peak memory {} MB",
        run.peak_rss >> 20
    );
}
