# Sourced by ./storybot and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer, and its major
# version as STORYBOT_JAVA_MAJOR.
# Order: JAVA_HOME, then the java on PATH, then the JDKs under /usr/lib/jvm (newest first).

storybot_java_major() { # prints the major version of the java binary $1, or 0
  # The JDK's release file says it without starting a JVM (a third of a second of every start)
  local release major
  release="$(dirname "$(dirname "$1")")/release"
  major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null || true)
  if [ -n "$major" ]; then
    echo "$major"
    return 0
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2; f=1} END {if (!f) print 0}' | cut -d. -f1
}

storybot_select_jdk() {
  local candidates=() java_bin home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  java_bin=$(command -v java 2>/dev/null) && candidates+=("$(dirname "$(dirname "$(readlink -f "$java_bin")")")")
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${home%/}"); done
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/java" ] && major=$(storybot_java_major "$home/bin/java") && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$home" STORYBOT_JAVA_MAJOR="$major"
      return 0
    fi
  done
  echo "storybot: no JDK 21 or newer found. Install one and set JAVA_HOME to it." >&2
  return 1
}
