#!/usr/bin/env bash
# Issue 8's demonstration with the real AWS CLI v2 and the workspace's credentials file: the administrator
# runs the whole import, the key user is refused GetParametersForImport with AWS's message, KMSAdminRole
# (limited by kms:WrappingAlgorithm) is refused the other algorithms, and `aws cloudtrail lookup-events`
# shows each of those events, signed and authorised like every other request.
#
#   ./mvnw -q -DskipTests package && src/test/cli/aws-cli-access-check.sh
set -u
source "$(dirname "${BASH_SOURCE[0]}")/import-lib.sh"

region=us-east-1; url=$(start us-east-1)
[ -n "$url" ] || { echo "The endpoint did not start"; exit 1; }
echo "Endpoint: $url, credentials: $(credentials)"
cloudtrail() { AWS_SHARED_CREDENTIALS_FILE=$(credentials) "$AWS_CLI" --profile "$profile" --region "$region" \
  --endpoint-url "$url" cloudtrail "$@"; }
account=111122223333

echo "The credentials file"
mode=$(stat -c %a "$(credentials)")
[ "$mode" = 600 ] && ok "credentials file is readable by its owner only (mode $mode)" || fail "credentials mode $mode"
for p in default KMSAdminRole KeyUserRole; do
  grep -q "^\[$p\]" "$(credentials)" && ok "profile [$p] is in the file" || fail "no profile [$p]"
done

echo "The administrator (profile default) runs the whole import"
profile=default
import_one SYMMETRIC_DEFAULT ENCRYPT_DECRYPT RSAES_OAEP_SHA_256 RSA_2048
imported=$key
arn="arn:aws:kms:us-east-1:$account:key/$imported"
got=$(kms encrypt --key-id "$imported" --plaintext fileb://<(printf 'hello') --query KeyId --output text 2>&1)
[ "$got" = "$arn" ] && ok "the administrator encrypts with the imported key" || fail "encrypt: $got"

echo "The key user (profile KeyUserRole) is refused GetParametersForImport"
profile=KeyUserRole
expect_error "key user: get-parameters-for-import refused with AWS's message" AccessDeniedException \
  "User: arn:aws:sts::$account:assumed-role/KeyUserRole/byok-studio is not authorized to perform: kms:GetParametersForImport on resource: $arn because no identity-based policy allows the kms:GetParametersForImport action" -- \
  kms get-parameters-for-import --key-id "$imported" --wrapping-algorithm RSAES_OAEP_SHA_256 --wrapping-key-spec RSA_2048
got=$(kms encrypt --key-id "$imported" --plaintext fileb://<(printf 'hello') --query KeyId --output text 2>&1)
[ "$got" = "$arn" ] && ok "key user: may still use the key (encrypt)" || fail "key user encrypt: $got"

echo "KMSAdminRole, limited by kms:WrappingAlgorithm, is refused the other algorithms"
profile=KMSAdminRole
expect_error "KMSAdminRole: create-key without origin EXTERNAL refused (kms:KeyOrigin)" AccessDeniedException \
  "User: arn:aws:sts::$account:assumed-role/KMSAdminRole/byok-studio is not authorized to perform: kms:CreateKey on resource: * because no identity-based policy allows the kms:CreateKey action" -- \
  kms create-key
role_key=$(kms create-key --origin EXTERNAL --query KeyMetadata.KeyId --output text 2>&1)
[[ "$role_key" =~ ^[0-9a-f-]{36}$ ]] && ok "KMSAdminRole: create-key --origin EXTERNAL allowed" || fail "create-key: $role_key"
role_arn="arn:aws:kms:us-east-1:$account:key/$role_key"
for alg in RSAES_OAEP_SHA_1 RSAES_PKCS1_V1_5 RSA_AES_KEY_WRAP_SHA_1; do
  expect_error "KMSAdminRole: $alg refused" AccessDeniedException \
    "User: arn:aws:sts::$account:assumed-role/KMSAdminRole/byok-studio is not authorized to perform: kms:GetParametersForImport on resource: $role_arn because no identity-based policy allows the kms:GetParametersForImport action" -- \
    kms get-parameters-for-import --key-id "$role_key" --wrapping-algorithm "$alg" --wrapping-key-spec RSA_2048
done
dir="$work/role"; mkdir -p "$dir"
if parameters "$role_key" RSAES_OAEP_SHA_256 RSA_2048 "$dir"; then
  ok "KMSAdminRole: RSAES_OAEP_SHA_256 allowed"
  material SYMMETRIC_DEFAULT "$dir"; wrap RSAES_OAEP_SHA_256 "$dir"
  got=$(kms import-key-material --key-id "$role_key" --encrypted-key-material "fileb://$dir/EncryptedKeyMaterial.bin" \
    --import-token "fileb://$dir/ImportToken.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE 2>&1) \
    && ok "KMSAdminRole: import-key-material allowed" || fail "KMSAdminRole import: $got"
  expect_error "KMSAdminRole: may not use the key it administers (encrypt)" AccessDeniedException \
    "User: arn:aws:sts::$account:assumed-role/KMSAdminRole/byok-studio is not authorized to perform: kms:Encrypt on resource: $role_arn because no identity-based policy allows the kms:Encrypt action" -- \
    kms encrypt --key-id "$role_key" --plaintext fileb://<(printf 'hello')
else
  fail "KMSAdminRole: RSAES_OAEP_SHA_256 refused"
fi

echo "aws cloudtrail lookup-events shows each of those events"
profile=default
# lookup NAME JMESPATH -> what the query prints for the events of that name
lookup() { cloudtrail lookup-events --lookup-attributes "AttributeKey=EventName,AttributeValue=$1" --query "$2" --output text 2>&1; }
expect_lookup() { # DESCRIPTION EXPECTED EVENT QUERY
  local got; got=$(lookup "$3" "$4")
  [[ "$got" == *"$2"* ]] && ok "$1" || fail "$1: got '$got'"
}
expect_lookup "CreateKey by the administrator" "Administrator" CreateKey "Events[].Username"
expect_lookup "ImportKeyMaterial by the administrator, on the key" "$arn" ImportKeyMaterial "Events[].Resources[].ResourceName"
expect_lookup "the key user's refused GetParametersForImport, with its error" "AccessDeniedException" GetParametersForImport \
  "Events[?contains(CloudTrailEvent, 'KeyUserRole')].CloudTrailEvent"
refusals=$(lookup GetParametersForImport "Events[?contains(CloudTrailEvent, 'KMSAdminRole') && contains(CloudTrailEvent, 'AccessDenied')].EventId" | wc -w)
[ "$refusals" = 3 ] && ok "KMSAdminRole's three refused algorithms are each recorded" || fail "KMSAdminRole refusals recorded: $refusals"
expect_lookup "GetParametersForImport is read-only, with no response elements" '"responseElements":null' GetParametersForImport \
  "Events[0].CloudTrailEvent"
secretless=$(cloudtrail lookup-events --query 'Events[].CloudTrailEvent' --output text 2>&1)
token=$(tr -d '\n' <"$work/$region-SYMMETRIC_DEFAULT-ENCRYPT_DECRYPT-RSAES_OAEP_SHA_256-RSA_2048/ImportToken.b64" | head -c 40)
[[ "$secretless" != *"$token"* ]] && ok "no event carries the import token" || fail "an event carries the import token"
page=$(cloudtrail lookup-events --max-results 2 --query 'length(Events)' --output text 2>&1)
[[ "$page" =~ ^[0-9]+$ ]] && [ "$page" -ge 2 ] && ok "the CLI pages through all events (--max-results 2)" || fail "paging: $page"
profile=KeyUserRole
expect_error "the key user may not read the trail (cloudtrail:LookupEvents)" AccessDeniedException \
  "User: arn:aws:sts::$account:assumed-role/KeyUserRole/byok-studio is not authorized to perform: cloudtrail:LookupEvents on resource: * because no identity-based policy allows the cloudtrail:LookupEvents action" -- \
  cloudtrail lookup-events --max-results 1

echo "Signatures"
profile=default
expect_error "an unknown access key is refused" UnrecognizedClientException "The security token included in the request is invalid." -- \
  env AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY \
  "$AWS_CLI" --region us-east-1 --endpoint-url "$url" kms list-keys
admin_id=$(python3 -c 'import configparser,sys; c=configparser.ConfigParser(); c.read(sys.argv[1]); print(c["default"]["aws_access_key_id"])' "$(credentials)")
expect_error "a wrong secret is refused" InvalidSignatureException "The request signature we calculated does not match the signature you provided." -- \
  env AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_ACCESS_KEY_ID="$admin_id" AWS_SECRET_ACCESS_KEY=not-the-secret \
  "$AWS_CLI" --region us-east-1 --endpoint-url "$url" kms list-keys
expect_error "a request signed for another region is refused" InvalidSignatureException "Credential should be scoped to a valid region." -- \
  env AWS_SHARED_CREDENTIALS_FILE="$(credentials)" "$AWS_CLI" --region eu-west-1 --endpoint-url "$url" kms list-keys

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
