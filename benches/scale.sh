#!/usr/bin/env bash
# End-to-end scale benchmark: `storyline analyze` on generated corpora of N articles.
#
#   bash benches/scale.sh                  # N = 10000 100000 1000000
#   RUNS=3 bash benches/scale.sh 10000 100000
#
# For each N: builds release, generates the corpus once into target/scale/N-sSEED/ with
# examples/scale_corpus.rs (skipped when its manifest.json is there), runs
# `storyline analyze --quiet` under /usr/bin/time -v RUNS times, and scores the last run's
# stories against the generated gold labels with `storyline eval clusters --json`.
# Prints one row per N: medians of wall time, CPU time (user+sys) and peak RSS over the
# runs, articles/s and MB/s (input bytes / median wall), and B-cubed P/R/F1.
#
# Settings (environment):
#   RUNS=1         runs per size (the table shows medians)
#   SEED=42        generator seed
#   INPUT=...      corpus the generator learns from [../shared/eval/giveme5w1h/articles]
#   GOLD=...       its gold stories [../shared/eval/giveme5w1h/gold.csv]; GOLD= for none
#   TIMEOUT=0      seconds after which a run is killed (0: never); a killed run is
#                  reported with its wall time and peak RSS so far
#   ANALYZE_ARGS=  extra options for `storyline analyze`
#   SCALE_DIR=target/scale   cache of generated corpora and outputs
# A full log of each run (time -v, stderr with STORYLINE_TIMING=1's clustering phases) is
# kept in SCALE_DIR/N-sSEED.run-K.log, its RSS every 10 s in SCALE_DIR/N-sSEED.run-K.rss.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

RUNS=${RUNS:-1}
SEED=${SEED:-42}
INPUT=${INPUT:-$root/../shared/eval/giveme5w1h/articles}
GOLD=${GOLD-$root/../shared/eval/giveme5w1h/gold.csv}
TIMEOUT=${TIMEOUT:-0}
ANALYZE_ARGS=${ANALYZE_ARGS:-}
SCALE_DIR=${SCALE_DIR:-$root/target/scale}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)

if [ ! -x /usr/bin/time ]; then
    echo "scale.sh: installing Debian's time package for /usr/bin/time -v" >&2
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null
fi
if [ ! -e "$INPUT" ]; then
    echo "scale.sh: input corpus $INPUT not found; set INPUT=... (and GOLD=...)" >&2
    exit 1
fi

cargo build --release --quiet --bin storyline --example scale_corpus
bin=$root/target/release/storyline
gen=$root/target/release/examples/scale_corpus
mkdir -p "$SCALE_DIR"

# Every 10 s while the run lasts: seconds elapsed and the RSS (MB) of the analyze process.
sample_rss() {
    local pid=$1 start=$SECONDS leaf child
    while kill -0 "$pid" 2>/dev/null; do
        leaf=$pid
        while child=$(pgrep -P "$leaf" | head -n1) && [ -n "$child" ]; do leaf=$child; done
        awk -v t=$((SECONDS - start)) '/^VmRSS/ {printf "%d s %d MB\n", t, $2 / 1024}' \
            "/proc/$leaf/status" 2>/dev/null || true
        sleep 10
    done
}
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
# Seconds from time -v's "h:mm:ss" or "m:ss.ss".
secs() { awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }

printf '# storyline %s, %s cores, load %s, runs %s, seed %s\n' \
    "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" "$(nproc)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$RUNS" "$SEED"
printf '%9s %9s %9s %10s %8s %10s %8s %8s %8s %s\n' \
    N "wall s" "cpu s" "articles/s" "MB/s" "peak MB" "B3 P" "B3 R" "B3 F1" note
for n in "${sizes[@]}"; do
    corpus=$SCALE_DIR/$n-s$SEED
    if [ ! -f "$corpus/manifest.json" ]; then
        gold_arg=()
        [ -n "$GOLD" ] && gold_arg=(--gold "$GOLD")
        echo "generating $n articles into $corpus" >&2
        "$gen" --input "$INPUT" "${gold_arg[@]}" --n "$n" --seed "$SEED" \
            --out "$corpus" --force >&2
    fi
    bytes=$(cat "$corpus"/articles/*.jsonl | wc -c)
    out=$corpus.out
    walls=() cpus=() rss=() note=""
    for k in $(seq 1 "$RUNS"); do
        log=$corpus.run-$k.log
        cmd=("$bin" analyze "$corpus/articles" --out "$out" --quiet)
        # shellcheck disable=SC2206
        cmd+=($ANALYZE_ARGS)
        if [ "$TIMEOUT" != 0 ]; then
            # --foreground: only analyze is killed, so time -v still gets its usage.
            cmd=(timeout --foreground --signal=KILL "$TIMEOUT" "${cmd[@]}")
        fi
        status=0
        STORYLINE_TIMING=1 /usr/bin/time -v "${cmd[@]}" >"$log" 2>&1 &
        tpid=$!
        sample_rss "$tpid" >"$corpus.run-$k.rss" &
        wait "$tpid" || status=$?
        wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | secs)
        user=$(grep 'User time' "$log" | awk '{print $NF}')
        sys=$(grep 'System time' "$log" | awk '{print $NF}')
        walls+=("$wall")
        cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {print u+s}')")
        # Peak RSS in kB: time -v's, or the sampler's when it saw more (a killed run).
        rss+=("$( (grep 'Maximum resident' "$log" | awk '{print $NF}'
                  awk '{print $3 * 1024}' "$corpus.run-$k.rss") | sort -g | tail -n1)")
        if [ "$status" = 137 ] || [ "$status" = 124 ]; then
            note="killed at ${TIMEOUT}s"
            break
        elif [ "$status" != 0 ] && [ "$status" != 3 ]; then
            note="exit $status (see $log)"
            break
        fi
    done
    wall=$(printf '%s\n' "${walls[@]}" | median)
    cpu=$(printf '%s\n' "${cpus[@]}" | median)
    peak=$(printf '%s\n' "${rss[@]}" | median)
    p=- r=- f1=-
    if [ -z "$note" ] && [ -f "$corpus/gold.csv" ]; then
        json=$("$bin" eval clusters --gold "$corpus/gold.csv" --pred "$out/articles.csv" --json)
        b3=$(printf '%s' "$json" | sed -E 's/.*"bcubed":\{"precision":([0-9.eE+-]+),"recall":([0-9.eE+-]+),"f1":([0-9.eE+-]+)\}.*/\1 \2 \3/')
        read -r p r f1 <<<"$b3"
        p=$(printf '%.4f' "$p") r=$(printf '%.4f' "$r") f1=$(printf '%.4f' "$f1")
    fi
    awk -v n="$n" -v w="$wall" -v c="$cpu" -v b="$bytes" -v m="$peak" \
        -v p="$p" -v r="$r" -v f="$f1" -v note="$note" 'BEGIN {
        if (note == "") { rate = sprintf("%10.0f", n / w); mbs = sprintf("%8.2f", b / 1e6 / w) }
        else { rate = sprintf("%10s", "-"); mbs = sprintf("%8s", "-") }
        printf "%9d %9.1f %9.1f %s %s %10.0f %8s %8s %8s %s\n",
            n, w, c, rate, mbs, m / 1024, p, r, f, note
    }'
done
