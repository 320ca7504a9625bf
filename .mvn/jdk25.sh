# Sourced by ./mvnw, ./lambdaloom and .ci/run: exports JAVA_HOME pointing at a JDK 25 or newer.
# Order: JAVA_HOME when it is 25+, then /usr/lib/jvm/*25*, then the `java` on PATH; else a clear error.
# POSIX sh on purpose (mvnw is a /bin/sh script).

lambdaloom_java_major() { # $1 = a JDK home; prints its feature version, or nothing
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}

lambdaloom_is_jdk25() { # $1 = a JDK home
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  v=$(lambdaloom_java_major "$1")
  [ -n "$v" ] && [ "$v" -ge 25 ]
}

lambdaloom_find_jdk25() {
  if [ -n "${JAVA_HOME-}" ] && lambdaloom_is_jdk25 "$JAVA_HOME"; then export JAVA_HOME; return 0; fi
  case $- in *f*) noglob=1; set +f ;; *) noglob= ;; esac # mvnw runs with set -f
  for candidate in /usr/lib/jvm/*25*; do
    if lambdaloom_is_jdk25 "$candidate"; then
      [ -z "$noglob" ] || set -f
      JAVA_HOME=$candidate; export JAVA_HOME; return 0
    fi
  done
  [ -z "$noglob" ] || set -f
  on_path=$(command -v javac 2>/dev/null || true)
  if [ -n "$on_path" ]; then
    home=$(cd "$(dirname "$(readlink -f "$on_path")")/.." && pwd)
    if lambdaloom_is_jdk25 "$home"; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  fi
  {
    echo "Lambdaloom needs a JDK 25 or newer (java and javac)."
    echo "  JAVA_HOME=${JAVA_HOME-<unset>} is not one, and none was found under /usr/lib/jvm or on PATH."
    echo "  Install one, e.g. Temurin 25 (https://adoptium.net) or 'apt-get install temurin-25-jdk',"
    echo "  then set JAVA_HOME to it."
  } >&2
  return 1
}
