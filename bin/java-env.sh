# Sourced by the project's scripts: selects a JDK 21 or newer and exports JAVA_HOME.
# Order: $JAVA_HOME if it is 21+, Temurin 25 where this project's machines keep it, any 21+ JDK
# under /usr/lib/jvm, then the java on PATH. Prints one line and fails if none is found.

lunarbase_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

lunarbase_select_java() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(lunarbase_java_major "$candidate/bin/java")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  if command -v java >/dev/null 2>&1; then
    major=$(lunarbase_java_major "$(command -v java)")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
      export JAVA_HOME
      return 0
    fi
  fi
  echo "lunarbase: no JDK 21 or newer found: install one (JDK 25 recommended) and set JAVA_HOME to it" >&2
  return 1
}

# True when $1 (a file) is missing or older than any file under the folders that follow.
lunarbase_stale() {
  local target=$1
  shift
  [ -f "$target" ] || return 0
  [ -n "$(find "$@" -newer "$target" -type f -print -quit 2>/dev/null)" ]
}
