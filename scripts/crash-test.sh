#!/usr/bin/env bash
# Kills real training runs with kill -9 at random moments, resumes them each time, and checks that
# nothing is lost: after every kill no file in the run folder is truncated or unparseable, and each
# killed-and-resumed run ends with the predictions.csv and metrics.csv (timing columns aside) of an
# undisturbed run of the same file and seed, with no temporary file left behind.
#
#   scripts/crash-test.sh [KILLS] [EXPERIMENT.yaml] [key=value ...]
#   scripts/crash-test.sh 20 experiments/seed-004-lenet5.yaml          # the default: 20 kills
#
# Half the kills come at a random time after a (re)start, the other half the moment a file of a given
# kind is being written (its temporary ".*.part" file appears in the folder), the kinds in turn:
# best.zip, checkpoints, state.json, metrics, summary.json, the report, predictions.csv, and a zip's
# last entry (the JDK zip file system's zipfstmp file). A kind whose write is too short to catch
# lets the run finish, and a new run takes the next kills. Run it after `mvn -B install -DskipTests`; it prints one line per kill
# and the counts at the end, and exits non-zero on the first broken file or differing ending.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-20}
experiment=${2:-experiments/seed-004-lenet5.yaml}
(($# > 2)) && overrides=("${@:3}") || overrides=()
[[ $kills =~ ^[1-9][0-9]*$ ]] || { echo "error: KILLS must be a positive number, got '$kills'" >&2; exit 2; }
[[ -f $experiment ]] || { echo "error: $experiment: no such experiment file" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/crash-test.XXXXXX")
pid=""
trap 'status=$?; [[ -z $pid ]] || kill -9 "$pid" 2>/dev/null || true; exit $status' EXIT
classpath="mnist-train/target/classes:$(mvn -q -pl mnist-train dependency:build-classpath -Dstyle.color=never -Dmdep.outputFile=/dev/stdout)"
java_train() { # one training process in the background, its pid in $pid
  java -Xmx4g -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -cp "$classpath" lab.mnist.train.TrainCli -q "$@" \
    >> "$work/processes.log" 2>&1 &
  pid=$!
}
train() { local out=$1; shift; java_train "$@" "output.dir=$out"; } # train OUTPUT_DIR FILE [key=value ...]
resume() { java_train "resume=$1"; }                                   # resume RUN_FOLDER
temporary() { ls -a "$1" 2>/dev/null | grep -E '^\..*\.part$|^zipfstmp.*\.tmp$' || true; }

# Every file in the folder whole: JSON parses, CSV rows have the header's width, zips and PNGs are
# complete, the report ends its document. Temporary files of writes under way are allowed here.
check_folder() {
  /usr/bin/python3 - "$1" <<'PY'
import csv, json, os, sys, zipfile
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    p = os.path.join(d, name)
    if name.endswith(".part") or (name.startswith("zipfstmp") and name.endswith(".tmp")) \
            or not os.path.isfile(p) or name == "run.log":
        continue
    try:
        if name.endswith(".json"):
            json.load(open(p))
        elif name.endswith(".csv"):
            rows = list(csv.reader(open(p)))
            assert rows and all(len(r) == len(rows[0]) for r in rows), "ragged rows"
        elif name.endswith(".zip"):
            with zipfile.ZipFile(p) as z:
                assert z.testzip() is None, "a bad entry"
        elif name.endswith(".png"):
            b = open(p, "rb").read()
            assert b.startswith(b"\x89PNG") and b.endswith(b"IEND\xaeB`\x82"), "not a whole PNG"
        elif name.endswith(".html"):
            assert open(p).read().rstrip().endswith("</html>"), "no </html>"
        elif name.endswith(".yaml") or name.endswith(".txt"):
            assert os.path.getsize(p) > 0, "empty"
    except Exception as e:
        print(f"BROKEN {p}: {e}")
        sys.exit(1)
PY
}

# The endings that must match: predictions.csv whole, metrics.csv without its timing columns.
same_ending() {
  local ref=$1 run=$2
  cmp -s "$ref/predictions.csv" "$run/predictions.csv" || { echo "DIFFERENT predictions.csv: $run" >&2; return 1; }
  diff <(cut -d, -f1-6 "$ref/metrics.csv") <(cut -d, -f1-6 "$run/metrics.csv") > /dev/null \
    || { echo "DIFFERENT metrics.csv: $run" >&2; return 1; }
  [[ -z $(temporary "$run") ]] || { echo "LEFT temporary files in $run: $(temporary "$run")" >&2; return 1; }
}

echo "reference: an undisturbed run of $experiment ${overrides[*]}"
train "$work/reference" "$experiment" "${overrides[@]}"
wait "$pid" || { echo "FAILED: the undisturbed run; see $work/processes.log" >&2; exit 1; }
reference=$(ls -d "$work"/reference/*/)
echo "  -> $reference"

done_kills=0 resumes=0 runs=0 identical=0 mid_write=0
targets=(best.zip checkpoint-epoch state.json metrics summary.json report.html predictions.csv zipfstmp)
declare -A written
while ((done_kills < kills)); do
  runs=$((runs + 1))
  out="$work/crashed-$runs"
  train "$out" "$experiment" "${overrides[@]}"
  folder=""
  while true; do
    # Wait a random moment, or until a file is being written, then kill -9 (unless the run ended).
    if ((done_kills % 2 == 0)); then
      sleep "$(/usr/bin/python3 -c 'import random; print(round(random.uniform(0.5, 14), 2))')"
    else
      # Each such kill waits for the next write of one kind of file, in turn.
      target=${targets[$(((done_kills / 2) % ${#targets[@]}))]}
      for _ in $(seq 1 12000); do
        [[ -n $folder ]] || folder=$(ls -d "$out"/*/ 2>/dev/null | head -1 || true)
        [[ -n $folder ]] && temporary "$folder" | grep -q -- "$target" && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.005
      done
    fi
    [[ -n $folder ]] || folder=$(ls -d "$out"/*/ 2>/dev/null | head -1 || true)
    if ! kill -0 "$pid" 2>/dev/null || ((done_kills >= kills)); then
      wait "$pid" || { echo "FAILED: a training process exited with an error; see $work/processes.log" >&2; exit 1; }
      break
    fi
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # The writes the kill cut short: the temporary files it left (a zip's last entry goes through zipfstmp).
    what=$( { [[ -n $folder ]] && temporary "$folder"; } | sed -E 's/^\.(.*)\.[a-z0-9]+\.part$/\1/; s/^zipfstmp.*/zip-entry/' \
      | sort -u | tr '\n' ' ' || true)
    done_kills=$((done_kills + 1))
    if [[ -n $what ]]; then
      mid_write=$((mid_write + 1))
      for f in $what; do written[${f//[0-9]/N}]=$((${written[${f//[0-9]/N}]:-0} + 1)); done
    fi
    echo "kill $done_kills: run $runs ${what:+while writing $what}"
    if [[ -n $folder && -d $folder ]]; then
      check_folder "$folder" || exit 1
      if [[ -f $folder/config.yaml ]]; then
        resumes=$((resumes + 1))
        resume "$folder"
        continue
      fi
    fi
    rm -rf "$out" # killed before the run folder held its config: start this run again
    train "$out" "$experiment" "${overrides[@]}"
    folder=""
  done
  folder=$(ls -d "$out"/*/ | head -1)
  check_folder "$folder" || exit 1
  same_ending "$reference" "$folder" || exit 1
  identical=$((identical + 1))
  echo "run $runs completed after its kills: the same ending as the undisturbed run"
done

echo
echo "crash test: $done_kills kills ($mid_write while a file was being written), $resumes resumes, $runs runs, $identical identical endings"
for f in "${!written[@]}"; do echo "  killed while writing $f: ${written[$f]}"; done | sort
rm -rf "$work"
