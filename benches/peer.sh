#!/usr/bin/env bash
# storyline against the usual Python pipeline (scikit-learn TF-IDF + average-linkage
# agglomerative clustering, benches/peer.py) on the same input, scored on the same gold.
#
#   bash benches/peer.sh                                   # the 6,366 UCI headlines
#   bash benches/peer.sh --input ../shared/eval/giveme5w1h/articles \
#        --gold ../shared/eval/giveme5w1h/gold.csv --threshold 0.85
#   bash benches/peer.sh --input target/scale/10000-s42 --threshold 0.85 --mode precomputed
#
# Options:
#   --input PATH      UCI-style CSV (ID, TITLE), a folder of news-please .json files, or a
#                     generated corpus folder (its articles/ and gold.csv are used)
#                     [../shared/eval/uci-headlines/headlines.csv]
#   --gold FILE       gold CSV (id,story) [the input's gold.csv]
#   --threshold T     the peer's cosine distance threshold [0.95: the value tuned for the UCI
#                     headlines in ../shared/eval/README.md; 0.85 was tuned for giveme5w1h]
#   --mode M          cosine (the usual pipeline: dense matrix, metric='cosine') or
#                     precomputed (same distances from the sparse matrix) [cosine]
#   RUNS=3 (environment) runs of each tool; wall times are medians
#
# The first run creates a virtual environment in target/peer-venv and installs
# scikit-learn, numpy and scipy into it with pip. storyline runs `analyze --quiet`, the
# whole job (stories, timelines, outlets, tables and report); the peer's time is its
# script's own clock from reading the input to writing the labels (Python start-up and
# imports excluded, which favours the peer).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

input=$root/../shared/eval/uci-headlines/headlines.csv
gold=""
threshold=0.95
mode=cosine
RUNS=${RUNS:-3}
while [ $# -gt 0 ]; do
    case $1 in
        --input) input=$2; shift 2 ;;
        --gold) gold=$2; shift 2 ;;
        --threshold) threshold=$2; shift 2 ;;
        --mode) mode=$2; shift 2 ;;
        *) echo "peer.sh: unknown option $1 (see the top of benches/peer.sh)" >&2; exit 2 ;;
    esac
done
if [ -d "$input/articles" ]; then
    [ -n "$gold" ] || gold=$input/gold.csv
    input=$input/articles
fi
if [ -z "$gold" ]; then
    gold=$(dirname "$input")/gold.csv
fi
for f in "$input" "$gold"; do
    [ -e "$f" ] || { echo "peer.sh: $f not found" >&2; exit 1; }
done

venv=$root/target/peer-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import sklearn, scipy, numpy' 2>/dev/null; then
    echo "peer.sh: creating $venv with scikit-learn, numpy, scipy" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet scikit-learn numpy scipy
fi
cargo build --release --quiet --bin storyline
bin=$root/target/release/storyline
work=$root/target/peer
mkdir -p "$work"

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
b3() { # P R F1 clusters of a prediction
    "$bin" eval clusters --gold "$gold" --pred "$1" --json |
        sed -E 's/.*"bcubed":\{"precision":([0-9.eE+-]+),"recall":([0-9.eE+-]+),"f1":([0-9.eE+-]+)\}.*"predicted_clusters":([0-9]+),"gold_clusters":([0-9]+).*/\1 \2 \3 \4 \5/'
}

echo "# input $input ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), runs $RUNS)"
peer_t=() sl_t=() peer_cpu=""
for k in $(seq 1 "$RUNS"); do
    line=$("$venv/bin/python" "$root/benches/peer.py" --input "$input" \
        --out "$work/peer-pred.csv" --threshold "$threshold" --mode "$mode")
    echo "peer run $k: $line" >&2
    peer_t+=("$(printf '%s' "$line" | sed -E 's/.*"seconds": ([0-9.]+).*/\1/')")
    /usr/bin/time -f '%e %U %S' -o "$work/storyline.time" \
        "$bin" analyze "$input" --out "$work/storyline-out" --quiet || [ $? = 3 ]
    echo "storyline run $k: $(cat "$work/storyline.time") (wall user sys)" >&2
    sl_t+=("$(cut -d' ' -f1 "$work/storyline.time")")
done
pw=$(printf '%s\n' "${peer_t[@]}" | median)
sw=$(printf '%s\n' "${sl_t[@]}" | median)
read -r pp pr pf pc gc <<<"$(b3 "$work/peer-pred.csv")"
read -r sp sr sf sc _ <<<"$(b3 "$work/storyline-out/articles.csv")"
printf '%-44s %8s %7s %7s %7s %9s\n' tool "wall s" "B3 P" "B3 R" "B3 F1" "clusters"
printf '%-44s %8.2f %7.4f %7.4f %7.4f %9s\n' \
    "scikit-learn ($mode, threshold $threshold)" "$pw" "$pp" "$pr" "$pf" "$pc ($gc)"
printf '%-44s %8.2f %7.4f %7.4f %7.4f %9s\n' \
    "storyline analyze (defaults)" "$sw" "$sp" "$sr" "$sf" "$sc ($gc)"
awk -v p="$pw" -v s="$sw" 'BEGIN {printf "ratio: scikit-learn wall / storyline wall = %.1f\n", p / s}'
