#!/usr/bin/env bash
# Builds what a user installs (docs/build-notes.md §4): a jlink runtime image of odflash with a portable
# AOT cache and a launcher, the Debian package odflash_VERSION_amd64.deb that installs it under
# /usr/lib/odflash (odflash on PATH, man pages, bash/zsh completion, desktop entry for `odflash gui`,
# an opt-in udev rule), and the release archive odflash-VERSION-linux-x86_64.tar.gz of the same image
# with a SHA256SUMS file. Usage: scripts/package-deb.sh [OUTDIR]  (default: target/package)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
JAVA_HOME=$("$root/scripts/find-jdk.sh") || exit 1
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
out=$(mkdir -p "${1:-$root/target/package}" && cd "${1:-$root/target/package}" && pwd)
work="$out/work"
rm -rf "$work" && mkdir -p "$work"
step() { printf 'package-deb: [%3ss] %s\n' "$SECONDS" "$*" >&2; }

# 1. the jar, as ./odflash builds it (a gui module, when the tree has one, is built too: `odflash gui`)
modules=cli
[ -f "$root/gui/pom.xml" ] && modules=cli,gui
step "building $modules"
(cd "$root" && ./mvnw -B -q -ntp -Dmaven.test.skip=true package -pl "$modules" -am)
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -1)

# 2. picocli compiled for Java 25 from its own sources (Apache-2.0): the published jar is Java 5 class
#    files, which the AOT cache skips ("Old class has been linked"); same sources, so same behaviour
step "recompiling picocli from its sources for the AOT cache"
picocli=$(sed -n 's:.*<picocli.version>\(.*\)</picocli.version>.*:\1:p' "$root/pom.xml")
sources="${MAVEN_REPO:-$HOME/.m2/repository}/info/picocli/picocli/$picocli/picocli-$picocli-sources.jar"
[ -f "$sources" ] || (cd "$root" && ./mvnw -B -q -ntp dependency:get \
  -Dartifact="info.picocli:picocli:$picocli:jar:sources" -Dtransitive=false </dev/null)
mkdir -p "$work/picocli-src" "$work/picocli-classes"
(cd "$work/picocli-src" && jar xf "$sources")
javac -nowarn -XDsuppressNotes --release 25 -d "$work/picocli-classes" \
  $(find "$work/picocli-src" -name '*.java' ! -name module-info.java)
cp "$root/cli/target/odflash.jar" "$work/odflash.jar"
(cd "$work/picocli-classes" && jar uf "$work/odflash.jar" picocli)

# 3. the runtime image: the JDK modules jdeps finds (java.desktop always: the GUI), linked from the
#    JDK's run-time image (no jmods/ here: JEP 493), with the default CDS archive as a fallback
jars=("$work/odflash.jar")
need=$(jdeps --multi-release 25 --ignore-missing-deps --print-module-deps "${jars[@]}")
mods=$(tr , "\n" <<<"$need,java.desktop" | sort -u | paste -sd, -)
step "jlink: $mods"
image="$work/odflash"
jlink --add-modules "$mods" --strip-debug --no-header-files --no-man-pages --generate-cds-archive \
  --output "$image" >/dev/null
mkdir -p "$image/lib/app"
cp "$work/odflash.jar" "$image/lib/app/odflash.jar"
cat >"$image/bin/odflash" <<'EOF'
#!/bin/sh
# odflash's launcher in its runtime image: the image's own java, the AOT cache made with these same
# options (they must match, or the JVM ignores the cache), native access for SG_IO.
here=$(dirname "$(readlink -f "$0")")
lib="$here/../lib/app"
# the name commands are suggested under: `odflash` when PATH finds it by that name, else as invoked
if [ "$(command -v -- "$(basename -- "$0")" 2>/dev/null)" = "$0" ] || [ "$(command -v odflash 2>/dev/null)" = "$0" ]; then
  ODFLASH_PROGRAM=odflash
else
  ODFLASH_PROGRAM=$0
fi
export ODFLASH_PROGRAM
exec "$here/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -XX:AOTCache="$lib/odflash.aot" -Xlog:aot=off -Xlog:cds=off -jar "$lib/odflash.jar" "$@"
EOF
chmod 755 "$image/bin/odflash"

# 4. the AOT cache, portable across x86-64 CPUs: no adapter or stub machine code (code compiled for the
#    build machine's extensions, e.g. AVX-512, crashed with SIGILL on a plainer CPU); classes only
step "AOT cache (training: cli/.../AotTraining.java)"
"$image/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -XX:+UnlockDiagnosticVMOptions -XX:-AOTAdapterCaching -XX:-AOTStubCaching \
  -XX:AOTCacheOutput="$image/lib/app/odflash.aot" -cp "$image/lib/app/odflash.jar" dev.odflash.cli.AotTraining \
  >"$work/aot-training.log" 2>&1 || { tail -n 30 "$work/aot-training.log" >&2; exit 1; }
rm -f "$image/lib/app/odflash.aot.config"
"$image/bin/odflash" --version >/dev/null

# 5. man pages and completion from the image itself
mkdir -p "$work/man1"
"$image/bin/odflash" __man "$work/man1" 2>"$work/man.log" || { cat "$work/man.log" >&2; exit 1; }
gzip -9n "$work/man1"/*.1
"$image/bin/odflash" completion bash >"$work/odflash.bash"
"$image/bin/odflash" completion zsh >"$work/_odflash"

# 6. the release archive (the image plus its man pages, completion and udev rule) and its checksum
arch_name="odflash-$version-linux-x86_64"
step "archive $arch_name.tar.gz"
tree="$work/$arch_name"
cp -a "$image" "$tree"
mkdir -p "$tree/share/man/man1" "$tree/share/completion"
cp "$work/man1"/*.gz "$tree/share/man/man1/"
cp "$work/odflash.bash" "$work/_odflash" "$tree/share/completion/"
cp "$root/scripts/packaging/60-odflash-optical.rules" "$root/scripts/packaging/odflash.desktop" "$tree/share/"
tar -C "$work" --owner=0 --group=0 --numeric-owner -czf "$out/$arch_name.tar.gz" "$arch_name"
rm -rf "$tree"

# 7. the Debian package
deb="$work/deb"
step "odflash_${version}_amd64.deb"
mkdir -p "$deb/DEBIAN" "$deb/usr/lib" "$deb/usr/bin" "$deb/usr/share/man/man1" \
  "$deb/usr/share/bash-completion/completions" "$deb/usr/share/zsh/vendor-completions" \
  "$deb/usr/share/applications" "$deb/usr/share/doc/odflash" "$deb/usr/share/odflash"
cp -a "$image" "$deb/usr/lib/odflash"
ln -s ../lib/odflash/bin/odflash "$deb/usr/bin/odflash"
cp "$work/man1"/*.gz "$deb/usr/share/man/man1/"
cp "$work/odflash.bash" "$deb/usr/share/bash-completion/completions/odflash"
cp "$work/_odflash" "$deb/usr/share/zsh/vendor-completions/_odflash"
cp "$root/scripts/packaging/odflash.desktop" "$deb/usr/share/applications/odflash.desktop"
cp "$root/scripts/packaging/60-odflash-optical.rules" "$deb/usr/share/odflash/"
gzip -9nc "$root/README.md" >"$deb/usr/share/doc/odflash/README.md.gz"
printf 'odflash %s\nSee README.md.gz; the runtime image carries the JDK modules it links (GPLv2 with the Classpath Exception).\n' \
  "$version" >"$deb/usr/share/doc/odflash/copyright"
for s in postinst prerm; do
  install -m 755 "$root/scripts/packaging/$s" "$deb/DEBIAN/$s"
done
size=$(du -sk "$deb" | cut -f1)
cat >"$deb/DEBIAN/control" <<EOF
Package: odflash
Version: $version
Architecture: amd64
Maintainer: odflash developers <odflash@users.noreply.github.com>
Installed-Size: $size
Section: utils
Priority: optional
Depends: libc6 (>= 2.34), zlib1g, libx11-6, libxext6, libxrender1, libxtst6, libxi6, libfreetype6, libfontconfig1
Recommends: libflashrom1
Description: safe firmware backup, analysis and flashing for MediaTek optical drives
 odflash backs up, checks and flashes the firmware of CD/DVD/BD drives built on MediaTek
 chipsets, with a built-in emulated drive to try everything without hardware. This package
 carries its own Java runtime (a jlink image with an AOT cache) under /usr/lib/odflash.
EOF
rm -f "$out"/odflash_*_amd64.deb
dpkg-deb --root-owner-group -Zgzip -z6 --build "$deb" "$out/odflash_${version}_amd64.deb" >/dev/null
(cd "$out" && sha256sum "$arch_name.tar.gz" "odflash_${version}_amd64.deb" >SHA256SUMS)
rm -rf "$work"
step "done: $(cd "$out" && ls odflash_*_amd64.deb "$arch_name.tar.gz" SHA256SUMS | tr '\n' ' ')"
