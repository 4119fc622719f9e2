//! The report rendered in headless Chromium: what a reader sees after the page's script ran,
//! on a synthetic fixture (`report_fixture`) and on the repository's `data/` sample as
//! `storyline analyze` turns it into tables.
//!
//! Needs Debian's `chromium` at /usr/bin/chromium (`.ci/run` installs it). Without it these
//! tests fail with a message, unless `STORYLINE_SKIP_BROWSER=1`.

mod report_fixture;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use report_fixture::{EBOLA_STORIES, FILTER_WORD, HOSTILE, HOSTILE_STORY, STORIES};
use scraper::{Html, Selector};

const CHROMIUM: &str = "/usr/bin/chromium";
const PAGE: usize = 50;

/// The browser, or `None` when the tests are to be skipped.
fn chromium() -> Option<&'static str> {
    if std::env::var_os("STORYLINE_SKIP_BROWSER").is_some_and(|v| v == "1") {
        eprintln!("STORYLINE_SKIP_BROWSER=1: browser test skipped");
        return None;
    }
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: install it (apt-get install -y chromium; .ci/run does) or set \
         STORYLINE_SKIP_BROWSER=1 to skip the browser tests"
    );
    Some(CHROMIUM)
}

/// A report built from the fixture, in its own temp folder.
struct Report {
    /// Keeps the folder alive.
    #[allow(dead_code)]
    tmp: tempfile::TempDir,
    dir: PathBuf,
    path: PathBuf,
}

fn build() -> Report {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("news-autumn-2014");
    std::fs::create_dir(&dir).unwrap();
    report_fixture::write_output_folder(&dir);
    let path = storyline::report::build_report(&dir).unwrap();
    Report { tmp, dir, path }
}

impl Report {
    fn url(&self, fragment: &str) -> String {
        format!("file://{}{fragment}", self.path.display())
    }
}

/// Runs headless Chromium with `args` then `url`, killed after a minute; returns stdout.
fn run_chromium(browser: &str, args: &[&str], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let started = Instant::now();
    let out_reader = {
        let mut out = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut out, &mut s).unwrap();
            s
        })
    };
    let err_reader = {
        let mut err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut err, &mut s);
            s
        })
    };
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium did not finish within 60 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = out_reader.join().unwrap();
    let err = err_reader.join().unwrap();
    assert!(
        status.success(),
        "chromium failed on {url}: {status}\n{err}"
    );
    out
}

/// The DOM after the page's script ran, at `fragment` (`#story=s01`).
fn dom(browser: &str, report: &Report, fragment: &str) -> Html {
    let html = run_chromium(browser, &["--dump-dom"], &report.url(fragment));
    assert!(
        html.contains("story-list"),
        "no report in the dump:\n{html}"
    );
    Html::parse_document(&html)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn count(doc: &Html, s: &str) -> usize {
    doc.select(&sel(s)).count()
}

fn attr(doc: &Html, s: &str, name: &str) -> String {
    doc.select(&sel(s))
        .next()
        .unwrap_or_else(|| panic!("no {s}"))
        .value()
        .attr(name)
        .unwrap_or_else(|| panic!("{s} has no {name}"))
        .to_string()
}

fn text(doc: &Html, s: &str) -> String {
    doc.select(&sel(s))
        .next()
        .unwrap_or_else(|| panic!("no {s}"))
        .text()
        .collect()
}

fn stories_csv_rows(dir: &Path) -> usize {
    csv::Reader::from_path(dir.join("stories.csv"))
        .unwrap()
        .records()
        .count()
}

/// The x of each timeline mark of the story shown, in the order of its events.
fn mark_xs(doc: &Html) -> Vec<f64> {
    let mut marks: Vec<(usize, f64)> = doc
        .select(&sel("#detail svg.timeline-chart g.tl-mark"))
        .map(|g| {
            let entry = g.value().attr("data-entry").unwrap().parse().unwrap();
            let circle = g.select(&sel("circle")).next().expect("a mark's circle");
            (entry, circle.value().attr("cx").unwrap().parse().unwrap())
        })
        .collect();
    marks.sort_by_key(|m| m.0);
    marks.into_iter().map(|m| m.1).collect()
}

/// Marks numbered in date order read left to right.
fn assert_left_to_right(doc: &Html, story: &str) {
    let xs = mark_xs(doc);
    assert!(
        xs.windows(2).all(|w| w[0] <= w[1] + 0.01),
        "marks of {story} are not in date order from left to right: {xs:?}"
    );
}

#[test]
fn every_story_of_stories_csv_is_counted_and_reachable_by_paging() {
    let Some(browser) = chromium() else { return };
    let r = build();
    let rows = stories_csv_rows(&r.dir);
    assert_eq!(rows, STORIES);
    let first = dom(browser, &r, "");
    assert_eq!(attr(&first, "#story-count", "data-count"), rows.to_string());
    assert_eq!(text(&first, "#story-count"), format!("{rows} stories"));
    let mut seen = Vec::new();
    for page in 1.. {
        let doc = if page == 1 {
            first.clone()
        } else {
            dom(browser, &r, &format!("#page={page}"))
        };
        let ids: Vec<String> = doc
            .select(&sel("li.story-row"))
            .map(|e| e.value().attr("data-story").unwrap().to_string())
            .collect();
        assert!(ids.len() <= PAGE, "page {page} shows {} rows", ids.len());
        seen.extend(ids.iter().cloned());
        if ids.len() < PAGE {
            break;
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), rows, "every story on exactly one page");
}

#[test]
fn a_story_timeline_has_one_mark_per_timeline_entry() {
    let Some(browser) = chromium() else { return };
    let r = build();
    for story in ["s01", "s04", HOSTILE_STORY] {
        let doc = dom(browser, &r, &format!("#story={story}"));
        assert_eq!(attr(&doc, "#detail", "data-story"), story);
        let want = report_fixture::timeline_len(story);
        assert!(want > 0);
        assert_eq!(
            count(&doc, "#detail svg.timeline-chart g.tl-mark"),
            want,
            "marks of {story}"
        );
        assert_eq!(count(&doc, "#detail ol.events li.event"), want);
        assert_left_to_right(&doc, story);
        // Each mark carries its event on hover.
        let title = doc
            .select(&sel("#detail g.tl-mark title"))
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        assert!(title.contains(" — "), "{title}");
        // The outlet chart marks the first report.
        assert_eq!(
            count(&doc, "#detail svg.outlet-chart .ow-first.story-first"),
            1
        );
    }
}

#[test]
fn filter_in_the_url_narrows_the_index() {
    let Some(browser) = chromium() else { return };
    let r = build();
    let doc = dom(browser, &r, &format!("#filter={FILTER_WORD}"));
    assert_eq!(
        attr(&doc, "#story-count", "data-count"),
        EBOLA_STORIES.to_string()
    );
    assert_eq!(
        attr(&doc, "#story-count", "data-total"),
        STORIES.to_string()
    );
    assert_eq!(count(&doc, "li.story-row"), EBOLA_STORIES);
    for row in doc.select(&sel("li.story-row")) {
        let t: String = row.text().collect();
        assert!(t.to_lowercase().contains(FILTER_WORD), "{t}");
    }
    // By outlet name too.
    let doc = dom(browser, &r, "#filter=al%20jazeera");
    let n: usize = attr(&doc, "#story-count", "data-count").parse().unwrap();
    assert!(n > 0 && n < STORIES, "{n}");
}

#[test]
fn hostile_headline_is_shown_as_text_and_injects_nothing() {
    let Some(browser) = chromium() else { return };
    let r = build();
    for fragment in ["", &format!("#story={HOSTILE_STORY}")] {
        let doc = dom(browser, &r, fragment);
        let headlines: Vec<String> = doc
            .select(&sel("li.story-row .row-headline"))
            .map(|e| e.text().collect())
            .collect();
        assert!(headlines.iter().any(|h| h == HOSTILE), "{headlines:?}");
        // Only the page's own two scripts, and no element built from input markup.
        assert_eq!(count(&doc, "script"), 2);
        assert_eq!(count(&doc, "img"), 0);
        assert_eq!(count(&doc, "[onerror]"), 0);
    }
    let doc = dom(browser, &r, &format!("#story={HOSTILE_STORY}"));
    assert_eq!(text(&doc, "#detail h2"), HOSTILE);
    let events: String = text(&doc, "#detail ol.events");
    assert!(events.contains(HOSTILE), "{events}");
}

/// Where screenshots go: the cargo target folder.
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Saves a PNG of the report at `fragment`, window `size` ("1400,1800"), and checks it is one.
fn screenshot(browser: &str, r: &Report, fragment: &str, path: &Path, size: &str) {
    let _ = std::fs::remove_file(path);
    run_chromium(
        browser,
        &[
            &format!("--screenshot={}", path.display()),
            &format!("--window-size={size}"),
        ],
        &r.url(fragment),
    );
    let png = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{}",
        path.display()
    );
    eprintln!("screenshot: {}", path.display());
}

#[test]
fn screenshots_of_the_index_and_a_story_are_saved() {
    let Some(browser) = chromium() else { return };
    let r = build();
    let dir = target_dir();
    std::fs::create_dir_all(&dir).unwrap();
    for (name, fragment, size) in [
        ("report-screenshot.png", "", "1400,1800"),
        ("report-screenshot-story.png", "#story=s03", "1400,1800"),
        ("report-screenshot-full.png", "#story=s02", "1400,4000"),
    ] {
        screenshot(browser, &r, fragment, &dir.join(name), size);
    }
}

#[test]
fn a_folder_without_articles_and_outlets_still_shows_stories_and_timelines() {
    let Some(browser) = chromium() else { return };
    let r = build();
    std::fs::remove_file(r.dir.join("articles.csv")).unwrap();
    std::fs::remove_file(r.dir.join("outlets.csv")).unwrap();
    storyline::report::build_report(&r.dir).unwrap();
    let doc = dom(browser, &r, "#story=s01");
    assert_eq!(
        attr(&doc, "#story-count", "data-count"),
        STORIES.to_string()
    );
    assert_eq!(
        count(&doc, "#detail svg.timeline-chart g.tl-mark"),
        report_fixture::timeline_len("s01")
    );
    let notes: Vec<String> = doc
        .select(&sel("#detail p.note"))
        .map(|e| e.text().collect())
        .collect();
    assert!(
        notes.iter().any(|n| n.contains("articles.csv")),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains("outlets.csv")), "{notes:?}");
}

// ---- the data/ sample ------------------------------------------------------------------------

/// The headline of the article added to the copy of `data/`: it must be shown as text.
const DATA_HOSTILE: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";

/// A news-please record with [`DATA_HOSTILE`] as its title, about nothing else in the sample
/// (no month or year in its text either, so that it makes a story of its own).
fn hostile_record() -> String {
    serde_json::json!({
        "title": DATA_HOSTILE,
        "maintext": "Lighthouse keepers on the island of Skerryvore counted four thousand \
                     puffins this weekend, the most since their tally began. The keepers said \
                     the colony had recovered after a wet winter. Volunteers will count the \
                     seabirds again in June.",
        "url": "https://hostile.example/puffins",
        "source_domain": "hostile.example",
        "date_publish": "2014-03-09T08:30:00"
    })
    .to_string()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The report of a copy of `data/` plus [`hostile_record`], made by the built binary.
fn build_data() -> Report {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("data");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &input);
    std::fs::write(input.join("hostile-headline.json"), hostile_record()).unwrap();
    let dir = tmp.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_storyline"))
        .arg("analyze")
        .arg(&input)
        .arg("--out")
        .arg(&dir)
        .arg("--quiet")
        .output()
        .expect("storyline runs");
    assert!(
        run.status.success(),
        "storyline analyze failed: {}\n{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    let path = dir.join("report.html");
    assert!(path.is_file(), "no {}", path.display());
    Report { tmp, dir, path }
}

/// The rows of an output table, as (column -> value).
fn read_rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

impl Report {
    fn table(&self, name: &str) -> Vec<BTreeMap<String, String>> {
        read_rows(&self.dir.join(name))
    }

    /// The story with the most articles (the first of the index).
    fn biggest_story(&self) -> String {
        let stories = self.table("stories.csv");
        let most = stories
            .iter()
            .map(|s| s["articles"].parse::<u64>().unwrap())
            .max()
            .unwrap();
        stories
            .iter()
            .filter(|s| s["articles"].parse::<u64>().unwrap() == most)
            .map(|s| s["story_id"].clone())
            .min()
            .unwrap()
    }

    /// The story of the Oso landslide: the one of the heraldnet.com teaser about Oso.
    fn oso_story(&self) -> String {
        let rows = self.table("articles.csv");
        let teaser = rows
            .iter()
            .find(|a| {
                a["kind"] == "teaser"
                    && a["outlet"] == "heraldnet.com"
                    && a["title"].contains("Oso")
            })
            .expect("a heraldnet.com teaser about Oso in articles.csv");
        assert!(
            !teaser["story_id"].is_empty(),
            "the Oso teaser is in no story"
        );
        teaser["story_id"].clone()
    }

    /// The story of the article whose title is `title`.
    fn story_of_title(&self, title: &str) -> String {
        let rows = self.table("articles.csv");
        let a = rows
            .iter()
            .find(|a| a["title"] == title)
            .unwrap_or_else(|| panic!("no article titled {title:?} in articles.csv"));
        assert!(!a["story_id"].is_empty(), "{title:?} is in no story");
        a["story_id"].clone()
    }

    fn timeline_len(&self, story: &str) -> usize {
        self.table("timeline.csv")
            .iter()
            .filter(|t| t["story_id"] == story)
            .count()
    }
}

/// The story ids shown on every page of the index at `fragment` (`#filter=x&`), in order.
fn all_pages(browser: &str, r: &Report, fragment: &str) -> Vec<String> {
    let mut seen = Vec::new();
    for page in 1.. {
        let doc = dom(browser, r, &format!("{fragment}page={page}"));
        let ids: Vec<String> = doc
            .select(&sel("li.story-row"))
            .map(|e| e.value().attr("data-story").unwrap().to_string())
            .collect();
        assert!(ids.len() <= PAGE, "page {page} shows {} rows", ids.len());
        seen.extend(ids.iter().cloned());
        if ids.len() < PAGE {
            break;
        }
    }
    seen
}

#[test]
fn data_sample_every_story_is_shown_and_the_filter_narrows_the_index() {
    let Some(browser) = chromium() else { return };
    let r = build_data();
    let rows = stories_csv_rows(&r.dir);
    assert!(rows > 10, "the sample makes {rows} stories");
    let doc = dom(browser, &r, "");
    assert_eq!(attr(&doc, "#story-count", "data-count"), rows.to_string());
    assert_eq!(text(&doc, "#story-count"), format!("{rows} stories"));
    let mut seen = all_pages(browser, &r, "#");
    assert_eq!(seen.len(), rows, "stories shown over all pages");
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), rows, "every story on exactly one page");

    // A word of the biggest story's label keeps fewer stories, each containing it.
    let biggest = r.biggest_story();
    let stories = r.table("stories.csv");
    let label = &stories.iter().find(|s| s["story_id"] == biggest).unwrap()["label"];
    let word = label
        .split([',', ';', ' '])
        .map(str::trim)
        .find(|w| w.len() >= 4)
        .unwrap_or_else(|| panic!("no word in the label {label:?}"))
        .to_lowercase();
    let in_csv = stories
        .iter()
        .filter(|s| {
            format!("{} {}", s["label"], s["headline"])
                .to_lowercase()
                .contains(&word)
        })
        .count();
    let doc = dom(browser, &r, &format!("#filter={word}"));
    let n: usize = attr(&doc, "#story-count", "data-count").parse().unwrap();
    assert!(
        n >= in_csv && n >= 1 && n < rows,
        "{word:?}: {n} of {rows} stories"
    );
    assert_eq!(attr(&doc, "#story-count", "data-total"), rows.to_string());
    let shown: Vec<String> = doc
        .select(&sel("li.story-row"))
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(shown.len(), n.min(PAGE));
    for t in &shown {
        assert!(t.to_lowercase().contains(&word), "{word:?} not in {t}");
    }
    assert!(
        doc.select(&sel("li.story-row"))
            .any(|e| e.value().attr("data-story") == Some(biggest.as_str())),
        "the story of the label is kept"
    );
}

#[test]
fn data_sample_timelines_of_the_biggest_and_the_oso_story_have_one_mark_per_entry() {
    let Some(browser) = chromium() else { return };
    let r = build_data();
    let biggest = r.biggest_story();
    let oso = r.oso_story();
    assert_ne!(biggest, oso);
    for story in [&biggest, &oso] {
        let want = r.timeline_len(story);
        assert!(want > 0, "{story} has no timeline entry");
        let doc = dom(browser, &r, &format!("#story={story}"));
        assert_eq!(&attr(&doc, "#detail", "data-story"), story);
        assert_eq!(
            count(&doc, "#detail svg.timeline-chart g.tl-mark"),
            want,
            "marks of {story}"
        );
        assert_eq!(count(&doc, "#detail ol.events li.event"), want);
        assert_left_to_right(&doc, story);
    }
}

/// All the texts of `s` in `doc`.
fn texts(doc: &Html, s: &str) -> Vec<String> {
    doc.select(&sel(s)).map(|e| e.text().collect()).collect()
}

#[test]
fn data_sample_oso_story_without_publication_dates_says_so() {
    let Some(browser) = chromium() else { return };
    let r = build_data();
    let oso = r.oso_story();
    let doc = dom(browser, &r, &format!("#story={oso}"));
    let h2 = text(&doc, "#detail h2");
    assert!(h2.contains("Oso"), "{h2}");
    // Teasers carry no date: no chart of who reported when, and a sentence saying why.
    assert_eq!(count(&doc, "#detail svg.outlet-chart"), 0);
    let why = text(&doc, "#detail p.no-dates");
    assert!(why.contains("publication date"), "{why}");
    let meta = text(&doc, "#detail p.meta");
    assert!(meta.contains("no publication dates"), "{meta}");
    assert_eq!(count(&doc, "#detail table.story-outlets tbody tr"), 1);
}

#[test]
fn data_sample_reports_seconds_apart_are_not_all_called_first() {
    let Some(browser) = chromium() else { return };
    let r = build_data();
    let biggest = r.biggest_story();
    let doc = dom(browser, &r, &format!("#story={biggest}"));
    // The UCI headlines are dated by their publication day only, all the same day.
    let want = r.timeline_len(&biggest);
    let same = text(&doc, "#detail p.tl-same-date");
    assert!(
        same.starts_with(&format!("All {want} events are dated ")),
        "{same}"
    );
    assert_eq!(count(&doc, "#detail .event .when small.by-published"), want);
    let events = text(&doc, "#detail ol.events");
    assert!(!events.contains("(published)"), "{events}");
    // Its reports came within seconds: a note says so, and the lags count the seconds.
    let note = text(&doc, "#detail p.same-time");
    assert!(note.contains("too close together"), "{note}");
    let firsts = texts(&doc, "#detail svg.outlet-chart .ow-lag.story-first");
    assert!(
        !firsts.is_empty() && firsts.iter().all(|t| t == "first"),
        "{firsts:?}"
    );
    let lags = texts(&doc, "#detail svg.outlet-chart .ow-lag:not(.story-first)");
    assert!(!lags.is_empty());
    for l in &lags {
        assert!(l.starts_with('+') && l.ends_with(" s"), "lag {l:?}");
    }
    // The chart draws the first 30 outlets and says the table has them all.
    let outlets = count(&doc, "#detail table.story-outlets tbody tr");
    let drawn = count(&doc, "#detail svg.outlet-chart .ow-row");
    assert!(drawn < outlets, "{drawn} of {outlets}");
    let more = text(&doc, "#detail p.chart-more");
    assert!(
        more.contains(&format!("first {drawn} of {outlets} outlets")),
        "{more}"
    );
}

#[test]
fn data_sample_outlets_note_same_time_stories_and_lead_blind_spots_with_big_outlets() {
    let Some(browser) = chromium() else { return };
    let r = build_data();
    let doc = dom(browser, &r, "");
    let note = text(&doc, "#outlets p.same-time-note");
    assert!(
        note.contains("say little about who broke the story"),
        "{note}"
    );
    let lags = texts(&doc, "table.outlets tbody td:nth-child(5)");
    assert!(lags.iter().all(|l| !l.ends_with("0.0 h")), "{lags:?}");
    // The first outlet of the blind spots is the one among them that published the most.
    let articles: BTreeMap<String, u64> = r
        .table("outlet_summary.csv")
        .iter()
        .map(|o| (o["outlet"].clone(), o["articles"].parse().unwrap()))
        .collect();
    let most = r
        .table("blindspots.csv")
        .iter()
        .map(|b| articles.get(&b["outlet"]).copied().unwrap_or(0))
        .max()
        .unwrap();
    let first = text(&doc, "table.blindspots tbody tr td.outlet-name");
    assert_eq!(articles[&first], most, "{first}");
}

#[test]
fn data_sample_hostile_headline_is_shown_as_text_and_runs_nothing() {
    let Some(browser) = chromium() else { return };
    let r = build_data();
    let story = r.story_of_title(DATA_HOSTILE);
    let stories = r.table("stories.csv");
    let row = stories.iter().find(|s| s["story_id"] == story).unwrap();
    assert_eq!(
        row["headline"], DATA_HOSTILE,
        "the hostile record should make a story of its own"
    );
    for fragment in [String::new(), format!("#story={story}")] {
        let doc = dom(browser, &r, &fragment);
        let headlines: Vec<String> = doc
            .select(&sel("li.story-row .row-headline"))
            .map(|e| e.text().collect())
            .collect();
        assert!(
            headlines.iter().any(|h| h == DATA_HOSTILE),
            "{fragment}: {headlines:?}"
        );
        assert_eq!(count(&doc, "script"), 2, "only the page's own scripts");
        assert_eq!(count(&doc, "img"), 0);
        assert_eq!(count(&doc, "[onerror]"), 0);
    }
    let doc = dom(browser, &r, &format!("#story={story}"));
    assert_eq!(text(&doc, "#detail h2"), DATA_HOSTILE);
    let titles: Vec<String> = doc
        .select(&sel("#detail ol.articles .title"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(titles, [DATA_HOSTILE]);
    let events = text(&doc, "#detail ol.events");
    assert!(events.contains(DATA_HOSTILE), "{events}");
    // No alert either: a copy of the page whose alert() marks the document instead.
    let page = std::fs::read_to_string(&r.path).unwrap();
    let probe = page.replacen(
        "<head>",
        "<head><script>window.alert = function () { \
         document.documentElement.setAttribute('data-alerted', '1'); };</script>",
        1,
    );
    let probe_path = r.dir.join("probe.html");
    std::fs::write(&probe_path, probe).unwrap();
    for fragment in [String::new(), format!("#story={story}")] {
        let url = format!("file://{}{fragment}", probe_path.display());
        let html = run_chromium(browser, &["--dump-dom"], &url);
        assert!(html.contains("story-list"), "no report in the dump");
        let doc = Html::parse_document(&html);
        assert_eq!(
            count(&doc, "[data-alerted]"),
            0,
            "alert() ran at {fragment:?}"
        );
    }
}

#[test]
fn data_sample_screenshots_of_the_index_and_the_oso_story_are_saved() {
    let Some(browser) = chromium() else { return };
    let r = build_data();
    let dir = target_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let oso = format!("#story={}", r.oso_story());
    for (name, fragment) in [
        ("report-data-screenshot.png", ""),
        ("report-data-screenshot-story.png", oso.as_str()),
    ] {
        screenshot(browser, &r, fragment, &dir.join(name), "1400,1800");
    }
}
