# Shared by aws-cli-import-check.sh and aws-cli-use-check.sh (sourced, not run): starting endpoints,
# counting checks, and AWS's documented import procedure with the AWS CLI v2 and OpenSSL 3.
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
AWS_CLI=${AWS_CLI:-/usr/bin/aws}
JAR=target/byok-studio.jar
[ -x "$AWS_CLI" ] || { echo "No AWS CLI at $AWS_CLI (apt-get install awscli, or set AWS_CLI)"; exit 2; }
[ -f "$JAR" ] || { echo "No $JAR: run ./mvnw -q -DskipTests package first"; exit 2; }
openssl version | grep -q '^OpenSSL 3' || { echo "OpenSSL 3 is needed (RSA-AES key wrap); found: $(openssl version)"; exit 2; }

# Requests are signed with the workspace's own access keys, from the credentials file each server writes.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE
export AWS_CONFIG_FILE=/dev/null AWS_PAGER=""

work=$(mktemp -d)
# start runs in a command substitution (a subshell), so the servers' PIDs go to a file, not a variable.
cleanup() { [ -f "$work/pids" ] && while read -r p; do kill "$p" 2>/dev/null; done <"$work/pids"; sleep 0.2; rm -rf "$work"; }
trap cleanup EXIT

# start REGION -> prints the endpoint URL
start() {
  local log="$work/server-$1.log"
  java -jar "$JAR" --serve --port 0 --region "$1" --workspace "$work/ws-$1" >"$log" 2>&1 &
  echo $! >>"$work/pids"
  for _ in $(seq 1 100); do grep -q '^Listening on ' "$log" && break; sleep 0.1; done
  sed -n 's/^Listening on //p' "$log"
}

passed=0; failed=0
ok()   { passed=$((passed + 1)); echo "  ok    $*"; }
fail() { failed=$((failed + 1)); echo "  FAIL  $*"; }

url=""; region=""; profile=default
credentials() { echo "$work/ws-$region/credentials"; }
kms() { AWS_SHARED_CREDENTIALS_FILE=$(credentials) "$AWS_CLI" --profile "$profile" --region "$region" --endpoint-url "$url" kms "$@"; }
# sigv4 -> curl's options that sign a request with the current profile's access key, as the CLI does
sigv4() { python3 - "$(credentials)" "$profile" "$region" <<'PY'
import configparser, sys
c = configparser.ConfigParser(); c.read(sys.argv[1]); p = c[sys.argv[2]]
print(f"--aws-sigv4\naws:amz:{sys.argv[3]}:kms\n--user\n{p['aws_access_key_id']}:{p['aws_secret_access_key']}")
PY
}
# Debian's AWS CLI (2.9.19, 2023) predates KeyMaterialId and CurrentKeyMaterialId and drops them from
# what it prints; those members are read from the endpoint's raw JSON answer instead.
raw() { # OPERATION JSON -> the response body
  local -a sign; mapfile -t sign < <(sigv4)
  curl -s "${sign[@]}" -X POST -H "X-Amz-Target: TrentService.$1" -H 'Content-Type: application/x-amz-json-1.1' -d "$2" "$url/"; }
member() { python3 -c 'import json,sys; d=json.load(sys.stdin)
for k in sys.argv[1].split("."): d=d.get(k) if isinstance(d, dict) else None
print(d)' "$1"; }
advance() { local -a sign; mapfile -t sign < <(sigv4)
  curl -s "${sign[@]}" -X POST -H 'X-Amz-Target: ByokStudio.AdvanceClock' -H 'Content-Type: application/x-amz-json-1.1' \
  -d "{\"Seconds\": $1}" "$url/" >/dev/null; }

# expect_error DESCRIPTION CODE MESSAGE -- command...   (MESSAGE "" means AWS sends none)
expect_error() {
  local what=$1 code=$2 message=$3; shift 4
  local got; got=$("$@" 2>&1); local rc=$?
  if [ $rc -ne 0 ] && [[ "$got" == *"An error occurred ($code) when calling the "*" operation: $message"* ]]; then ok "$what"
  else fail "$what: got rc=$rc '$got'"; fi
}

# AWS's steps 2 and 3: download the wrapping public key and import token, decode them.
parameters() { # KEY ALGORITHM WRAPPING_KEY_SPEC DIR
  kms get-parameters-for-import --key-id "$1" --wrapping-algorithm "$2" --wrapping-key-spec "$3" \
    --query '[PublicKey,ImportToken]' --output text >"$4/params.txt" || return 1
  cut -f1 "$4/params.txt" >"$4/PublicKey.b64"
  cut -f2 "$4/params.txt" >"$4/ImportToken.b64"
  openssl enc -d -base64 -A -in "$4/PublicKey.b64" -out "$4/WrappingPublicKey.bin"
  openssl enc -d -base64 -A -in "$4/ImportToken.b64" -out "$4/ImportToken.bin"
}

# AWS's "Generate key material for testing".
material() { # KEYSPEC DIR  -> writes DIR/PlaintextKeyMaterial.bin
  local out="$2/PlaintextKeyMaterial.bin"
  case "$1" in
    SYMMETRIC_DEFAULT) if [ "$region" = cn-north-1 ]; then openssl rand -out "$out" 16; else openssl rand -out "$out" 32; fi ;;
    HMAC_224) openssl rand -out "$out" 28 ;;
    HMAC_256) openssl rand -out "$out" 32 ;;
    HMAC_384) openssl rand -out "$out" 48 ;;
    HMAC_512) openssl rand -out "$out" 64 ;;
    RSA_*) openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:"${1#RSA_}" 2>/dev/null | openssl pkcs8 -topk8 -outform der -nocrypt >"$out" ;;
    ECC_NIST_P256) openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-256 | openssl pkcs8 -topk8 -outform der -nocrypt >"$out" ;;
    ECC_NIST_P384) openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-384 | openssl pkcs8 -topk8 -outform der -nocrypt >"$out" ;;
    ECC_NIST_P521) openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:P-521 | openssl pkcs8 -topk8 -outform der -nocrypt >"$out" ;;
    ECC_SECG_P256K1) openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:secp256k1 | openssl pkcs8 -topk8 -outform der -nocrypt >"$out" ;;
    ECC_NIST_EDWARDS25519) openssl genpkey -algorithm ED25519 | openssl pkcs8 -topk8 -nocrypt -outform DER >"$out" ;;
    SM2) openssl genpkey -algorithm ec -pkeyopt ec_paramgen_curve:sm2 | openssl pkcs8 -topk8 -outform der -nocrypt >"$out" ;;
  esac
}

# AWS's "Encrypt the key material" for each wrapping algorithm.
wrap() { # ALGORITHM DIR -> writes DIR/EncryptedKeyMaterial.bin
  local d=$2
  case "$1" in
    RSAES_OAEP_SHA_1)
      openssl pkeyutl -encrypt -in "$d/PlaintextKeyMaterial.bin" -out "$d/EncryptedKeyMaterial.bin" \
        -inkey "$d/WrappingPublicKey.bin" -keyform DER -pubin -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha1 ;;
    RSAES_OAEP_SHA_256)
      openssl pkeyutl -encrypt -in "$d/PlaintextKeyMaterial.bin" -out "$d/EncryptedKeyMaterial.bin" \
        -inkey "$d/WrappingPublicKey.bin" -keyform DER -pubin -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 \
        -pkeyopt rsa_mgf1_md:sha256 ;;
    RSA_AES_KEY_WRAP_SHA_1|RSA_AES_KEY_WRAP_SHA_256)
      local md=sha256; [ "$1" = RSA_AES_KEY_WRAP_SHA_1 ] && md=sha1
      openssl rand -out "$d/aes-key.bin" 32
      openssl enc -id-aes256-wrap-pad -K "$(xxd -p < "$d/aes-key.bin" | tr -d '\n')" -iv A65959A6 \
        -in "$d/PlaintextKeyMaterial.bin" -out "$d/key-material-wrapped.bin"
      openssl pkeyutl -encrypt -in "$d/aes-key.bin" -out "$d/aes-key-wrapped.bin" -inkey "$d/WrappingPublicKey.bin" \
        -keyform DER -pubin -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:$md -pkeyopt rsa_mgf1_md:$md
      cat "$d/aes-key-wrapped.bin" "$d/key-material-wrapped.bin" >"$d/EncryptedKeyMaterial.bin" ;;
    SM2PKE)
      openssl pkeyutl -encrypt -in "$d/PlaintextKeyMaterial.bin" -out "$d/EncryptedKeyMaterial.bin" \
        -inkey "$d/WrappingPublicKey.bin" -keyform DER -pubin ;;
  esac
}

# The whole documented procedure for one key spec; leaves the key ID in $key and files in $dir.
import_one() { # KEYSPEC USAGE ALGORITHM WRAPPING_KEY_SPEC
  local spec=$1 usage=$2 alg=$3 wspec=$4
  dir="$work/$region-$spec-$usage-$alg-$wspec"; mkdir -p "$dir"
  key=$(kms create-key --origin EXTERNAL --key-spec "$spec" --key-usage "$usage" --query KeyMetadata.KeyId --output text) \
    || { fail "$spec: create-key"; return 1; }
  parameters "$key" "$alg" "$wspec" "$dir" || { fail "$spec $alg $wspec: get-parameters-for-import"; return 1; }
  material "$spec" "$dir"
  wrap "$alg" "$dir" || { fail "$spec $alg: openssl wrapping"; return 1; }
  local got
  got=$(kms import-key-material --key-id "$key" --encrypted-key-material "fileb://$dir/EncryptedKeyMaterial.bin" \
    --import-token "fileb://$dir/ImportToken.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE 2>&1) \
    || { fail "$spec $usage $alg $wspec: import-key-material: $got"; return 1; }
  local state; state=$(kms describe-key --key-id "$key" --query 'KeyMetadata.[KeyState,ExpirationModel]' --output text)
  [ "$state" = $'Enabled\tKEY_MATERIAL_DOES_NOT_EXPIRE' ] && ok "$spec $usage: $alg with $wspec imports, key Enabled" \
    || fail "$spec $usage $alg $wspec: describe-key says '$state'"
}

