#!/usr/bin/env bash
# The second H2 pass, in the other order (after first, then before), to see whether the order of the
# runs moves the ratios. Usage: run-reversed.sh BEFORE_JAR AFTER_JAR OUTPUT_DIR
set -euo pipefail
before="$1"; after="$2"; out="$3"
pattern='.*(FetchBenchmark|GetByKeyBenchmark)\.(jdbc|athanorSession)$'
for build in after before; do
  jar="$before"; [[ "$build" == after ]] && jar="$after"
  cat /proc/loadavg > "$out/h2-$build-pass2.loadavg"
  java -jar "$jar" "$pattern" -p database=h2 -f 3 -wi 5 -w 1 -i 10 -r 1 \
       -jvmArgs "-XX:+AlwaysPreTouch -XX:+UseG1GC -Xms1g -Xmx1g" \
       -rf json -rff "$out/h2-$build-pass2.json" > "$out/h2-$build-pass2.log" 2>&1
  cat /proc/loadavg >> "$out/h2-$build-pass2.loadavg"
done
