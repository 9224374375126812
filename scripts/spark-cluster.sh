#!/usr/bin/env bash
# A Spark standalone cluster on this machine from the project's own Maven artifacts (no Spark
# download): a master and N workers on 127.0.0.1, each a JVM of its own.
#   scripts/spark-cluster.sh start [WORKERS] [CORES_PER_WORKER]   # prints the master URL
#   scripts/spark-cluster.sh stop
# Then: mvn -pl mnist-spark exec:java -Dexec.args="sweep experiments/sweeps/lenet5-lr-batch.yaml
#       executor=spark spark.master=spark://127.0.0.1:7077"
# On a real cluster, do the same on each machine (SPARK_HOME/jars = the jars listed by
# `mvn -pl mnist-spark dependency:build-classpath` plus mnist-spark's jar), with the sweep folder
# on a file system every machine mounts at the same path. docs/internals.md, "Spark".
set -euo pipefail
cd "$(dirname "$0")/.."
home=${SPARK_HOME_DIR:-$PWD/mnist-spark/target/spark-home}
cmd=${1:-start}
if [ "$cmd" = stop ]; then
  for f in "$home"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; done
  pkill -f CoarseGrainedExecutorBackend 2>/dev/null || true
  echo "stopped"; exit 0
fi
workers=${2:-1}; cores=${3:-2}
mvn -q -pl mnist-spark -am install -DskipTests
mkdir -p "$home/jars"
mvn -q -pl mnist-spark dependency:build-classpath -Dmdep.outputFile="$home/classpath.txt" >/dev/null
tr ':' '\n' < "$home/classpath.txt" | while read -r jar; do ln -sf "$jar" "$home/jars/"; done
ln -sf "$PWD"/mnist-spark/target/mnist-spark-*.jar "$home/jars/"
flags=$(tr '\n' ' ' < .mvn/jvm.config)
export SPARK_HOME=$home SPARK_SCALA_VERSION=2.12
# shellcheck disable=SC2086
nohup java -Xmx512m $flags -cp "$home/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
  --port 7077 --webui-port 8080 > "$home/master.log" 2>&1 &
echo $! > "$home/master.pid"
for w in $(seq 1 "$workers"); do
  mkdir -p "$home/work-$w"
  # shellcheck disable=SC2086
  nohup java -Xmx512m $flags -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
    --cores "$cores" --memory 6g --work-dir "$home/work-$w" --webui-port $((8080 + w)) spark://127.0.0.1:7077 \
    > "$home/worker-$w.log" 2>&1 &
  echo $! > "$home/worker-$w.pid"
done
for _ in $(seq 1 60); do
  if curl -s http://127.0.0.1:8080/json/ | tr -d ' ' | grep -q "\"aliveworkers\":$workers"; then
    echo "spark://127.0.0.1:7077 ($workers worker(s) x $cores cores; web UI http://127.0.0.1:8080; logs in $home)"
    exit 0
  fi
  sleep 1
done
echo "the cluster did not come up; see $home/*.log" >&2; exit 1
