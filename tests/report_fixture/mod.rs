//! A small output folder for report tests: 57 stories (more than one index page), timelines
//! of every date grain, several outlets, and hostile text in a headline, a title and an event.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

/// The headline that must be shown as text, never run.
pub const HOSTILE: &str = "<script>alert(1)</script>";
/// The id of the story with the hostile headline.
pub const HOSTILE_STORY: &str = "s03";
/// Stories in the fixture.
pub const STORIES: usize = 57;
/// A word in the labels of exactly [`EBOLA_STORIES`] stories, and no other text.
pub const FILTER_WORD: &str = "ebola";
/// Stories whose label or headline contains [`FILTER_WORD`].
pub const EBOLA_STORIES: usize = 3;

const OUTLETS: [&str; 8] = [
    "Reuters",
    "Associated Press",
    "BBC News",
    "The Guardian",
    "Le Monde",
    "Al Jazeera",
    "NPR",
    "Daily Herald",
];

const TOPICS: [(&str, &str); 10] = [
    (
        "ebola; liberia; outbreak",
        "Ebola outbreak spreads to Liberia's capital as clinics fill",
    ),
    (
        "scotland; referendum; vote",
        "Scotland votes on independence in historic referendum",
    ),
    ("hostile", HOSTILE),
    (
        "climate; summit; pledges",
        "World leaders gather in New York for climate summit",
    ),
    (
        "ebola; vaccine; trial",
        "Ebola vaccine trial to begin in West Africa within weeks",
    ),
    (
        "apple; iphone; launch",
        "Apple unveils larger iPhones and a smartwatch",
    ),
    (
        "hong kong; protests; students",
        "Students lead Hong Kong democracy protests into second week",
    ),
    (
        "ebola; dallas; patient",
        "First Ebola case diagnosed in the United States, in Dallas",
    ),
    (
        "mh17; crash; report",
        "Dutch report says MH17 broke up after being hit by objects",
    ),
    (
        "alibaba; ipo; shares",
        "Alibaba shares soar in record New York market debut",
    ),
];

const GENERIC: [&str; 6] = [
    "City council approves budget after long debate",
    "Storm brings flooding to coastal towns",
    "Central bank holds interest rates steady",
    "Rail strike disrupts commuters for a second day",
    "Museum returns looted artefacts to their country of origin",
    "Football club sacks manager after poor start",
];

/// One story of the fixture.
pub struct Story {
    pub id: String,
    pub label: String,
    pub headline: String,
    /// (id, outlet, published RFC 3339, title)
    pub articles: Vec<(String, String, String, String)>,
    /// (date, granularity, event, sources, coverage)
    pub timeline: Vec<(String, &'static str, String, Vec<String>, f64)>,
}

fn ts(day: u32, hour: u32) -> String {
    // September 2014 then October: day 1..=60.
    let (m, d) = if day <= 30 { (9, day) } else { (10, day - 30) };
    format!(
        "2014-{m:02}-{d:02}T{hour:02}:{:02}:00Z",
        (day * 7 + hour) % 60
    )
}

/// The stories, deterministic.
pub fn stories() -> Vec<Story> {
    (0..STORIES)
        .map(|i| {
            let id = format!("s{:02}", i + 1);
            let (label, headline) = if i < TOPICS.len() {
                (TOPICS[i].0.to_string(), TOPICS[i].1.to_string())
            } else {
                let g = GENERIC[i % GENERIC.len()];
                (format!("local; item {i}"), format!("{g} ({})", i + 1))
            };
            let size = if i < TOPICS.len() { 14 - i } else { 2 + i % 4 };
            let start = 1 + (i as u32 * 3) % 40;
            let articles = (0..size)
                .map(|k| {
                    let outlet = OUTLETS[(i + k * 3) % OUTLETS.len()];
                    let title = if i == 2 && k == 1 {
                        "<img src=x onerror=alert(2)> Hostile title".to_string()
                    } else {
                        format!("{headline} — {outlet} report {}", k + 1)
                    };
                    (
                        format!("a{}-{k}", i + 1),
                        outlet.to_string(),
                        ts(start + (k as u32 * 5) / 3, (6 + k as u32 * 5) % 24),
                        title,
                    )
                })
                .collect::<Vec<_>>();
            let src = |ks: &[usize]| -> Vec<String> {
                ks.iter()
                    .filter(|k| **k < size)
                    .map(|k| articles[*k].0.clone())
                    .collect()
            };
            let day = |d: u32| {
                let t = ts(start + d, 0);
                t[..10].to_string()
            };
            let timeline = if i == 0 {
                vec![
                    (
                        "2014-03".to_string(),
                        "month",
                        "The outbreak began in Guinea in March, health officials said.".to_string(),
                        src(&[0, 1, 2, 3]),
                        0.35,
                    ),
                    (
                        "2014-W36".to_string(),
                        "week",
                        "Cases doubled in the first week of September.".to_string(),
                        src(&[1, 4]),
                        0.15,
                    ),
                    (
                        day(0),
                        "day",
                        "Monrovia's largest clinic closed its doors to new patients.".to_string(),
                        src(&[0, 2, 5, 6, 7]),
                        0.6,
                    ),
                    (
                        day(2),
                        "day",
                        "The WHO declared the outbreak an international emergency on Tuesday."
                            .to_string(),
                        src(&[0, 1, 2, 3, 4, 5, 6, 7, 8]),
                        0.9,
                    ),
                    (
                        day(5),
                        "day",
                        "Sierra Leone announced a three-day national lockdown.".to_string(),
                        src(&[7, 8, 9]),
                        0.25,
                    ),
                    (
                        day(9),
                        "day",
                        "US troops arrived to build treatment centres.".to_string(),
                        src(&[10, 11]),
                        0.12,
                    ),
                    (
                        "2014".to_string(),
                        "year",
                        "It is the deadliest Ebola outbreak since the virus was discovered."
                            .to_string(),
                        src(&[3, 9, 12]),
                        0.2,
                    ),
                ]
            } else {
                let n = 1 + i % 4;
                (0..n)
                    .map(|k| {
                        let event = if i == 2 && k == 0 {
                            format!("{HOSTILE} happened on the first day.")
                        } else {
                            format!(
                                "Event {} of story {}: officials confirmed the news.",
                                k + 1,
                                i + 1
                            )
                        };
                        (
                            day(k as u32 * 2),
                            "day",
                            event,
                            src(&[k, k + 1]),
                            0.2 + 0.2 * (k % 3) as f64,
                        )
                    })
                    .collect()
            };
            Story {
                id,
                label,
                headline,
                articles,
                timeline,
            }
        })
        .collect()
}

fn write_csv(dir: &Path, name: &str, header: &[&str], rows: Vec<Vec<String>>) {
    let mut w = csv::Writer::from_path(dir.join(name)).unwrap();
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(&r).unwrap();
    }
    w.flush().unwrap();
}

/// Writes every table of the fixture into `dir`.
pub fn write_output_folder(dir: &Path) {
    let stories = stories();
    let mut article_rows = Vec::new();
    let mut story_rows = Vec::new();
    let mut timeline_rows = Vec::new();
    let mut outlet_rows = Vec::new();
    let mut summary: BTreeMap<String, (usize, usize, usize, Vec<String>)> = BTreeMap::new();
    for s in &stories {
        let mut per_outlet: BTreeMap<&str, Vec<&(String, String, String, String)>> =
            BTreeMap::new();
        for a in &s.articles {
            per_outlet.entry(a.1.as_str()).or_default().push(a);
            article_rows.push(vec![
                a.0.clone(),
                format!("in/{}.json", a.0),
                String::new(),
                "article".into(),
                String::new(),
                String::new(),
                a.3.clone(),
                a.1.clone(),
                a.2.clone(),
                format!(
                    "https://news.example/{}/{}",
                    a.1.replace(' ', "-").to_lowercase(),
                    a.0
                ),
                "en".into(),
                "420".into(),
                "ok".into(),
                String::new(),
                String::new(),
                s.id.clone(),
            ]);
        }
        let first = s.articles.iter().map(|a| a.2.clone()).min().unwrap();
        let last = s.articles.iter().map(|a| a.2.clone()).max().unwrap();
        story_rows.push(vec![
            s.id.clone(),
            s.label.clone(),
            s.headline.clone(),
            s.articles.len().to_string(),
            per_outlet.len().to_string(),
            first.clone(),
            last,
        ]);
        for (date, grain, event, sources, cov) in &s.timeline {
            timeline_rows.push(vec![
                s.id.clone(),
                date.clone(),
                grain.to_string(),
                event.clone(),
                sources.len().to_string(),
                sources.len().min(4).to_string(),
                sources.join(" "),
                first.clone(),
                "Tuesday".into(),
                format!("{cov:.3}"),
            ]);
        }
        let t0 = chrono::DateTime::parse_from_rfc3339(&first).unwrap();
        for (o, arts) in &per_outlet {
            let f = arts.iter().map(|a| a.2.clone()).min().unwrap();
            let lag = (chrono::DateTime::parse_from_rfc3339(&f).unwrap() - t0).num_minutes() as f64
                / 60.0;
            let n = s.timeline.len();
            outlet_rows.push(vec![
                s.id.clone(),
                o.to_string(),
                arts.len().to_string(),
                arts.len().to_string(),
                "0".into(),
                (arts.len() * 420).to_string(),
                format!("{:.3}", arts.len() as f64 / s.articles.len() as f64),
                f,
                format!("{lag:.3}"),
                (n / 2).to_string(),
                (n - n / 2).to_string(),
                format!(
                    "{}; {} said",
                    o.split(' ').next().unwrap().to_lowercase(),
                    s.label.split(';').next().unwrap()
                ),
            ]);
            let e = summary.entry(o.to_string()).or_default();
            e.0 += arts.len();
            e.1 += 1;
            e.2 += usize::from(lag == 0.0);
            e.3.push(s.id.clone());
        }
    }
    let summary_rows = summary
        .iter()
        .map(|(o, (a, st, f, top))| {
            vec![
                o.clone(),
                a.to_string(),
                st.to_string(),
                f.to_string(),
                format!("{:.3}", 3.5 + (a % 7) as f64),
                "0.000".into(),
                top.iter().take(3).cloned().collect::<Vec<_>>().join(" "),
            ]
        })
        .collect();
    let blind_rows = vec![
        vec!["NPR".into(), "s01".into(), "7".into(), "14".into()],
        vec!["NPR".into(), "s02".into(), "6".into(), "13".into()],
        vec![
            "Le Monde".into(),
            HOSTILE_STORY.into(),
            "5".into(),
            "12".into(),
        ],
    ];
    write_csv(
        dir,
        "articles.csv",
        &[
            "id",
            "source_path",
            "record",
            "kind",
            "duplicate_of",
            "parent",
            "title",
            "outlet",
            "published",
            "url",
            "language",
            "words",
            "status",
            "reason",
            "authors",
            "story_id",
        ],
        article_rows,
    );
    write_csv(
        dir,
        "stories.csv",
        &[
            "story_id",
            "label",
            "headline",
            "articles",
            "outlets",
            "first_published",
            "last_published",
        ],
        story_rows,
    );
    write_csv(
        dir,
        "timeline.csv",
        &[
            "story_id",
            "date",
            "granularity",
            "event",
            "articles",
            "outlets",
            "sources",
            "first_reported",
            "expression",
            "coverage",
        ],
        timeline_rows,
    );
    write_csv(
        dir,
        "outlets.csv",
        &[
            "story_id",
            "outlet",
            "articles",
            "original",
            "syndicated",
            "words",
            "share",
            "first_published",
            "lag_hours",
            "events_reported",
            "events_missed",
            "distinctive_terms",
        ],
        outlet_rows,
    );
    write_csv(
        dir,
        "outlet_summary.csv",
        &[
            "outlet",
            "articles",
            "stories",
            "first_to_report",
            "median_lag_hours",
            "syndicated_share",
            "top_stories",
        ],
        summary_rows,
    );
    write_csv(
        dir,
        "blindspots.csv",
        &["outlet", "story_id", "story_outlets", "story_articles"],
        blind_rows,
    );
}

/// Timeline entries of a story in the fixture.
pub fn timeline_len(story: &str) -> usize {
    stories()
        .iter()
        .find(|s| s.id == story)
        .map_or(0, |s| s.timeline.len())
}
