#!/bin/sh
# The benchmark in one command: build the small (12 articles) and the large site if they are
# not built yet, measure both, and print them side by side (see bench/README.md).
#
#   bench/run.sh                 SQLite files in $BENCH_DIR (default /tmp), 100,000 articles
#   bench/run.sh postgresql      databases bench_12 and bench_100000 on $BENCH_POSTGRES
#   bench/run.sh sqlite 20000    another size
#
# Results go to $BENCH_DIR/bench-<backend>-<size>.json. A database built by an older
# generator is reused as it is: rebuild it with build_data.py --reset.
set -eu
cd "$(dirname "$0")/.."
backend=${1:-sqlite}
articles=${2:-100000}
dir=${BENCH_DIR:-/tmp}
case $backend in
    sqlite) url() { echo "sqlite:///$dir/bench_$1.sqlite3"; } ;;
    postgresql) url() { echo "${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}/bench_$1"; } ;;
    *) echo "usage: bench/run.sh [sqlite|postgresql] [articles]" >&2; exit 2 ;;
esac
for size in 12 "$articles"; do
    DATABASE_URL=$(url "$size") .venv/bin/python bench/build_data.py --articles "$size" --reuse
done
DATABASE_URL=$(url 12) .venv/bin/python bench/measure.py --save "$dir/bench-$backend-12.json"
DATABASE_URL=$(url "$articles") .venv/bin/python bench/measure.py --save "$dir/bench-$backend-$articles.json" \
    --compare "$dir/bench-$backend-12.json"
