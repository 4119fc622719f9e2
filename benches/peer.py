"""The usual Python pipeline for story clustering, as a peer to compare storyline with.

    python benches/peer.py --input INPUT --out PRED.csv [--threshold 0.95] [--mode cosine]

TfidfVectorizer(sublinear_tf=True, stop_words='english') followed by
AgglomerativeClustering(metric='cosine', linkage='average', distance_threshold=T,
n_clusters=None): the reference pipeline of ../shared/eval/README.md, whose thresholds
were tuned per data set (0.95 for the UCI headlines, 0.85 for giveme5w1h).

INPUT is one of
  - a CSV file with ID and TITLE columns (the UCI headlines: titles only);
  - a folder of news-please .json files (giveme5w1h: title + description + text, the id
    is the file name without .json, as storyline names them);
  - a folder of .jsonl files (a generated scale corpus: id, title + maintext).

--mode cosine (default) is the pipeline as usually written: the dense TF-IDF matrix goes
to AgglomerativeClustering with metric='cosine'. --mode precomputed gives it the same
cosine distances computed as 1 - X X^T from the sparse matrix (metric='precomputed'): the
same clusters, faster, and the only way past a few thousand long texts (the dense matrix of
10,000 articles would not fit in memory).

Writes PRED.csv with columns id,story_id (read by `storyline eval clusters --pred`) and
prints one JSON line: the wall seconds from reading the input to writing the labels,
with the time of each step.
"""

import argparse
import csv
import glob
import json
import os
import sys
import time


def read_input(path):
    """(ids, texts) in a stable order."""
    ids, texts = [], []
    if os.path.isfile(path):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                ids.append(row["ID"].strip())
                texts.append(row["TITLE"])
        return ids, texts
    jsonl = sorted(glob.glob(os.path.join(path, "**", "*.jsonl"), recursive=True))
    for name in jsonl:
        with open(name, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    ids.append(str(d["id"]))
                    texts.append((d.get("title") or "") + "\n\n" + (d.get("maintext") or ""))
    if jsonl:
        return ids, texts
    for name in sorted(glob.glob(os.path.join(path, "*.json"))):
        with open(name, encoding="utf-8") as f:
            d = json.load(f)
        parts = [d.get(k) or "" for k in ("title", "description", "text")]
        ids.append(os.path.splitext(os.path.basename(name))[0])
        texts.append("\n\n".join(p for p in parts if isinstance(p, str) and p.strip()))
    return ids, texts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threshold", type=float, default=0.95,
                    help="cosine distance threshold (default 0.95, tuned for the UCI headlines; "
                         "0.85 was best on giveme5w1h)")
    ap.add_argument("--mode", choices=["cosine", "precomputed"], default="cosine")
    args = ap.parse_args()

    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    t0 = time.perf_counter()
    ids, texts = read_input(args.input)
    if len(ids) < 2:
        sys.exit(f"peer.py: fewer than 2 texts in {args.input}")
    t1 = time.perf_counter()
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    t2 = time.perf_counter()
    if args.mode == "cosine":
        model = AgglomerativeClustering(metric="cosine", linkage="average",
                                        distance_threshold=args.threshold, n_clusters=None)
        labels = model.fit_predict(x.toarray())
    else:
        import numpy as np
        d = 1.0 - (x @ x.T).toarray()
        np.clip(d, 0.0, 2.0, out=d)
        np.fill_diagonal(d, 0.0)
        model = AgglomerativeClustering(metric="precomputed", linkage="average",
                                        distance_threshold=args.threshold, n_clusters=None)
        labels = model.fit_predict(d)
        del d
    t3 = time.perf_counter()
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "story_id"])
        for i, label in zip(ids, labels):
            w.writerow([i, f"c{label}"])
    t4 = time.perf_counter()
    print(json.dumps({
        "articles": len(ids),
        "vocabulary": x.shape[1],
        "clusters": int(labels.max()) + 1,
        "mode": args.mode,
        "threshold": args.threshold,
        "seconds": round(t4 - t0, 3),
        "read": round(t1 - t0, 3),
        "tfidf": round(t2 - t1, 3),
        "cluster": round(t3 - t2, 3),
        "write": round(t4 - t3, 3),
    }))


if __name__ == "__main__":
    main()
