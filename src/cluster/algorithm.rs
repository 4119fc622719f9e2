//! The clustering algorithms on TF-IDF rows: the default sparse average linkage, and the
//! linfa alternatives on random-projected dense vectors.

use super::errors::ClusterError;
use super::params::{Algorithm, ClusterParams, Threshold};
use crate::tfidf::{SparseVec, heaviest_first, keep_heaviest};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// Clusters the rows; returns one label per row, labels numbered by first occurrence.
pub(crate) fn cluster_rows(
    rows: &[SparseVec],
    times: &[Option<i64>],
    p: &ClusterParams,
) -> Result<Vec<usize>, ClusterError> {
    let labels = match p.algorithm {
        Algorithm::Linkage => linkage(rows, times, p),
        Algorithm::Dbscan => dbscan(rows, p)?,
        Algorithm::KMeans => kmeans(rows, p)?,
    };
    Ok(canonical(&labels))
}

/// Renumbers labels by order of first occurrence, so output never depends on internal ids.
fn canonical(labels: &[usize]) -> Vec<usize> {
    let mut map = HashMap::new();
    labels
        .iter()
        .map(|&l| {
            let next = map.len();
            *map.entry(l).or_insert(next)
        })
        .collect()
}

/// Each row's background similarity: its mean cosine to all other rows,
/// `(r . S - 1) / (n - 1)` with `S` the sum of all rows (exact, linear time), floored at
/// 1e-4. Long texts on shared general vocabulary have a high background; headlines a low one.
pub fn background_similarity(rows: &[SparseVec]) -> Vec<f32> {
    let n = rows.len();
    let dim = SparseVec::dims(rows);
    let mut sum = vec![0f32; dim];
    for r in rows {
        for (&i, &v) in r.indices.iter().zip(&r.values) {
            sum[i as usize] += v;
        }
    }
    rows.par_iter()
        .map(|r| {
            let dot: f32 = r
                .indices
                .iter()
                .zip(&r.values)
                .map(|(&i, &v)| v * sum[i as usize])
                .sum();
            let self_sim = r.values.iter().map(|v| v * v).sum::<f32>();
            if n > 1 {
                ((dot - self_sim) / (n - 1) as f32).max(1e-4)
            } else {
                1e-4
            }
        })
        .collect()
}

/// The merge threshold of [`Threshold::Auto`] for two groups whose members' mean log
/// background similarity is `log_bg_a` and `log_bg_b`:
/// `auto_scale * exp(auto_exponent * (log_bg_a + log_bg_b) / 2)`, i.e. `auto_scale` times
/// the geometric mean of the backgrounds raised to `auto_exponent`.
pub fn auto_threshold(log_bg_a: f32, log_bg_b: f32, p: &ClusterParams) -> f32 {
    p.auto_scale * (p.auto_exponent * (log_bg_a + log_bg_b) / 2.0).exp()
}

/// The corpus-level value of the automatic threshold (both sides at the median background),
/// for reporting.
pub fn typical_threshold(rows: &[SparseVec], p: &ClusterParams) -> f32 {
    match p.threshold {
        Threshold::Fixed(t) => t,
        Threshold::Auto => {
            let mut bg = background_similarity(rows);
            if bg.is_empty() {
                return p.auto_scale;
            }
            bg.sort_by(|a, b| a.total_cmp(b));
            let m = bg[bg.len() / 2].ln();
            auto_threshold(m, m, p)
        }
    }
}

/// Time evidence between two mean publication times (seconds): `(floor + (1 - floor) /
/// (1 + days / scale)) / (1 + days / long_scale)`; an unknown time counts as `scale` days
/// away.
fn time_factor(a: Option<f64>, b: Option<f64>, p: &ClusterParams) -> f32 {
    let days = match (a, b) {
        (Some(x), Some(y)) => ((x - y).abs() / 86_400.0) as f32,
        _ => p.time_scale_days,
    };
    (p.time_floor + (1.0 - p.time_floor) / (1.0 + days / p.time_scale_days))
        / (1.0 + days / p.time_long_scale_days)
}

/// Candidate edges `(i, j, cosine)` with `i < j`: for each row, its most heavily weighted
/// terms are looked up in an inverted index whose posting lists are in publication-time
/// order; postings nearest in time to the row are read first, within a fixed budget; the
/// best-scoring candidates get an exact cosine. Work per row is bounded.
pub(crate) fn candidate_edges(
    rows: &[SparseVec],
    times: &[Option<i64>],
    p: &ClusterParams,
) -> Vec<(u32, u32, f32)> {
    let n = rows.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by_key(|&d| (times[d as usize].unwrap_or(i64::MAX), d));
    let mut rank = vec![0u32; n];
    for (r, &d) in order.iter().enumerate() {
        rank[d as usize] = r as u32;
    }
    let vocab = SparseVec::dims(rows);
    // Only the lists of terms that some row queries are ever read, so only those are built:
    // the most common words are rarely among an article's most heavily weighted terms, and
    // theirs are the longest lists.
    // (Each row's query terms are selected again in the search below rather than kept:
    // selecting is cheap, and keeping them would add to the clustering's memory peak.)
    let mut queried = vec![false; vocab];
    let per_row: Vec<Vec<u32>> = rows
        .par_iter()
        .map(|r| r.top(p.query_terms).iter().map(|t| t.0).collect())
        .collect();
    for t in per_row.into_iter().flatten() {
        queried[t as usize] = true;
    }
    // Posting lists hold (rank in time order, value), so they are sorted by time. They are
    // allocated at their exact length: grown by doubling, a million articles' lists would
    // waste up to half of their gigabytes.
    let mut df = vec![0u32; vocab];
    for r in rows {
        for &t in &r.indices {
            if queried[t as usize] {
                df[t as usize] += 1;
            }
        }
    }
    if crate::pipeline::timing_enabled() {
        eprintln!(
            "postings: {} of {} row entries, {} of {vocab} terms",
            df.iter().map(|&d| d as u64).sum::<u64>(),
            rows.iter().map(|r| r.nnz() as u64).sum::<u64>(),
            queried.iter().filter(|&&q| q).count()
        );
    }
    let mut postings: Vec<Vec<(u32, f32)>> = df
        .into_iter()
        .map(|d| Vec::with_capacity(d as usize))
        .collect();
    for (r, &d) in order.iter().enumerate() {
        let row = &rows[d as usize];
        for (&t, &v) in row.indices.iter().zip(&row.values) {
            if queried[t as usize] {
                postings[t as usize].push((r as u32, v));
            }
        }
    }
    let mut edges: Vec<(u32, u32, f32)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0f32; n], Vec::<u32>::new()),
            |(scratch, touched), d| {
                let row = &rows[d];
                let terms = row.top(p.query_terms);
                let mut budget = p.postings_per_article;
                let my_rank = rank[d];
                for (t, w) in terms {
                    if budget == 0 {
                        break;
                    }
                    let list = &postings[t as usize];
                    let pos = list.partition_point(|&(r, _)| r < my_rank);
                    let cap = p.postings_per_term.min(budget);
                    let (mut lo, mut hi) = (pos, pos);
                    let mut read = 0;
                    while read < cap && (lo > 0 || hi < list.len()) {
                        // Alternate sides, nearest in time first.
                        let take_hi = if lo == 0 {
                            true
                        } else if hi >= list.len() {
                            false
                        } else {
                            let dl = my_rank - list[lo - 1].0;
                            let dh = list[hi].0.saturating_sub(my_rank);
                            dh <= dl
                        };
                        let (r, v) = if take_hi {
                            hi += 1;
                            list[hi - 1]
                        } else {
                            lo -= 1;
                            list[lo]
                        };
                        if r != my_rank {
                            if scratch[r as usize] == 0.0 {
                                touched.push(r);
                            }
                            scratch[r as usize] += w * v;
                            read += 1;
                        }
                    }
                    budget -= read;
                }
                let scores: Vec<(u32, f32)> = touched
                    .drain(..)
                    .map(|r| {
                        let sc = std::mem::take(&mut scratch[r as usize]);
                        (order[r as usize], sc)
                    })
                    .collect();
                let mut cands = scores;
                // Only the best `neighbours` are kept, and their order does not matter
                // (edges are sorted below): select them instead of sorting thousands.
                keep_heaviest(&mut cands, p.neighbours);
                cands
                    .into_iter()
                    .filter_map(|(o, _)| {
                        let cos = row.dot(&rows[o as usize]);
                        (cos > 0.0).then(|| {
                            let (i, j) = if (d as u32) < o {
                                (d as u32, o)
                            } else {
                                (o, d as u32)
                            };
                            (i, j, cos)
                        })
                    })
                    .collect::<Vec<_>>()
            },
        )
        .flatten()
        .collect();
    edges.sort_by_key(|e| (e.0, e.1));
    edges.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    edges
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    link: f32,
    a: u32,
    b: u32,
    va: u32,
    vb: u32,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        self.link
            .total_cmp(&other.link)
            .then_with(|| other.a.cmp(&self.a))
            .then_with(|| other.b.cmp(&self.b))
    }
}

struct Cluster {
    size: u32,
    /// Length of `neighbours` when it was last resolved and deduplicated.
    clean_len: usize,
    /// Norm of `sum`, kept up to date.
    norm: f32,
    log_bg_sum: f64,
    sum: SparseVec,
    time_sum: f64,
    dated: u32,
    version: u32,
    neighbours: Vec<u32>,
}

impl Cluster {
    fn mean_time(&self) -> Option<f64> {
        (self.dated > 0).then(|| self.time_sum / self.dated as f64)
    }
}

/// The linkage of two clusters (before dividing by their threshold): see [`linkage`].
fn link_of(a: &Cluster, b: &Cluster, p: &ClusterParams) -> f32 {
    let mix = p.linkage_mix;
    let sim = a.sum.dot(&b.sum)
        / ((a.size as f32 * b.size as f32).powf(mix)
            * (a.norm * b.norm).max(1e-12).powf(1.0 - mix));
    sim * time_factor(a.mean_time(), b.mean_time(), p)
}

fn find_ro(parent: &[u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        x = parent[x as usize];
    }
    x
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let gp = parent[parent[x as usize] as usize];
        parent[x as usize] = gp;
        x = gp;
    }
    x
}

/// Agglomerative merging on the candidate graph. The linkage of two clusters is
/// `S_A . S_B / ((|A| |B|)^mix (|S_A| |S_B|)^(1 - mix))` with `S` the sum of a cluster's
/// (expanded) rows: `mix = 1` is exact average linkage (the mean pairwise cosine, as rows
/// are unit vectors), `mix = 0` the cosine of the centroids. It is multiplied by the time
/// evidence and divided by the pair's threshold; the best pair merges while that is >= 1.
/// Clusters are only compared when a candidate edge joins them.
pub(crate) fn linkage(rows: &[SparseVec], times: &[Option<i64>], p: &ClusterParams) -> Vec<usize> {
    let n = rows.len();
    let log_bg: Vec<f32> = match p.threshold {
        Threshold::Auto => background_similarity(rows).iter().map(|b| b.ln()).collect(),
        Threshold::Fixed(_) => vec![0.0; n],
    };
    // Pairs are ranked by link / threshold; they merge while that is >= 1.
    let thr = |a: &Cluster, b: &Cluster| match p.threshold {
        Threshold::Fixed(t) => t,
        Threshold::Auto => auto_threshold(
            (a.log_bg_sum / a.size as f64) as f32,
            (b.log_bg_sum / b.size as f64) as f32,
            p,
        ),
    };
    let timing = crate::pipeline::timing_enabled();
    let t0 = std::time::Instant::now();
    let mut edges = candidate_edges(rows, times, p);
    if timing {
        eprintln!(
            "candidates: {} edges in {:.1}s",
            edges.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    // Each article starts as a cluster whose sum is its (expanded) row. The expanded rows
    // are moved into the clusters rather than copied: a million rows are gigabytes.
    let sums: Vec<SparseVec> = if p.expansion > 0.0 {
        let expanded = expand(rows, &edges, &log_bg, p);
        edges.par_iter_mut().for_each(|e| {
            e.2 = expanded[e.0 as usize].dot(&expanded[e.1 as usize]);
        });
        expanded
    } else {
        rows.to_vec()
    };
    if timing {
        eprintln!("expanded: {:.1}s", t0.elapsed().as_secs_f64());
    }
    let mut clusters: Vec<Cluster> = sums
        .into_iter()
        .enumerate()
        .map(|(i, sum)| Cluster {
            size: 1,
            clean_len: 0,
            norm: sum.norm(),
            log_bg_sum: log_bg[i] as f64,
            sum,
            time_sum: times[i].map_or(0.0, |t| t as f64),
            dated: u32::from(times[i].is_some()),
            version: 0,
            neighbours: Vec::new(),
        })
        .collect();
    let mut heap = BinaryHeap::new();
    for &(i, j, cos) in &edges {
        clusters[i as usize].neighbours.push(j);
        clusters[j as usize].neighbours.push(i);
        let (ci, cj) = (&clusters[i as usize], &clusters[j as usize]);
        let link = cos * time_factor(ci.mean_time(), cj.mean_time(), p) / thr(ci, cj);
        if link >= 1.0 {
            heap.push(Entry {
                link,
                a: i,
                b: j,
                va: 0,
                vb: 0,
            });
        }
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let (mut pops, mut stale, mut merges, mut relinks) = (0u64, 0u64, 0u64, 0u64);
    while let Some(e) = heap.pop() {
        pops += 1;
        if e.link < 1.0 {
            break;
        }
        let (a, b) = (e.a as usize, e.b as usize);
        if parent[a] != e.a || parent[b] != e.b {
            continue;
        }
        if clusters[a].version != e.va || clusters[b].version != e.vb {
            // Both still exist but one grew since: re-evaluate lazily, so a big story does
            // not recompute its link to every neighbour each time it absorbs an article.
            stale += 1;
            let link = link_of(&clusters[a], &clusters[b], p) / thr(&clusters[a], &clusters[b]);
            if link >= 1.0 {
                heap.push(Entry {
                    link,
                    a: e.a,
                    b: e.b,
                    va: clusters[a].version,
                    vb: clusters[b].version,
                });
            }
            continue;
        }
        // The bigger cluster survives (ties: lower id), so sums merge into the larger one.
        let (keep, gone) = if clusters[a].size > clusters[b].size
            || (clusters[a].size == clusters[b].size && a < b)
        {
            (a, b)
        } else {
            (b, a)
        };
        parent[gone] = keep as u32;
        let g = std::mem::replace(
            &mut clusters[gone],
            Cluster {
                size: 0,
                clean_len: 0,
                norm: 0.0,
                log_bg_sum: 0.0,
                sum: SparseVec::default(),
                time_sum: 0.0,
                dated: 0,
                version: 0,
                neighbours: Vec::new(),
            },
        );
        {
            let k = &mut clusters[keep];
            k.size += g.size;
            k.log_bg_sum += g.log_bg_sum;
            k.sum.add_scaled(&g.sum, 1.0);
            k.sum.truncate_top(p.centroid_terms);
            k.norm = k.sum.norm();
            k.time_sum += g.time_sum;
            k.dated += g.dated;
            k.version += 1;
        }
        // Links to recompute now: the absorbed cluster's neighbours (and all of the kept
        // cluster's while it is small). Other entries of the kept cluster are re-evaluated
        // when they reach the top of the heap.
        let mut fresh: Vec<u32> = g.neighbours.iter().map(|&x| find(&mut parent, x)).collect();
        let mut all = std::mem::take(&mut clusters[keep].neighbours);
        if all.len() <= 64 {
            fresh.extend(all.iter().copied());
        }
        all.extend(g.neighbours);
        if all.len() > 2 * clusters[keep].clean_len.max(32) {
            all = all.into_iter().map(|x| find(&mut parent, x)).collect();
            all.sort_unstable();
            all.dedup();
            all.retain(|&x| x as usize != keep);
            clusters[keep].clean_len = all.len();
        }
        let mut nb: Vec<u32> = fresh.into_iter().map(|x| find(&mut parent, x)).collect();
        nb.sort_unstable();
        nb.dedup();
        nb.retain(|&x| x as usize != keep);
        merges += 1;
        relinks += nb.len() as u64;
        let k = &clusters[keep];
        let link_to = |&c: &u32| {
            let c_ = &clusters[c as usize];
            (c, link_of(k, c_, p) / thr(k, c_))
        };
        // Most merges relink a few dozen neighbours: not worth waking other threads for.
        let links: Vec<(u32, f32)> = if nb.len() < 256 {
            nb.iter().map(link_to).collect()
        } else {
            nb.par_iter().map(link_to).collect()
        };
        let kv = k.version;
        for (c, link) in links {
            if link >= 1.0 {
                let (x, y) = if (keep as u32) < c {
                    (keep as u32, c)
                } else {
                    (c, keep as u32)
                };
                heap.push(Entry {
                    link,
                    a: x,
                    b: y,
                    va: clusters[x as usize].version,
                    vb: clusters[y as usize].version,
                });
            }
        }
        debug_assert_eq!(clusters[keep].version, kv);
        clusters[keep].neighbours = all;
    }
    if timing {
        eprintln!(
            "merged: {:.1}s ({pops} pops, {stale} stale, {merges} merges, {relinks} relinks)",
            t0.elapsed().as_secs_f64()
        );
    }
    // Adoption: an article left alone joins the neighbouring story it is closest to when
    // its linkage reaches `adoption` times the threshold. Stories are not changed for it
    // (their sums stay), so the order of adoption does not matter.
    if p.adoption < 1.0 {
        let moves: Vec<(usize, u32)> = (0..n)
            .into_par_iter()
            .filter(|&i| parent[i] == i as u32 && clusters[i].size == 1)
            .filter_map(|i| {
                let me = &clusters[i];
                let mut best: Option<(f32, u32)> = None;
                for &c in &me.neighbours {
                    let c = find_ro(&parent, c);
                    let other = &clusters[c as usize];
                    if c as usize == i || other.size < 2 {
                        continue;
                    }
                    let link = link_of(me, other, p) / thr(me, other);
                    if best.is_none_or(|(b, bc)| link > b || (link == b && c < bc)) {
                        best = Some((link, c));
                    }
                }
                best.filter(|&(l, _)| l >= p.adoption).map(|(_, c)| (i, c))
            })
            .collect();
        for (i, c) in moves {
            parent[i] = c;
        }
    }
    (0..n as u32)
        .map(|i| find(&mut parent, i) as usize)
        .collect()
}

/// Document expansion: each row plus its `expansion_neighbours` nearest candidates, each
/// weighted by `lambda * cosine` with `lambda = expansion * min(1, expansion_length / nnz)`,
/// truncated to `expansion_terms` terms and scaled back to the row's own length. Short texts gain the vocabulary
/// of their closest neighbours, so two headlines about one event that share one word
/// become clearly similar, while headlines that share only a generic word do not; long
/// texts, which already carry their vocabulary, are barely changed.
pub(crate) fn expand(
    rows: &[SparseVec],
    edges: &[(u32, u32, f32)],
    log_bg: &[f32],
    p: &ClusterParams,
) -> Vec<SparseVec> {
    let mut nb: Vec<Vec<(u32, f32)>> = vec![Vec::new(); rows.len()];
    for &(i, j, c) in edges {
        // Only neighbours similar enough to count as evidence lend their words: a neighbour
        // that shares one generic word must not make two short texts look alike.
        let t = match p.threshold {
            Threshold::Fixed(t) => t,
            Threshold::Auto => auto_threshold(log_bg[i as usize], log_bg[j as usize], p),
        };
        if c < p.expansion_min * t {
            continue;
        }
        nb[i as usize].push((j, c));
        nb[j as usize].push((i, c));
    }
    let vocab = SparseVec::dims(rows);
    nb.into_par_iter()
        .enumerate()
        .map_init(
            // A dense accumulator per thread: summing a row and its neighbours there is linear,
            // where sorting their ~thousand (term, weight) pairs was most of the time.
            || (vec![0f32; vocab], Vec::<u32>::new()),
            |(acc, touched), (i, mut list)| {
                list.sort_by(heaviest_first);
                list.truncate(p.expansion_neighbours);
                let own = &rows[i];
                let lambda = p.expansion * (p.expansion_length / own.nnz().max(1) as f32).min(1.0);
                // Weights are positive, so 0 marks a term not yet seen.
                let mut add = |t: u32, x: f32| {
                    let slot = &mut acc[t as usize];
                    if *slot == 0.0 {
                        touched.push(t);
                    }
                    *slot += x;
                };
                for (&t, &x) in own.indices.iter().zip(&own.values) {
                    add(t, x);
                }
                for (j, c) in list {
                    let r = &rows[j as usize];
                    for (&t, &x) in r.indices.iter().zip(&r.values) {
                        add(t, lambda * c * x);
                    }
                }
                let mut terms: Vec<(u32, f32)> = touched
                    .drain(..)
                    .map(|t| (t, std::mem::take(&mut acc[t as usize])))
                    .collect();
                keep_heaviest(&mut terms, p.expansion_terms);
                terms.sort_unstable_by_key(|t| t.0);
                let mut v = SparseVec {
                    indices: terms.iter().map(|t| t.0).collect(),
                    values: terms.iter().map(|t| t.1).collect(),
                };
                // Keep the row's own length (< 1 when rare terms were pruned), so expansion
                // never makes what little a row shares with others look like all it says.
                let scale = rows[i].norm() / v.norm().max(1e-12);
                v.values.iter_mut().for_each(|x| *x *= scale);
                v
            },
        )
        .collect()
}

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Sparse random projection (Achlioptas: +1, -1 with probability 1/6 each, else 0) of the
/// rows to `dims` dense dimensions, rows L2-normalized again. Deterministic for a seed.
pub fn random_projection(rows: &[SparseVec], dims: usize, seed: u64) -> ndarray::Array2<f32> {
    let mut out = ndarray::Array2::<f32>::zeros((rows.len(), dims));
    out.axis_iter_mut(ndarray::Axis(0))
        .into_par_iter()
        .zip(rows.par_iter())
        .for_each(|(mut o, r)| {
            for (&t, &v) in r.indices.iter().zip(&r.values) {
                let base = splitmix(seed ^ splitmix(t as u64));
                for (k, x) in o.iter_mut().enumerate() {
                    let h = splitmix(base ^ k as u64) % 6;
                    match h {
                        0 => *x += v,
                        1 => *x -= v,
                        _ => {}
                    }
                }
            }
            let norm = o.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                o.mapv_inplace(|x| x / norm);
            }
        });
    out
}

fn dbscan(rows: &[SparseVec], p: &ClusterParams) -> Result<Vec<usize>, ClusterError> {
    use linfa::traits::Transformer;
    use linfa_clustering::Dbscan;
    let x = random_projection(rows, p.dims, p.seed);
    let eps = (2.0 - 2.0 * p.dbscan_similarity).sqrt();
    let labels = Dbscan::params(p.dbscan_min_points)
        .tolerance(eps)
        .transform(&x)
        .map_err(|e| ClusterError::Linfa {
            algorithm: "DBSCAN",
            message: e.to_string(),
        })?;
    // Noise points become their own stories.
    let found = labels.iter().flatten().max().map_or(0, |m| m + 1);
    Ok(labels
        .iter()
        .enumerate()
        .map(|(i, l)| l.unwrap_or(found + i))
        .collect())
}

fn kmeans(rows: &[SparseVec], p: &ClusterParams) -> Result<Vec<usize>, ClusterError> {
    use linfa::DatasetBase;
    use linfa::traits::{Fit, Predict};
    use linfa_clustering::KMeans;
    let n = rows.len();
    if n == 0 {
        return Ok(Vec::new());
    }
    let k = p
        .kmeans_k
        .unwrap_or_else(|| ((n as f64 / 2.0).sqrt().round() as usize).max(1))
        .min(n);
    let x = random_projection(rows, p.dims, p.seed);
    let ds = DatasetBase::from(x.clone());
    let model = KMeans::params(k)
        .max_n_iterations(100)
        .n_runs(3)
        .fit(&ds)
        .map_err(|e| ClusterError::Linfa {
            algorithm: "k-means",
            message: e.to_string(),
        })?;
    Ok(model.predict(&x).to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(pairs: &[(u32, f32)]) -> SparseVec {
        let mut s = SparseVec::from_pairs(pairs.to_vec());
        s.normalize();
        s
    }

    #[test]
    fn two_topics_make_two_clusters() {
        let rows = vec![
            v(&[(0, 1.0), (1, 1.0)]),
            v(&[(0, 1.0), (1, 0.8)]),
            v(&[(2, 1.0), (3, 1.0)]),
            v(&[(2, 0.9), (3, 1.0), (4, 0.1)]),
            v(&[(5, 1.0)]),
        ];
        let times = vec![None; rows.len()];
        let p = ClusterParams::default();
        let l = cluster_rows(&rows, &times, &p).unwrap();
        assert_eq!(l, [0, 0, 1, 1, 2]);
    }

    #[test]
    fn time_is_evidence_not_a_wall() {
        let p = ClusterParams::default();
        let days = |d: f64| Some(d * 86_400.0);
        assert_eq!(time_factor(Some(0.0), Some(0.0), &p), 1.0);
        let week = time_factor(Some(0.0), days(7.0), &p);
        let year = time_factor(Some(0.0), days(365.0), &p);
        let decade = time_factor(Some(0.0), days(3650.0), &p);
        assert!(week > year && year > decade);
        assert!(
            year > 0.6,
            "a year apart keeps most of the similarity: {year}"
        );
        assert!(
            decade < 0.36,
            "a decade apart is rarely one story: {decade}"
        );
    }

    #[test]
    fn projection_is_deterministic_and_unit_length() {
        let rows = vec![v(&[(0, 1.0), (7, 2.0)]), v(&[(3, 1.0)])];
        let a = random_projection(&rows, 64, 42);
        let b = random_projection(&rows, 64, 42);
        assert_eq!(a, b);
        let n: f32 = a.row(0).iter().map(|x| x * x).sum();
        assert!((n - 1.0).abs() < 1e-4);
    }

    #[test]
    fn dense_alternatives_run() {
        let rows: Vec<SparseVec> = (0..20)
            .map(|i| v(&[((i % 2) as u32, 1.0), (10 + (i % 2) as u32, 0.5)]))
            .collect();
        for algorithm in [Algorithm::Dbscan, Algorithm::KMeans] {
            let p = ClusterParams {
                algorithm,
                kmeans_k: Some(2),
                ..Default::default()
            };
            let l = cluster_rows(&rows, &vec![None; 20], &p).unwrap();
            assert_eq!(l[0], l[2]);
            assert_ne!(l[0], l[1]);
        }
    }
}
