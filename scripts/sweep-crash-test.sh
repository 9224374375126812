#!/usr/bin/env bash
# Kills a real sweep with kill -9 at random moments, resumes it each time with resume=, and checks
# that it ends with the scores of an undisturbed sweep: summary.json's counts, best trial, best score,
# best parameters and best test accuracy, and every trial's status and score per epoch; that every
# JSON file in the sweep folder parses after each kill; and that no temporary file is left.
#
#   scripts/sweep-crash-test.sh [KILLS] [SWEEP.yaml] [key=value ...]
#   scripts/sweep-crash-test.sh 8 experiments/sweeps/lenet5-lr-batch.yaml budget.trials=6   # the default
#
# Run it after `mvn -B install -DskipTests`; one line per kill, the counts at the end, and a non-zero
# exit at the first broken file or differing score.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-8}
sweep=${2:-experiments/sweeps/lenet5-lr-batch.yaml}
if (($# > 2)); then overrides=("${@:3}"); elif (($# > 1)); then overrides=(); else overrides=(budget.trials=6); fi
[[ $kills =~ ^[1-9][0-9]*$ ]] || { echo "error: KILLS must be a positive number, got '$kills'" >&2; exit 2; }
[[ -f $sweep ]] || { echo "error: $sweep: no such sweep file" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/sweep-crash-test.XXXXXX")
pid=""
trap 'status=$?; [[ -z $pid ]] || kill -9 "$pid" 2>/dev/null || true; exit $status' EXIT
mvn -q -pl mnist-tuning dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" > /dev/null
classpath="mnist-tuning/target/classes:$(cat "$work/classpath.txt")"
tune() { # tune OUTPUT_DIR ARGS...: one sweep process in the background, its pid in $pid
  local out=$1; shift
  java -Xmx4g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -cp "$classpath" lab.mnist.tuning.TuneCli "$@" \
    "output.dir=$out" >> "$work/processes.log" 2>&1 &
  pid=$!
}
resume() {
  java -Xmx4g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -cp "$classpath" lab.mnist.tuning.TuneCli "resume=$1" \
    >> "$work/processes.log" 2>&1 &
  pid=$!
}

# The scores that must match, as one JSON document: the summary's, and each trial's status and scores.
scores() {
  /usr/bin/python3 - "$1" <<'PY'
import json, os, sys
d = sys.argv[1]
s = json.load(open(os.path.join(d, "summary.json")))
keep = {k: s[k] for k in ("trials", "completed", "pruned", "stopped", "failed", "bestScore", "bestTrial",
                          "bestParams", "bestTestAccuracy", "trialEpochs")}
trials = {}
for t in sorted(os.listdir(os.path.join(d, "trials"))):
    r = json.load(open(os.path.join(d, "trials", t, "trial.json")))
    trials[t] = {k: v for k, v in r.items() if k in ("status", "scores", "params", "reason")}
print(json.dumps({"summary": keep, "trials": trials}, sort_keys=True, indent=1))
PY
}
check_json() {
  /usr/bin/python3 - "$1" <<'PY'
import json, os, sys
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith(".json"):
            try:
                json.load(open(os.path.join(root, f)))
            except Exception as e:
                print(f"BROKEN {os.path.join(root, f)}: {e}"); sys.exit(1)
PY
}

echo "reference: an undisturbed sweep of $sweep ${overrides[*]}"
tune "$work/reference" "$sweep" "${overrides[@]}"
wait "$pid" || { echo "FAILED: the undisturbed sweep; see $work/processes.log" >&2; exit 1; }
reference=$(ls -d "$work"/reference/*/)
scores "$reference" > "$work/reference-scores.json"

tune "$work/crashed" "$sweep" "${overrides[@]}"
done_kills=0 resumes=0 folder=""
while true; do
  sleep "$(/usr/bin/python3 -c 'import random; print(round(random.uniform(2, 25), 2))')"
  [[ -n $folder ]] || folder=$(ls -d "$work"/crashed/*/ 2>/dev/null | head -1 || true)
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" || { echo "FAILED: a sweep process exited with an error; see $work/processes.log" >&2; exit 1; }
    break
  fi
  if ((done_kills >= kills)); then
    wait "$pid" || { echo "FAILED: the last resume; see $work/processes.log" >&2; exit 1; }
    break
  fi
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  done_kills=$((done_kills + 1))
  echo "kill $done_kills: $(ls "$folder/trials" 2>/dev/null | wc -l) trial folders so far"
  if [[ -z $folder || ! -f $folder/sweep.yaml ]]; then # killed before the folder held the sweep: start again
    rm -rf "$work/crashed"; folder=""
    tune "$work/crashed" "$sweep" "${overrides[@]}"
    continue
  fi
  check_json "$folder" || exit 1
  resumes=$((resumes + 1))
  resume "$folder"
done
folder=$(ls -d "$work"/crashed/*/ | head -1)
check_json "$folder" || exit 1
scores "$folder" > "$work/crashed-scores.json"
if ! diff "$work/reference-scores.json" "$work/crashed-scores.json"; then
  echo "DIFFERENT scores: $reference against $folder" >&2
  exit 1
fi
if [[ -n $(find "$folder" \( -name '.*.part' -o -name 'zipfstmp*.tmp' \) -print -quit) ]]; then
  echo "LEFT temporary files in $folder" >&2
  exit 1
fi
echo
echo "sweep crash test: $done_kills kills, $resumes resumes; the same summary and trial scores as the undisturbed sweep"
rm -rf "$work"
