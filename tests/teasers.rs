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

fn teaser(n: usize, caption: &str, title: &str, summary: &str) -> Article {
    Article {
        id: format!("page#teaser-{n}"),
        kind: Kind::Teaser,
        parent: Some("page".into()),
        title: title.into(),
        description: summary.into(),
        text: caption.into(),
        outlet: "example-herald.com".into(),
        ..Default::default()
    }
}

/// The same shape as the seed page, in our own words: five teasers on one anniversary,
/// a long unrelated main article, and unrelated local teasers that share the town name,
/// the state and the photographers' credits.
///
/// Known limit: in a collection this small the three Marysville teasers end up together
/// (the town name is in 3 of 9 documents, nothing marks it as generic); they never join
/// the flood story or the main article.
#[test]
fn anniversary_teasers_cluster_and_local_teasers_stay_apart() {
    let main = Article {
        id: "page".into(),
        title: "Ministers meet in Geneva to discuss grain shipments".into(),
        text: "GENEVA — Foreign ministers from twelve countries met on Tuesday to discuss how \
               grain shipments could resume through the Black Sea, officials said. The talks, \
               hosted by the Swiss government, ended without an agreement, but delegates said \
               they would meet again next month. Exporters have warned that prices could rise \
               sharply if the shipping lanes stay closed through the harvest season. A senior \
               diplomat said the ministers agreed on inspections of cargo ships and on a \
               hotline between navies to avoid incidents at sea."
            .into(),
        outlet: "example-herald.com".into(),
        ..Default::default()
    };
    let t = vec![
        teaser(
            1,
            "Volunteers lay flowers at the Riverton flood memorial on Saturday in Riverton, Oregon. (Ann Lee / The Herald)",
            "Riverton flood memorial opens on 20th anniversary of the disaster",
            "Families of the 31 flood victims gathered at the new riverside memorial.",
        ),
        teaser(
            2,
            "A survivor holds photos of her family home before the flood. (Bo Chan / The Herald)",
            "Survivors recall the night the Riverton flood swept away their homes",
            "Twenty years later, survivors of the Riverton flood describe the rising water.",
        ),
        teaser(
            3,
            "The flood victims, pictured in 2004. (Courtesy photos)",
            "Remembering the 31 people lost in the Riverton flood",
            "The flood destroyed a neighborhood along the river in 2004.",
        ),
        teaser(
            4,
            "Emergency managers at the county operations center on Monday in Marysville, Oregon. (Ann Lee / The Herald)",
            "How the Riverton flood changed emergency warnings in the county",
            "Sirens and river gauges were added after the deadly Riverton flood.",
        ),
        teaser(
            5,
            "A home near the river in Riverton, Oregon. (Bo Chan / The Herald)",
            "Along the river, the Riverton flood still shapes daily life",
            "Residents living near the flood zone reflect on grief and recovery.",
        ),
        teaser(
            6,
            "Shoppers at the Marysville mall on Friday in Marysville, Oregon. (Ann Lee / The Herald)",
            "Bowling alley rumored for Marysville mall",
            "The mayor hinted at a new entertainment tenant for the shopping center.",
        ),
        teaser(
            7,
            "Baristas outside the cafe on Main Street in Marysville, Oregon. (Bo Chan / The Herald)",
            "Marysville coffee shop workers vote to unionize",
            "Employees voted 14-2 to join a union, organizers said.",
        ),
        teaser(
            8,
            "",
            "Marysville council plans levy vote to close budget gap",
            "The city faces a deficit of $8 million next year.",
        ),
    ];
    let mut articles = vec![main];
    articles.extend(t);
    let stories = cluster_articles(&articles, &ClusterParams::default().check().unwrap()).unwrap();
    let ids = stories.story_ids();
    for (a, s) in articles.iter().zip(&ids) {
        eprintln!("{:?} {}", s, a.title);
    }
    for i in 1..=5 {
        assert_eq!(
            ids[i], ids[1],
            "flood teaser {i} ({}) split off",
            articles[i].title
        );
    }
    assert_ne!(ids[0], ids[1], "the main article joined the flood story");
    for i in 6..articles.len() {
        assert_ne!(
            ids[i], ids[1],
            "local teaser {} joined the flood story",
            articles[i].title
        );
        assert_ne!(
            ids[i], ids[0],
            "local teaser {} joined the main article",
            articles[i].title
        );
    }
}
