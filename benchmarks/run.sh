#!/usr/bin/env bash
# Runs the benchmark suite and prints a Markdown table of each peer's ratio to raw JDBC.
#   benchmarks/run.sh quick   H2 only, short iterations (a few minutes on 2 cores)
#   benchmarks/run.sh full    H2 and PostgreSQL (127.0.0.1:5432, user postgres, database test)
set -euo pipefail
tier="${1:-quick}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -pl benchmarks -am package -DskipTests >&2
jar="benchmarks/target/benchmarks.jar"
csv="$(mktemp --suffix=.csv)"
case "$tier" in
  quick) java -jar "$jar" -p database=h2 -wi 3 -w 2 -i 5 -r 2 -rf csv -rff "$csv" >&2 ;;
  full)  java -jar "$jar" -p database=h2,postgresql -rf csv -rff "$csv" >&2 ;;
  *) echo "usage: benchmarks/run.sh quick|full" >&2; exit 2 ;;
esac
java -cp "$jar" io.athanor.benchmarks.Report "$csv"
