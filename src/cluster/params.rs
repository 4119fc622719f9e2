//! Clustering settings, validated once by [`ClusterParams::check`].

use super::errors::ClusterError;
use crate::tfidf::TfIdfParams;

/// Which clustering algorithm to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Algorithm {
    /// The default: candidate neighbours from an inverted index (bounded per article), then
    /// average-linkage merging over that sparse graph, with exact average cosine between
    /// clusters and publication time as evidence. Needs no number of clusters.
    #[default]
    Linkage,
    /// linfa DBSCAN on random-projected dense vectors (noise points become single-article
    /// stories). Practical up to ~10k articles.
    Dbscan,
    /// linfa k-means on random-projected dense vectors, `k` from [`ClusterParams::kmeans_k`]
    /// or `sqrt(n / 2)`. Practical up to ~10k articles.
    KMeans,
}

impl std::str::FromStr for Algorithm {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "linkage" => Ok(Algorithm::Linkage),
            "dbscan" => Ok(Algorithm::Dbscan),
            "kmeans" | "k-means" => Ok(Algorithm::KMeans),
            _ => Err(format!(
                "unknown clustering algorithm '{s}'; expected linkage, dbscan or kmeans"
            )),
        }
    }
}

/// How the merge threshold is chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Threshold {
    /// Adapted to the data: see [`ClusterParams::threshold`].
    Auto,
    /// A fixed average cosine similarity in (0, 1).
    Fixed(f32),
}

/// Story-clustering settings. Every default is written on its field.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterParams {
    /// The algorithm. Default [`Algorithm::Linkage`].
    pub algorithm: Algorithm,
    /// Clusters merge while their linkage (cosine times time evidence) is at least this.
    /// Default [`Threshold::Auto`]: for each pair, `auto_scale * (b_a * b_b)^(auto_exponent
    /// / 2)`, where `b` is the geometric mean over a cluster's articles of each article's
    /// background similarity (its mean cosine to every other article). Long texts sharing
    /// general vocabulary need more similarity than headlines that share almost nothing by
    /// chance; this holds per pair, so teasers and full articles can be mixed.
    pub threshold: Threshold,
    /// See `threshold`. Default 0.5.
    pub auto_scale: f32,
    /// See `threshold`. Default 0.25.
    pub auto_exponent: f32,
    /// How cluster similarity is computed: `S_A . S_B / ((|A| |B|)^mix (|S_A| |S_B|)^(1 -
    /// mix))` over the clusters' summed vectors. 1 is average linkage (resists chaining), 0
    /// the cosine of centroids (lets broad stories absorb their articles). Default 0.75.
    pub linkage_mix: f32,
    /// Document expansion strength (0 turns it off): each article's vector gets its nearest
    /// candidates added, weighted by cosine times `expansion * min(1, expansion_length /
    /// terms)`, so short texts borrow their neighbours' vocabulary and long ones barely
    /// change. Default 1.
    pub expansion: f32,
    /// Only neighbours whose cosine reaches this fraction of the pair's threshold are added
    /// in expansion. Default 0.25.
    pub expansion_min: f32,
    /// Neighbours added in expansion. Default 10.
    pub expansion_neighbours: usize,
    /// Terms kept in an expanded vector. Default 100.
    pub expansion_terms: usize,
    /// Articles with more distinct terms than this are expanded less (see `expansion`).
    /// Default 20.
    pub expansion_length: f32,
    /// An article still alone after merging joins its closest neighbouring story when its
    /// linkage reaches this fraction of the threshold (1 turns adoption off). Default 0.7.
    pub adoption: f32,
    /// Candidate neighbours kept per article. Default 20.
    pub neighbours: usize,
    /// Most heavily weighted terms of an article used to look for candidates. Default 24.
    pub query_terms: usize,
    /// Postings read per query term, nearest in publication time first. Default 400.
    pub postings_per_term: usize,
    /// Postings read per article in all. Default 4000. Together with `postings_per_term` this
    /// bounds the work per article, so clustering stays near-linear.
    pub postings_per_article: usize,
    /// Time evidence: similarity is multiplied by `(floor + (1 - floor) / (1 + days / scale))
    /// / (1 + days / long_scale)`, where `days` is the gap between the clusters' mean
    /// publication times. Default scale 3 days (news coverage of an event fades over days).
    pub time_scale_days: f32,
    /// See `time_scale_days`. Default 0.7: dates are evidence, not a wall (a year apart keeps
    /// 64% of the similarity). Undated clusters count as `scale` days apart.
    pub time_floor: f32,
    /// See `time_scale_days`. Default 3650 days: coverage years apart is rarely one story
    /// (an event and its tenth anniversary are two), so a decade apart keeps 35%.
    pub time_long_scale_days: f32,
    /// Terms kept in a cluster's summed vector (bounds the cost of comparing clusters).
    /// Default 300.
    pub centroid_terms: usize,
    /// Dimensions of the random projection for the dense (linfa) algorithms. Default 256.
    pub dims: usize,
    /// DBSCAN `min_points`. Default 2.
    pub dbscan_min_points: usize,
    /// DBSCAN neighbourhood as a cosine similarity of the projected vectors (the L2 radius
    /// is `sqrt(2 - 2 s)`). Default 0.5.
    pub dbscan_similarity: f32,
    /// k for k-means; `None` means `sqrt(n / 2)`. Default `None`.
    pub kmeans_k: Option<usize>,
    /// Seed of the random projection. Default 42 (k-means uses linfa's fixed seed 42).
    pub seed: u64,
    /// TF-IDF settings. Default [`TfIdfParams::default`].
    pub tfidf: TfIdfParams,
}

impl Default for ClusterParams {
    fn default() -> Self {
        ClusterParams {
            algorithm: Algorithm::Linkage,
            threshold: Threshold::Auto,
            auto_scale: 0.5,
            auto_exponent: 0.25,
            linkage_mix: 0.75,
            expansion: 1.0,
            expansion_min: 0.25,
            expansion_neighbours: 10,
            expansion_terms: 100,
            expansion_length: 20.0,
            adoption: 0.7,
            neighbours: 20,
            query_terms: 24,
            postings_per_term: 400,
            postings_per_article: 4000,
            time_scale_days: 3.0,
            time_floor: 0.7,
            time_long_scale_days: 3650.0,
            centroid_terms: 300,
            dims: 256,
            dbscan_min_points: 2,
            dbscan_similarity: 0.5,
            kmeans_k: None,
            seed: 42,
            tfidf: TfIdfParams::default(),
        }
    }
}

/// Settings that passed [`ClusterParams::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct ValidParams(pub(crate) ClusterParams);

impl ValidParams {
    /// The checked settings.
    pub fn get(&self) -> &ClusterParams {
        &self.0
    }
}

fn bad(name: &'static str, value: impl ToString, expected: &'static str) -> ClusterError {
    ClusterError::BadParam {
        name,
        value: value.to_string(),
        expected,
    }
}

impl ClusterParams {
    /// Validates the settings.
    pub fn check(self) -> Result<ValidParams, ClusterError> {
        if let Threshold::Fixed(t) = self.threshold
            && !(t > 0.0 && t < 1.0)
        {
            return Err(bad("threshold", t, "a similarity in (0, 1)"));
        }
        for (name, v) in [
            ("neighbours", self.neighbours),
            ("query_terms", self.query_terms),
            ("postings_per_term", self.postings_per_term),
            ("postings_per_article", self.postings_per_article),
            ("centroid_terms", self.centroid_terms),
            ("expansion_terms", self.expansion_terms),
            ("dims", self.dims),
            ("dbscan_min_points", self.dbscan_min_points),
        ] {
            if v == 0 {
                return Err(bad(name, v, "at least 1"));
            }
        }
        if self.kmeans_k == Some(0) {
            return Err(bad("kmeans_k", 0, "at least 1"));
        }
        if !(self.auto_scale > 0.0 && self.auto_scale < 1.0) {
            return Err(bad("auto_scale", self.auto_scale, "a number in (0, 1)"));
        }
        if !(self.auto_exponent >= 0.0 && self.auto_exponent <= 1.0) {
            return Err(bad(
                "auto_exponent",
                self.auto_exponent,
                "a number in [0, 1]",
            ));
        }
        if !(self.adoption > 0.0 && self.adoption <= 1.0) {
            return Err(bad("adoption", self.adoption, "a fraction in (0, 1]"));
        }
        if !(0.0..=1.0).contains(&self.linkage_mix) {
            return Err(bad("linkage_mix", self.linkage_mix, "a number in [0, 1]"));
        }
        if !(self.expansion.is_finite() && self.expansion >= 0.0) {
            return Err(bad("expansion", self.expansion, "a weight >= 0"));
        }
        if !(self.expansion_min.is_finite() && self.expansion_min >= 0.0) {
            return Err(bad("expansion_min", self.expansion_min, "a fraction >= 0"));
        }
        if !(self.expansion_length.is_finite() && self.expansion_length > 0.0) {
            return Err(bad(
                "expansion_length",
                self.expansion_length,
                "a number of terms > 0",
            ));
        }
        if !(self.time_scale_days.is_finite() && self.time_scale_days > 0.0) {
            return Err(bad(
                "time_scale_days",
                self.time_scale_days,
                "a number of days > 0",
            ));
        }
        if !(self.dbscan_similarity > 0.0 && self.dbscan_similarity < 1.0) {
            return Err(bad(
                "dbscan_similarity",
                self.dbscan_similarity,
                "a similarity in (0, 1)",
            ));
        }
        if !(self.time_long_scale_days.is_finite() && self.time_long_scale_days > 0.0) {
            return Err(bad(
                "time_long_scale_days",
                self.time_long_scale_days,
                "a number of days > 0",
            ));
        }
        if !(0.0..=1.0).contains(&self.time_floor) {
            return Err(bad("time_floor", self.time_floor, "a factor in [0, 1]"));
        }
        let tfidf = self.tfidf.clone().check()?;
        Ok(ValidParams(ClusterParams { tfidf, ..self }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(ClusterParams::default().check().is_ok());
    }

    #[test]
    fn neighbours_cannot_be_zero() {
        let p = ClusterParams {
            neighbours: 0,
            ..Default::default()
        };
        assert!(matches!(
            p.check(),
            Err(ClusterError::BadParam {
                name: "neighbours",
                ..
            })
        ));
    }

    #[test]
    fn threshold_must_be_a_similarity() {
        let p = ClusterParams {
            threshold: Threshold::Fixed(1.5),
            ..Default::default()
        };
        assert!(p.check().is_err());
    }

    #[test]
    fn algorithm_names_parse() {
        assert_eq!("kmeans".parse::<Algorithm>(), Ok(Algorithm::KMeans));
        assert!("spectral".parse::<Algorithm>().is_err());
    }
}
