//! Scratch: date P/R/F1 of timelines on a SemEval corpus, each article its own story.
use std::collections::BTreeSet;
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let arts = storyline::ingest::ingest(&[dir.join("articles")], &Default::default(), &|| {});
    let story: Vec<Option<String>> = arts.iter().map(|a| Some(a.id.clone())).collect();
    let t = storyline::timeline::build_timelines(&arts, &story, &Default::default());
    let mut gold = BTreeSet::new();
    for f in std::fs::read_dir(dir.join("gold-timelines")).unwrap() {
        for l in std::fs::read_to_string(f.unwrap().path()).unwrap().lines() {
            if let Some(d) = l.split('\t').nth(1) {
                if d.len() == 10 && !d.contains('X') {
                    gold.insert(d.to_string());
                }
            }
        }
    }
    let pred: BTreeSet<String> = t
        .iter()
        .filter(|e| e.granularity == storyline::timeline::DateGrain::Day)
        .map(|e| e.date.clone())
        .collect();
    let tp = pred.intersection(&gold).count() as f64;
    let (p, r) = (tp / pred.len() as f64, tp / gold.len() as f64);
    println!(
        "pred {} gold {} tp {} P {:.3} R {:.3} F1 {:.3}",
        pred.len(),
        gold.len(),
        tp,
        p,
        r,
        2.0 * p * r / (p + r)
    );
    for e in &t {
        if e.granularity == storyline::timeline::DateGrain::Day {
            let a = arts.iter().find(|a| a.id == e.sources[0]).unwrap();
            let sents = storyline::timeline::sentences(&a.text);
            let pos = sents
                .iter()
                .position(|(s, x)| {
                    a.text[*s..*x]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        == e.event
                })
                .map(|p| p as i64)
                .unwrap_or(-1);
            println!(
                "{} {} pos {} of {} | {} | {}",
                if gold.contains(&e.date) { "+" } else { "-" },
                e.date,
                pos,
                sents.len(),
                e.expression,
                &e.event[..e.event.len().min(80)]
            );
        }
    }
    println!("missed: {:?}", gold.difference(&pred).collect::<Vec<_>>());
}
