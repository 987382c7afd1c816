#!/bin/sh
# make-certs.sh DIR: a private CA (ca.pem), a server certificate it signs for
# 127.0.0.1 and localhost (server.pem, server.key), and an unrelated CA
# (other-ca.pem), for tests that speak TLS on loopback. Made fresh per test.
set -eu
cd "$1"
ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
# shellcheck disable=SC2086
openssl req -x509 $ec -keyout ca.key -out ca.pem -days 3650 \
	-subj "/O=tctt tests/CN=Test CA" 2>/dev/null
# shellcheck disable=SC2086
openssl req -x509 $ec -keyout other-ca.key -out other-ca.pem -days 3650 \
	-subj "/O=tctt tests/CN=Other CA" 2>/dev/null
# shellcheck disable=SC2086
openssl req $ec -keyout server.key -out server.csr -subj "/CN=127.0.0.1" 2>/dev/null
printf '%s\n' "basicConstraints = CA:FALSE" "keyUsage = digitalSignature" \
	"extendedKeyUsage = serverAuth" "subjectAltName = IP:127.0.0.1, DNS:localhost" >server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial 2 -days 3650 \
	-extfile server.ext -out server.pem 2>/dev/null
