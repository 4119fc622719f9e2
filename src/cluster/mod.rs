//! Story clustering: groups articles that cover the same real-world event.
//!
//! [`cluster_articles`] analyses the articles that are [`Article::is_ok`], builds TF-IDF
//! vectors, clusters them with the chosen [`Algorithm`] and describes each cluster as a
//! [`Story`]. Skipped articles get no story.

mod algorithm;
mod errors;
mod params;

pub use algorithm::{auto_threshold, background_similarity, random_projection, typical_threshold};
pub use errors::ClusterError;
pub use params::{Algorithm, ClusterParams, Threshold, ValidParams};

use crate::Article;
use crate::analyze::{Analyzer, TokenKind};
use crate::textstore::Texts;
use crate::tfidf::{self, DocTerms, SparseVec, TfIdf};
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

/// One story: a cluster of articles about one event.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Story {
    /// Stable id derived from content: `s` + 16 hex digits of the FNV-1a hash of the id of
    /// the story's earliest article (undated articles count as latest; ties by id).
    pub story_id: String,
    /// The story's most distinctive terms as surface words, comma-separated.
    pub label: String,
    /// Title of the article nearest to the story's centroid.
    pub headline: String,
    /// Ids of the articles, in input order.
    pub articles: Vec<String>,
    /// Distinct outlets, sorted.
    pub outlets: Vec<String>,
    /// Earliest publication time among the articles, when any is dated.
    pub first_published: Option<DateTime<FixedOffset>>,
    /// Latest publication time among the articles, when any is dated.
    pub last_published: Option<DateTime<FixedOffset>>,
}

/// The result of clustering: the stories and, for each input article, its story.
#[derive(Debug, Clone, Default)]
pub struct Stories {
    /// Stories, biggest first (ties by `story_id`).
    pub stories: Vec<Story>,
    /// For each input article (same order as the input), the index of its story in
    /// `stories`; `None` for skipped articles.
    pub article_story: Vec<Option<usize>>,
    /// The merge threshold used (for [`Algorithm::Linkage`]; with [`Threshold::Auto`], its
    /// value for two articles of median background similarity).
    pub threshold: f32,
}

impl Stories {
    /// For each input article, its story id (`None` for skipped articles).
    pub fn story_ids(&self) -> Vec<Option<&str>> {
        self.article_story
            .iter()
            .map(|s| s.map(|i| self.stories[i].story_id.as_str()))
            .collect()
    }
}

/// FNV-1a 64-bit: a hash that never changes between runs, platforms or Rust versions.
pub fn stable_hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Analyses and vectorizes the articles that are ok. Returns the indices of those articles
/// and the TF-IDF model over them.
pub fn vectorize(articles: &[Article], params: &ValidParams) -> (Vec<usize>, TfIdf) {
    vectorize_texts(Texts::in_memory(articles), params)
}

/// [`vectorize`] on articles whose texts may be in a [`crate::textstore::TextStore`].
pub fn vectorize_texts(texts: Texts<'_>, params: &ValidParams) -> (Vec<usize>, TfIdf) {
    let articles = texts.articles;
    let ok: Vec<usize> = (0..articles.len())
        .filter(|&i| articles[i].is_ok())
        .collect();
    let analyzer = Analyzer::default();
    let tp = &params.get().tfidf;
    // Chunks bound memory: only a few chunks' texts and tokens exist at a time. The
    // builder takes the chunks in order on a thread of its own, while the next chunk is
    // analysed in parallel: adding is sequential, and would otherwise leave cores idle.
    let builder = std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<DocTerms>>(1);
        let adder = s.spawn(move || {
            let mut builder = tfidf::TfIdfBuilder::new();
            for docs in rx {
                builder.add(docs);
            }
            builder
        });
        for chunk in ok.chunks(10_000) {
            let terms: Vec<DocTerms> = chunk
                .par_iter()
                .map(|&i| {
                    let (text, analyzed) = analyzer.analyze_article(&texts.get(i));
                    DocTerms::new(&text, &analyzed, tp.title_weight)
                })
                .collect();
            if tx.send(terms).is_err() {
                break; // the adder panicked; joining it below re-raises the panic
            }
        }
        drop(tx);
        adder
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    });
    (ok, builder.finish(tp))
}

/// Clusters TF-IDF rows the way [`cluster_articles`] does after [`vectorize`], without
/// analysing or describing anything: `times` are the rows' publication times in Unix seconds
/// (`None` when undated). Returns one label per row, numbered by first occurrence. For
/// benchmarks and experiments on fixed vectors (`benches/stages.rs`).
pub fn cluster_vectors(
    rows: &[SparseVec],
    times: &[Option<i64>],
    params: &ValidParams,
) -> Result<Vec<usize>, ClusterError> {
    algorithm::cluster_rows(rows, times, params.get())
}

/// Clusters articles into stories. Only articles with [`Article::is_ok`] are clustered.
/// The result does not depend on the number of threads.
pub fn cluster_articles(
    articles: &[Article],
    params: &ValidParams,
) -> Result<Stories, ClusterError> {
    cluster_texts(Texts::in_memory(articles), params)
}

/// [`cluster_articles`] on articles whose texts may be in a
/// [`crate::textstore::TextStore`].
pub fn cluster_texts(texts: Texts<'_>, params: &ValidParams) -> Result<Stories, ClusterError> {
    let articles = texts.articles;
    let p = params.get();
    let t_vec = std::time::Instant::now();
    let (ok, model) = vectorize_texts(texts, params);
    if crate::pipeline::timing_enabled() {
        eprintln!(
            "vectorized: {} rows, {} terms, {} non-zeros in {:.1}s",
            model.rows.len(),
            model.vocab.len(),
            model.rows.iter().map(SparseVec::nnz).sum::<usize>(),
            t_vec.elapsed().as_secs_f64()
        );
    }
    let times: Vec<Option<i64>> = ok
        .iter()
        .map(|&i| articles[i].published.map(|t| t.timestamp()))
        .collect();
    let threshold = algorithm::typical_threshold(&model.rows, p);
    let t0 = std::time::Instant::now();
    let labels = algorithm::cluster_rows(&model.rows, &times, p)?;
    if crate::pipeline::timing_enabled() {
        eprintln!("clustered: {:.1}s", t0.elapsed().as_secs_f64());
    }
    let k = labels.iter().max().map_or(0, |m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    for (row, &l) in labels.iter().enumerate() {
        members[l].push(row);
    }
    let mut stories: Vec<(Story, Vec<usize>)> = members
        .into_par_iter()
        .map(|rows| (describe(texts, &ok, &model, &rows), rows))
        .collect();
    stories.sort_by(|a, b| {
        b.1.len()
            .cmp(&a.1.len())
            .then_with(|| a.0.story_id.cmp(&b.0.story_id))
    });
    let mut article_story = vec![None; articles.len()];
    for (si, (_, rows)) in stories.iter().enumerate() {
        for &r in rows {
            article_story[ok[r]] = Some(si);
        }
    }
    Ok(Stories {
        stories: stories.into_iter().map(|(s, _)| s).collect(),
        article_story,
        threshold,
    })
}

/// Clusters with `params` and returns each article's story id (`None` for skipped ones).
pub fn assign_story_ids(
    articles: &[Article],
    params: &ValidParams,
) -> Result<Vec<Option<String>>, ClusterError> {
    let s = cluster_articles(articles, params)?;
    Ok(s.story_ids()
        .into_iter()
        .map(|x| x.map(str::to_string))
        .collect())
}

/// Builds the [`Story`] of a cluster (`rows` index the model's rows; `ok[row]` the article).
fn describe(texts: Texts<'_>, ok: &[usize], model: &TfIdf, rows: &[usize]) -> Story {
    let articles = texts.articles;
    let arts: Vec<&Article> = rows.iter().map(|&r| &articles[ok[r]]).collect();
    let earliest = arts
        .iter()
        .min_by(|a, b| {
            (a.published.is_none(), a.published, &a.id).cmp(&(
                b.published.is_none(),
                b.published,
                &b.id,
            ))
        })
        .expect("a cluster has members");
    let story_id = format!("s{:016x}", stable_hash(&earliest.id));
    let mut centroid = SparseVec::default();
    for &r in rows {
        centroid.add_scaled(&model.rows[r], 1.0);
    }
    let central = rows
        .iter()
        .map(|&r| (r, model.rows[r].dot(&centroid)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(r, _)| ok[r])
        .expect("a cluster has members");
    let headline = if articles[central].title.trim().is_empty() {
        texts.get(central).full_text().chars().take(100).collect()
    } else {
        articles[central].title.trim().to_string()
    };
    let mut outlets: Vec<String> = arts
        .iter()
        .map(|a| a.outlet.clone())
        .filter(|o| !o.is_empty())
        .collect();
    outlets.sort();
    outlets.dedup();
    Story {
        story_id,
        label: label(model, &centroid),
        headline,
        articles: arts.iter().map(|a| a.id.clone()).collect(),
        outlets,
        first_published: arts.iter().filter_map(|a| a.published).min(),
        last_published: arts.iter().filter_map(|a| a.published).max(),
    }
}

/// The top terms of a centroid as surface words. A phrase (name or word pair) absorbs the
/// chosen words it contains, and a word already inside a chosen phrase is not repeated
/// ("John Kerry", not "John Kerry, Kerry").
fn label(model: &TfIdf, centroid: &SparseVec) -> String {
    let words = |s: &str| -> Vec<String> { s.split(' ').map(str::to_lowercase).collect() };
    let mut chosen: Vec<String> = Vec::new();
    for (t, _) in centroid.top(64) {
        let t = t as usize;
        let surface = model.vocab.surfaces[t].clone();
        let mine = words(&surface);
        // Covered when every word is already shown, or is a variant of a shown word
        // ("Rican" after "Costa Rica", "Korean" after "Korea").
        let same = |a: &str, b: &str| {
            a == b || (b.len() >= 4 && a.starts_with(b)) || (a.len() >= 4 && b.starts_with(a))
        };
        let covered = chosen.iter().any(|c| {
            let cw = words(c);
            mine.iter().all(|w| cw.iter().any(|c| same(w, c)))
        });
        if covered {
            continue;
        }
        if matches!(model.vocab.kinds[t], TokenKind::Name | TokenKind::Pair) {
            // A phrase overlapping a chosen phrase ("Rica planes" after "Costa Rica") adds
            // little.
            let overlaps = chosen.iter().any(|c| {
                let cw = words(c);
                cw.len() > 1 && mine.iter().any(|w| cw.contains(w))
            });
            if overlaps {
                continue;
            }
            let absorbed: Vec<usize> = (0..chosen.len())
                .filter(|&i| words(&chosen[i]).iter().all(|w| mine.contains(w)))
                .collect();
            if let Some(&first) = absorbed.first() {
                chosen[first] = surface;
                for &i in absorbed[1..].iter().rev() {
                    chosen.remove(i);
                }
                continue;
            }
        }
        chosen.push(surface);
        if chosen.len() == 4 {
            break;
        }
    }
    chosen.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, title: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            title: title.into(),
            text: text.into(),
            outlet: "example.com".into(),
            ..Default::default()
        }
    }

    #[test]
    fn skipped_articles_get_no_story() {
        let mut a = vec![
            art(
                "a",
                "Volcano erupts in Iceland",
                "The volcano near Grindavik erupted.",
            ),
            art(
                "b",
                "Iceland volcano eruption",
                "Lava from the volcano reached Grindavik.",
            ),
            art("c", "x", "y"),
        ];
        a[2].status = crate::Status::Skipped;
        let s = cluster_articles(&a, &ClusterParams::default().check().unwrap()).unwrap();
        assert!(s.article_story[2].is_none());
        assert_eq!(s.article_story[0], s.article_story[1]);
    }

    #[test]
    fn story_id_is_a_hash_of_the_earliest_article() {
        let a = vec![
            art(
                "b",
                "Volcano erupts in Iceland",
                "The volcano near Grindavik erupted.",
            ),
            art(
                "a",
                "Iceland volcano eruption",
                "Lava from the volcano reached Grindavik.",
            ),
        ];
        let s = cluster_articles(&a, &ClusterParams::default().check().unwrap()).unwrap();
        assert_eq!(s.stories.len(), 1);
        assert_eq!(s.stories[0].story_id, format!("s{:016x}", stable_hash("a")));
        let label = s.stories[0].label.to_lowercase();
        assert!(
            label.contains("grindavik") || label.contains("volcano"),
            "{label}"
        );
    }

    fn corpus() -> Vec<Article> {
        let topics = [
            (
                "Volcano erupts near Grindavik",
                "Lava from the Iceland volcano reached Grindavik homes.",
            ),
            (
                "Grindavik evacuated as volcano erupts",
                "Iceland evacuates Grindavik after the eruption.",
            ),
            (
                "Chiquita agrees to buy Fyffes",
                "The banana merger of Chiquita and Fyffes creates a giant.",
            ),
            (
                "Fyffes and Chiquita merge",
                "Chiquita Fyffes banana deal announced by both firms.",
            ),
            (
                "Twitter outage hits users",
                "Twitter went down for most users in a long outage.",
            ),
            (
                "Twitter down again",
                "Another Twitter outage left users unable to post.",
            ),
            (
                "Bundesregierung senkt Steuern",
                "Die Bundesregierung senkt die Steuern für kleine Unternehmen in Berlin.",
            ),
            (
                "Steuern sinken für Unternehmen",
                "Kleine Unternehmen zahlen weniger Steuern, beschloss die Bundesregierung.",
            ),
        ];
        topics
            .iter()
            .enumerate()
            .map(|(i, (t, x))| art(&format!("a{i}"), t, x))
            .collect()
    }

    #[test]
    fn result_does_not_depend_on_thread_count() {
        let params = ClusterParams::default().check().unwrap();
        let a = corpus();
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| assign_story_ids(&a, &params).unwrap())
        };
        assert_eq!(run(1), run(3));
    }

    #[test]
    fn pairs_of_articles_on_one_event_cluster_in_english_and_german() {
        let a = corpus();
        let s = cluster_articles(&a, &ClusterParams::default().check().unwrap()).unwrap();
        let ids = s.story_ids();
        for pair in ids.chunks(2) {
            assert_eq!(pair[0], pair[1], "{ids:?}");
        }
        assert_eq!(s.stories.len(), 4, "{ids:?}");
    }

    #[test]
    fn empty_and_textless_input_does_not_panic() {
        let params = ClusterParams::default().check().unwrap();
        let s = cluster_articles(&[], &params).unwrap();
        assert!(s.stories.is_empty());
        let s = cluster_articles(&[art("x", "", ""), art("y", "", "")], &params).unwrap();
        assert_eq!(s.article_story.iter().flatten().count(), 2);
    }

    #[test]
    fn story_reports_outlets_and_time_span() {
        let t = |s: &str| Some(DateTime::parse_from_rfc3339(s).unwrap());
        let mut a = vec![
            art(
                "a",
                "Volcano erupts in Iceland",
                "The volcano near Grindavik erupted.",
            ),
            art(
                "b",
                "Iceland volcano eruption",
                "Lava from the volcano reached Grindavik.",
            ),
            art(
                "c",
                "Grindavik volcano lava",
                "Grindavik volcano lava flows on.",
            ),
        ];
        a[0].published = t("2024-01-02T10:00:00+00:00");
        a[1].published = t("2024-01-01T08:00:00+00:00");
        a[1].outlet = "other.example".into();
        let s = cluster_articles(&a, &ClusterParams::default().check().unwrap()).unwrap();
        assert_eq!(s.stories.len(), 1);
        let st = &s.stories[0];
        assert_eq!(st.outlets, ["example.com", "other.example"]);
        assert_eq!(st.first_published, a[1].published);
        assert_eq!(st.last_published, a[0].published);
        // The earliest dated article names the story.
        assert_eq!(st.story_id, format!("s{:016x}", stable_hash("b")));
        assert_eq!(st.articles, ["a", "b", "c"]);
    }

    #[test]
    fn fnv_hash_is_stable() {
        assert_eq!(stable_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
