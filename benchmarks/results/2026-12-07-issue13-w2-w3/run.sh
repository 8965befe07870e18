#!/usr/bin/env bash
# W2 (fetch 10,000 rows) and W3 (1,000 gets by key, a session each) before and after issue 13, raw JDBC
# and Athanor's session only, on one database at a time. 3 forks x 10 measured 1 s iterations = 30
# samples per method. Usage: run.sh BEFORE_JAR AFTER_JAR DATABASE OUTPUT_DIR
set -euo pipefail
before="$1"; after="$2"; database="$3"; out="$4"
pattern='.*(FetchBenchmark|GetByKeyBenchmark)\.(jdbc|athanorSession)$'
for build in before after; do
  jar="$before"; [[ "$build" == after ]] && jar="$after"
  cat /proc/loadavg > "$out/$database-$build.loadavg"
  java -jar "$jar" "$pattern" -p database="$database" -f 3 -wi 5 -w 1 -i 10 -r 1 \
       -jvmArgs "-XX:+AlwaysPreTouch -XX:+UseG1GC -Xms1g -Xmx1g" \
       -rf json -rff "$out/$database-$build.json" > "$out/$database-$build.log" 2>&1
  cat /proc/loadavg >> "$out/$database-$build.loadavg"
done
