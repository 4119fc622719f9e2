//! Teasers cut from a page's related-stories rail cluster like articles: five teasers about
//! one event form one story; the page's main article and unrelated teasers stay out.
//!
//! Reads the seed page from `/work/shared/seed` (its text is not copied into the project);
//! skipped when that file is absent.

use storyline::cluster::{ClusterParams, cluster_articles};
use storyline::{Article, Kind};

const SEED: &str = "/work/shared/seed/000_3c405c193844579d.txt";

/// Splits the rail after "More in Local News" into teasers: blocks separated by blank lines;
/// a teaser is (optional caption) + headline + summary. The caption line is the long line
/// ending with a photo credit in parentheses, or a one-word section label.
fn teasers(rail: &str) -> Vec<Article> {
    let blocks: Vec<&str> = rail
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < blocks.len() {
        let (head, summary) = (blocks[i], blocks[i + 1]);
        if head.starts_with("Support local journalism") {
            break;
        }
        let lines: Vec<&str> = head.lines().collect();
        let (caption, title) = match lines.as_slice() {
            [c, t] => (*c, *t),
            [t] => ("", *t),
            _ => break,
        };
        out.push(Article {
            id: format!("page#teaser-{}", out.len() + 1),
            kind: Kind::Teaser,
            parent: Some("page".into()),
            title: title.to_string(),
            description: summary.to_string(),
            text: caption.to_string(),
            outlet: "heraldnet.com".into(),
            ..Default::default()
        });
        i += 2;
    }
    out
}

#[test]
fn oso_teasers_form_one_story_apart_from_paris_and_unrelated_teasers() {
    let Ok(page) = std::fs::read_to_string(SEED) else {
        eprintln!("{SEED} not found; skipping");
        return;
    };
    let (main, rest) = page.split_once("More in Local News").expect("rail marker");
    let main_text = main.split("Talk to us").next().unwrap();
    let (title, body) = main_text.split_once('\n').unwrap();
    let mut articles = vec![Article {
        id: "page".into(),
        title: title.trim().into(),
        text: body.trim().into(),
        outlet: "heraldnet.com".into(),
        ..Default::default()
    }];
    let t = teasers(rest);
    assert_eq!(
        t.len(),
        12,
        "{:#?}",
        t.iter().map(|a| &a.title).collect::<Vec<_>>()
    );
    articles.extend(t);
    let params = ClusterParams::default().check().unwrap();
    let stories = cluster_articles(&articles, &params).unwrap();
    let ids = stories.story_ids();
    for (a, s) in articles.iter().zip(&ids) {
        eprintln!("{:?} {}", s, a.title);
    }
    let oso: Vec<usize> = (1..=5).collect();
    for &i in &oso {
        assert_eq!(
            ids[i], ids[1],
            "Oso teaser {i} ({}) split off",
            articles[i].title
        );
    }
    assert_ne!(ids[0], ids[1], "the Paris article joined the Oso story");
    for i in 6..articles.len() {
        assert_ne!(
            ids[i], ids[1],
            "unrelated teaser {} joined the Oso story",
            articles[i].title
        );
        assert_ne!(
            ids[i], ids[0],
            "unrelated teaser {} joined the Paris story",
            articles[i].title
        );
    }
}
