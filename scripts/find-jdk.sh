#!/usr/bin/env bash
# Prints the home directory of a JDK whose feature version is 25 or newer, or fails with a message.
# Order: $JAVA_HOME, then the `java` on PATH, then every JDK under /usr/lib/jvm. The default `java`
# on our machines is 17, so PATH order must never decide on its own.
set -u

jdk_feature_version() { # $1 = JDK home; prints the feature version (17, 25, ...) or nothing
  local java="$1/bin/java" v=""
  [ -x "$java" ] && [ -x "$1/bin/javac" ] || return 1
  # the `release` file every JDK ships answers without starting a JVM (about 100 ms saved per run)
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1)
  fi
  if [ -z "$v" ]; then
    v=$("$java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
  printf '%s\n' "$v"
}

accept() { # $1 = candidate home
  local v
  v=$(jdk_feature_version "$1") || return 1
  [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null || return 1
  printf '%s\n' "$1"
  exit 0
}

[ -n "${JAVA_HOME:-}" ] && accept "$JAVA_HOME"
if command -v java >/dev/null 2>&1; then
  on_path=$(readlink -f "$(command -v java)")
  accept "$(dirname "$(dirname "$on_path")")"
fi
for home in /usr/lib/jvm/*/; do
  accept "${home%/}"
done

cat >&2 <<'MSG'
odflash needs a JDK 25 or newer and none was found (looked at $JAVA_HOME, the java on PATH and /usr/lib/jvm/*).
Install one (for example Temurin 25 from adoptium.net, or your distribution's openjdk-25-jdk package)
and set JAVA_HOME to its directory.
MSG
exit 1
