//! Clusters an evaluation set with the library and prints the clustering metrics.
//!
//! ```text
//! cargo run --release --example cluster_eval -- giveme5w1h /work/shared/eval/giveme5w1h
//! cargo run --release --example cluster_eval -- uci /work/shared/eval/uci-headlines \
//!     [--algorithm linkage|dbscan|kmeans] [--threshold 0.2] [--k 87] [--out pred.csv]
//! ```
//! A tiny loader for experiments only; the real ingest lives elsewhere.

use anyhow::{Context, Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone, Utc};
use std::path::{Path, PathBuf};
use std::time::Instant;
use storyline::Article;
use storyline::cluster::{Algorithm, ClusterParams, Threshold, cluster_articles};
use storyline::eval::evaluate_files;

fn load_giveme(dir: &Path) -> Result<Vec<Article>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("articles"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&f)?)
            .with_context(|| f.display().to_string())?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        let published = v
            .get("date_publish")
            .and_then(|x| x.as_str())
            .and_then(|d| NaiveDateTime::parse_from_str(d, "%Y-%m-%dT%H:%M:%S").ok())
            .map(|d| Utc.from_utc_datetime(&d).fixed_offset());
        out.push(Article {
            id: f.file_stem().unwrap().to_string_lossy().into_owned(),
            title: s("title"),
            description: s("description"),
            text: s("text"),
            outlet: s("source_domain"),
            url: s("url"),
            published,
            ..Default::default()
        });
    }
    Ok(out)
}

fn load_uci(dir: &Path) -> Result<Vec<Article>> {
    let mut r = csv::Reader::from_path(dir.join("headlines.csv"))?;
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec?;
        let ms: i64 = rec[5].parse().unwrap_or(0);
        let published: Option<DateTime<FixedOffset>> =
            DateTime::from_timestamp_millis(ms).map(|d| d.fixed_offset());
        out.push(Article {
            id: rec[0].to_string(),
            title: rec[1].to_string(),
            url: rec[2].to_string(),
            outlet: rec[4].trim_start_matches("www.").to_string(),
            published,
            ..Default::default()
        });
    }
    Ok(out)
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        bail!(
            "usage: cluster_eval <giveme5w1h|uci> DIR [--algorithm A] [--threshold T] [--k K] [--out FILE] [--no-dates]"
        );
    }
    let dir = PathBuf::from(&args[1]);
    let mut articles = match args[0].as_str() {
        "giveme5w1h" => load_giveme(&dir)?,
        "uci" => load_uci(&dir)?,
        other => bail!("unknown set {other}"),
    };
    let mut params = ClusterParams::default();
    let mut out = std::env::temp_dir().join(format!("storyline-pred-{}.csv", args[0]));
    let mut i = 2;
    while i < args.len() {
        let val = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--algorithm" => {
                params.algorithm = val.parse::<Algorithm>().map_err(anyhow::Error::msg)?
            }
            "--threshold" => params.threshold = Threshold::Fixed(val.parse()?),
            "--scale" => params.auto_scale = val.parse()?,
            "--exponent" => params.auto_exponent = val.parse()?,
            "--pair-weight" => params.tfidf.pair_weight = val.parse()?,
            "--name-weight" => params.tfidf.name_weight = val.parse()?,
            "--number-weight" => params.tfidf.number_weight = val.parse()?,
            "--title-weight" => params.tfidf.title_weight = val.parse()?,
            "--time-floor" => params.time_floor = val.parse()?,
            "--time-long" => params.time_long_scale_days = val.parse()?,
            "--time-scale" => params.time_scale_days = val.parse()?,
            "--mix" => params.linkage_mix = val.parse()?,
            "--expansion" => params.expansion = val.parse()?,
            "--exp-len" => params.expansion_length = val.parse()?,
            "--exp-nb" => params.expansion_neighbours = val.parse()?,
            "--min-df" => params.tfidf.min_df = val.parse()?,
            "--rare" => params.tfidf.rare_norm_weight = val.parse()?,
            "--adopt" => params.adoption = val.parse()?,
            "--neighbours" => params.neighbours = val.parse()?,
            "--exp-terms" => params.expansion_terms = val.parse()?,
            "--exp-min" => params.expansion_min = val.parse()?,
            "--k" => params.kmeans_k = Some(val.parse()?),
            "--dbscan-sim" => params.dbscan_similarity = val.parse()?,
            "--out" => out = PathBuf::from(val),
            "--no-dates" => {
                articles.iter_mut().for_each(|a| a.published = None);
                i += 1;
                continue;
            }
            other => bail!("unknown flag {other}"),
        }
        i += 2;
    }
    let params = params.check()?;
    let t = Instant::now();
    let stories = cluster_articles(&articles, &params)?;
    let secs = t.elapsed().as_secs_f64();
    let mut w = csv::Writer::from_path(&out)?;
    w.write_record(["id", "story_id"])?;
    for (a, s) in articles.iter().zip(stories.story_ids()) {
        w.write_record([a.id.as_str(), s.unwrap_or("")])?;
    }
    w.flush()?;
    let m = evaluate_files(&dir.join("gold.csv"), &out)?;
    println!(
        "set {}  algorithm {:?}  threshold {:.4}  time {:.2}s  pred {}",
        args[0],
        params.get().algorithm,
        stories.threshold,
        secs,
        out.display()
    );
    println!("{m}");
    if std::env::var_os("SHOW_STORIES").is_some() {
        for s in stories.stories.iter().take(40) {
            println!("{:4} | {} | {}", s.articles.len(), s.label, s.headline);
        }
    }
    Ok(())
}
