#!/usr/bin/env bash
# Drives BYOK Studio's endpoint with the real AWS CLI v2, as AWS's documentation uses it, and checks
# each answer, failures included. Not part of `./mvnw verify` (CI machines have no AWS CLI); run it by
# hand after `./mvnw -q -DskipTests package`:
#
#   src/test/cli/aws-cli-check.sh            # uses /usr/bin/aws (Debian's awscli, v2)
#   AWS_CLI=/path/to/aws src/test/cli/aws-cli-check.sh
#
# Exit status 0 when every check passed. See docs/aws-cli-check.md.
set -uo pipefail

cd "$(dirname "$0")/../../.."
AWS_CLI=${AWS_CLI:-/usr/bin/aws}
JAR=target/byok-studio.jar
[ -x "$AWS_CLI" ] || { echo "No AWS CLI at $AWS_CLI (apt-get install awscli, or set AWS_CLI)"; exit 2; }
[ -f "$JAR" ] || { echo "No $JAR: run ./mvnw -q -DskipTests package first"; exit 2; }
"$AWS_CLI" --version 2>&1 | grep -q '^aws-cli/2' || { echo "$AWS_CLI is not the AWS CLI v2"; exit 2; }

# Requests are signed with the workspace's own administrator key, from the credentials file it writes.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE
export AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_PAGER=""
ws="$(mktemp -d)/ws"
export AWS_SHARED_CREDENTIALS_FILE="$ws/credentials"

log=$(mktemp)
java -jar "$JAR" --serve --port 0 --workspace "$ws" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  grep -q '^Listening on ' "$log" && break
  sleep 0.1
done
url=$(sed -n 's/^Listening on //p' "$log")
[ -n "$url" ] || { echo "The endpoint did not start:"; cat "$log"; exit 1; }
echo "Endpoint: $url"

kms() { "$AWS_CLI" --endpoint-url "$url" kms "$@"; }
passed=0; failed=0
ok()   { passed=$((passed + 1)); echo "  ok    $*"; }
fail() { failed=$((failed + 1)); echo "  FAIL  $*"; }

# expect_value DESCRIPTION EXPECTED -- command...
expect_value() {
  local what=$1 expected=$2; shift 3
  local got; got=$("$@" 2>&1)
  [ "$got" = "$expected" ] && ok "$what" || fail "$what: expected '$expected', got '$got'"
}
# expect_error DESCRIPTION CODE MESSAGE -- command...   (MESSAGE is matched exactly)
expect_error() {
  local what=$1 code=$2 message=$3; shift 4
  local got; got=$("$@" 2>&1); local rc=$?
  local want="An error occurred ($code) when calling the "
  if [ $rc -ne 0 ] && [[ "$got" == *"$want"*" operation: $message" ]]; then ok "$what"; else fail "$what: got rc=$rc '$got'"; fi
}

key=$(kms create-key --origin EXTERNAL --description "BYOK rehearsal" --query KeyMetadata.KeyId --output text)
arn="arn:aws:kms:us-east-1:111122223333:key/$key"
expect_value "create-key --origin EXTERNAL starts PendingImport, disabled" $'PendingImport\tFalse\tEXTERNAL' -- \
  kms describe-key --key-id "$key" --query 'KeyMetadata.[KeyState,Enabled,Origin]' --output text
expect_value "describe-key by key ARN" "$key" -- kms describe-key --key-id "$arn" --query KeyMetadata.KeyId --output text
expect_value "list-keys lists it" "$key" -- kms list-keys --query "Keys[?KeyId=='$key'].KeyId" --output text
expect_value "create-alias succeeds silently" "" -- kms create-alias --alias-name alias/byok-demo --target-key-id "$key"
expect_value "list-aliases shows the alias" "$key" -- kms list-aliases --query "Aliases[?AliasName=='alias/byok-demo'].TargetKeyId" --output text
expect_value "describe-key by alias name" "$key" -- kms describe-key --key-id alias/byok-demo --query KeyMetadata.KeyId --output text
expect_error "create-alias twice" AlreadyExistsException "An alias with the name arn:aws:kms:us-east-1:111122223333:alias/byok-demo already exists" -- \
  kms create-alias --alias-name alias/byok-demo --target-key-id "$key"
expect_error "create-alias without alias/" ValidationException 'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html' -- \
  kms create-alias --alias-name byok-demo --target-key-id "$key"
expect_error "enable-key on a key pending import" KMSInvalidStateException "$arn is pending import." -- kms enable-key --key-id "$key"
expect_error "disable-key on a key pending import" KMSInvalidStateException "$arn is pending import." -- kms disable-key --key-id "$key"
expect_error "enable-key refuses an alias" NotFoundException "Invalid keyId 'alias/byok-demo'" -- kms enable-key --key-id alias/byok-demo
expect_error "schedule-key-deletion with 5 days" ValidationException \
  "1 validation error detected: Value '5' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value greater than or equal to 7" -- \
  kms schedule-key-deletion --key-id "$key" --pending-window-in-days 5
expect_value "schedule-key-deletion answers with the ARN and PendingDeletion" $'7\t'"$arn"$'\tPendingDeletion' -- \
  kms schedule-key-deletion --key-id "$key" --pending-window-in-days 7 --query '[PendingWindowInDays,KeyId,KeyState]' --output text
expect_error "schedule-key-deletion twice" KMSInvalidStateException "$arn is pending deletion." -- kms schedule-key-deletion --key-id "$key"
expect_value "cancel-key-deletion answers with the ARN" "$arn" -- kms cancel-key-deletion --key-id "$key" --query KeyId --output text
expect_value "a key without material comes back PendingImport" "PendingImport" -- kms describe-key --key-id "$key" --query KeyMetadata.KeyState --output text
expect_error "cancel-key-deletion when none is scheduled" KMSInvalidStateException "$arn is not pending deletion." -- kms cancel-key-deletion --key-id "$key"

generated=$(kms create-key --query KeyMetadata.KeyId --output text)
expect_value "create-key (AWS_KMS) is Enabled" "Enabled" -- kms describe-key --key-id "$generated" --query KeyMetadata.KeyState --output text
expect_value "disable-key" "" -- kms disable-key --key-id "$generated"
expect_value "disabled" $'Disabled\tFalse' -- kms describe-key --key-id "$generated" --query 'KeyMetadata.[KeyState,Enabled]' --output text
expect_value "enable-key" "" -- kms enable-key --key-id "$generated"
expect_value "enabled" $'Enabled\tTrue' -- kms describe-key --key-id "$generated" --query 'KeyMetadata.[KeyState,Enabled]' --output text
kms schedule-key-deletion --key-id "$generated" --pending-window-in-days 7 >/dev/null
expect_value "cancel-key-deletion of a key with material leaves it Disabled" "Disabled" -- \
  sh -c "'$AWS_CLI' --endpoint-url '$url' kms cancel-key-deletion --key-id '$generated' >/dev/null && '$AWS_CLI' --endpoint-url '$url' kms describe-key --key-id '$generated' --query KeyMetadata.KeyState --output text"

missing=11111111-2222-3333-4444-555555555555
expect_error "describe-key of a key that does not exist" NotFoundException \
  "Key 'arn:aws:kms:us-east-1:111122223333:key/$missing' does not exist" -- kms describe-key --key-id "$missing"
expect_error "describe-key of a malformed key ID" NotFoundException "Invalid keyId 'not-a-key'" -- kms describe-key --key-id not-a-key
expect_error "describe-key of an unknown alias" NotFoundException "Alias arn:aws:kms:us-east-1:111122223333:alias/nope is not found." -- \
  kms describe-key --key-id alias/nope
expect_error "create-key HMAC_256 without key usage" ValidationException \
  "You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys." -- kms create-key --key-spec HMAC_256
expect_error "create-key with an incompatible usage" ValidationException "KeyUsage SIGN_VERIFY is not compatible with KeySpec SYMMETRIC_DEFAULT" -- \
  kms create-key --key-usage SIGN_VERIFY
expect_error "create-key ML_DSA_65 with origin EXTERNAL" ValidationException "KeySpec ML_DSA_65 is not supported for Origin EXTERNAL" -- \
  kms create-key --origin EXTERNAL --key-spec ML_DSA_65 --key-usage SIGN_VERIFY

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
