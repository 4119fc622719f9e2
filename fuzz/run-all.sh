#!/usr/bin/env bash
# Runs every fuzz target in turn, one at a time on one core, for SECONDS each (default 600):
#   bash fuzz/run-all.sh [SECONDS] [TARGET...]
# Corpus in fuzz/corpus/TARGET (seeded from fuzz/seeds/TARGET), crashes in fuzz/artifacts/TARGET,
# libFuzzer's log in fuzz/logs/TARGET/fuzz-0.log, one summary line per run in fuzz/logs/summary.txt.
set -uo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(date_parse temporal_tag json_records csv_rows segment_page html_extract)
declare -A max_len=([date_parse]=128 [temporal_tag]=4096 [json_records]=8192 [csv_rows]=4096 [segment_page]=8192 [html_extract]=16384)
bin=target/x86_64-unknown-linux-gnu/release
mkdir -p logs
for t in "${targets[@]}"; do
    CARGO_BUILD_JOBS=1 RUSTC_BOOTSTRAP=1 cargo fuzz build -s none -a "$t" >"logs/build-$t.log" 2>&1 \
        || echo "build of $t failed; running the last binary" >&2
    mkdir -p "corpus/$t" "artifacts/$t" "logs/$t"
    before=$(ls "corpus/$t" | wc -l)
    start=$(date -u +%FT%TZ)
    (cd "logs/$t" && RAYON_NUM_THREADS=1 "../../$bin/$t" -jobs=1 -workers=1 \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="${max_len[$t]}" \
        -print_final_stats=1 -artifact_prefix="../../artifacts/$t/" \
        "../../corpus/$t" "../../seeds/$t" >/dev/null 2>&1)
    end=$(date -u +%FT%TZ)
    log="logs/$t/fuzz-0.log"
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    crashes=$(ls "artifacts/$t" | wc -l)
    echo "$t start=$start end=$end execs=${execs:-?} corpus=$before->$(ls "corpus/$t" | wc -l) artifacts=$crashes last: $last" >>logs/summary.txt
done
