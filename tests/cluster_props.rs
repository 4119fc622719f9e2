//! Property test: story clustering does not depend on the order of the articles or on the
//! number of threads. The same articles, shuffled and clustered in rayon pools of 1 and 2
//! threads, fall into the same stories with the same ids.

use std::collections::BTreeMap;

use chrono::{FixedOffset, TimeZone};
use proptest::prelude::*;
use storyline::Article;
use storyline::cluster::{ClusterParams, cluster_articles};

/// Vocabularies of a few unrelated events, and words every story uses.
const TOPICS: [&[&str]; 5] = [
    &[
        "earthquake",
        "magnitude",
        "rubble",
        "rescuers",
        "aftershock",
        "collapsed",
        "quake",
    ],
    &[
        "election",
        "ballots",
        "candidate",
        "polling",
        "recount",
        "votes",
        "campaign",
    ],
    &[
        "bitcoin",
        "exchange",
        "cryptocurrency",
        "traders",
        "prices",
        "wallet",
        "mining",
    ],
    &[
        "wildfire",
        "evacuation",
        "firefighters",
        "acres",
        "containment",
        "smoke",
        "blaze",
    ],
    &[
        "merger",
        "shareholders",
        "acquisition",
        "regulators",
        "billion",
        "deal",
        "antitrust",
    ],
];
const COMMON: [&str; 6] = ["officials", "said", "monday", "city", "people", "report"];

fn article(i: usize, topic: usize, words: &[usize], day: u32) -> Article {
    let vocab = TOPICS[topic];
    let pick = |k: usize| vocab[words[k % words.len()] % vocab.len()];
    let title = format!("{} {} {}", pick(0), pick(1), pick(2));
    let text = words
        .iter()
        .enumerate()
        .map(|(k, &w)| {
            if k % 4 == 3 {
                COMMON[w % COMMON.len()]
            } else {
                vocab[w % vocab.len()]
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    Article {
        id: format!("a{i:03}"),
        source_path: format!("in/a{i:03}.txt"),
        title,
        text,
        outlet: format!("outlet{}", i % 4),
        published: FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2014, 3, day, 12, 0, 0)
            .single(),
        ..Default::default()
    }
}

fn articles() -> impl Strategy<Value = Vec<Article>> {
    prop::collection::vec(
        (
            0..TOPICS.len(),
            prop::collection::vec(0usize..100, 4..16),
            1u32..=28,
        ),
        2..40,
    )
    .prop_map(|specs| {
        specs
            .iter()
            .enumerate()
            .map(|(i, (t, w, d))| article(i, *t, w, *d))
            .collect()
    })
}

/// Article id -> story id, clustered in a pool of `threads` threads.
fn stories_by_id(articles: &[Article], threads: usize) -> BTreeMap<String, String> {
    let params = ClusterParams::default().check().unwrap();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let s = pool.install(|| cluster_articles(articles, &params).unwrap());
    articles
        .iter()
        .zip(s.story_ids())
        .map(|(a, sid)| (a.id.clone(), sid.expect("every article is ok").to_string()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn stories_do_not_depend_on_order_or_threads(
        arts in articles(),
        perm in prop::collection::vec(any::<u32>(), 40),
    ) {
        let base = stories_by_id(&arts, 1);
        let mut shuffled = arts.clone();
        // A permutation from the random keys (stable sort by key, ties by position).
        let mut keyed: Vec<(u32, Article)> = perm.iter().copied().zip(shuffled.drain(..)).collect();
        keyed.sort_by_key(|(k, _)| *k);
        let shuffled: Vec<Article> = keyed.into_iter().map(|(_, a)| a).collect();
        prop_assert_eq!(&stories_by_id(&shuffled, 1), &base, "order changed the stories");
        prop_assert_eq!(&stories_by_id(&shuffled, 2), &base, "threads changed the stories");
        prop_assert_eq!(&stories_by_id(&arts, 2), &base, "threads changed the stories");
    }
}

#[test]
fn the_generated_articles_do_form_stories() {
    // Without stories of several articles the property above would hold trivially.
    let arts: Vec<Article> = (0..12)
        .map(|i| {
            article(
                i,
                i % 2,
                &[i, i + 1, i + 2, 3, 4, 5, 6, 7],
                10 + i as u32 % 3,
            )
        })
        .collect();
    let stories = stories_by_id(&arts, 2);
    let distinct: std::collections::BTreeSet<&String> = stories.values().collect();
    assert!(distinct.len() < arts.len() / 2, "{stories:?}");
}
