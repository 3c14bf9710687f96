#!/usr/bin/env bash
# Imports key material of every key spec into BYOK Studio's endpoint with the real AWS CLI v2 and
# OpenSSL 3, following AWS's documented procedure step by step (create-key --origin EXTERNAL,
# get-parameters-for-import, decode with openssl enc -base64, generate and wrap with openssl,
# import-key-material with fileb://), then checks the failures AWS documents or was observed to give.
# Not part of `./mvnw verify` (CI has no AWS CLI); run after `./mvnw -q -DskipTests package`:
#
#   src/test/cli/aws-cli-import-check.sh
#
# Exit status 0 when every check passed. See docs/aws-cli-check.md.
set -uo pipefail

source "$(dirname "$0")/import-lib.sh"

region=us-east-1; url=$(start us-east-1)
[ -n "$url" ] || { echo "The endpoint did not start"; exit 1; }
echo "us-east-1 endpoint: $url"
for wspec in RSA_2048 RSA_3072 RSA_4096; do
  import_one SYMMETRIC_DEFAULT ENCRYPT_DECRYPT RSAES_OAEP_SHA_256 $wspec
done
import_one SYMMETRIC_DEFAULT ENCRYPT_DECRYPT RSAES_OAEP_SHA_1 RSA_2048
for spec in HMAC_224 HMAC_256 HMAC_384 HMAC_512; do import_one $spec GENERATE_VERIFY_MAC RSAES_OAEP_SHA_256 RSA_4096; done
for spec in RSA_2048 RSA_3072 RSA_4096; do import_one $spec SIGN_VERIFY RSA_AES_KEY_WRAP_SHA_256 RSA_4096; done
import_one RSA_2048 ENCRYPT_DECRYPT RSA_AES_KEY_WRAP_SHA_1 RSA_3072
for spec in ECC_NIST_P256 ECC_NIST_P384 ECC_SECG_P256K1; do import_one $spec SIGN_VERIFY RSAES_OAEP_SHA_256 RSA_2048; done
import_one ECC_NIST_P521 SIGN_VERIFY RSAES_OAEP_SHA_256 RSA_3072
import_one ECC_NIST_P521 KEY_AGREEMENT RSA_AES_KEY_WRAP_SHA_256 RSA_2048
import_one ECC_NIST_P256 KEY_AGREEMENT RSA_AES_KEY_WRAP_SHA_1 RSA_4096
import_one ECC_NIST_EDWARDS25519 SIGN_VERIFY RSAES_OAEP_SHA_256 RSA_3072

echo "Failures, as AWS answers them:"
sym=$(kms create-key --origin EXTERNAL --query KeyMetadata.KeyId --output text)
arn="arn:aws:kms:us-east-1:111122223333:key/$sym"
expect_error "RSA_AES_KEY_WRAP cannot carry symmetric material" ValidationException \
  "Wrapping algorithm RSA_AES_KEY_WRAP_SHA_256 and wrapping key spec RSA_2048 cannot be used to import a SYMMETRIC_DEFAULT key." -- \
  kms get-parameters-for-import --key-id "$sym" --wrapping-algorithm RSA_AES_KEY_WRAP_SHA_256 --wrapping-key-spec RSA_2048
expect_error "RSAES_PKCS1_V1_5 is refused" ValidationException \
  "Wrapping algorithm RSAES_PKCS1_V1_5 and wrapping key spec RSA_2048 cannot be used to import a SYMMETRIC_DEFAULT key." -- \
  kms get-parameters-for-import --key-id "$sym" --wrapping-algorithm RSAES_PKCS1_V1_5 --wrapping-key-spec RSA_2048
rsa=$(kms create-key --origin EXTERNAL --key-spec RSA_4096 --key-usage ENCRYPT_DECRYPT --query KeyMetadata.KeyId --output text)
expect_error "plain OAEP cannot carry an RSA key" ValidationException \
  "Wrapping algorithm RSAES_OAEP_SHA_256 and wrapping key spec RSA_2048 cannot be used to import a RSA_4096 key." -- \
  kms get-parameters-for-import --key-id "$rsa" --wrapping-algorithm RSAES_OAEP_SHA_256 --wrapping-key-spec RSA_2048
p521=$(kms create-key --origin EXTERNAL --key-spec ECC_NIST_P521 --key-usage SIGN_VERIFY --query KeyMetadata.KeyId --output text)
expect_error "P-521 does not fit RSA_2048 OAEP" ValidationException \
  "Wrapping algorithm RSAES_OAEP_SHA_256 and wrapping key spec RSA_2048 cannot be used to import a ECC_NIST_P521 key." -- \
  kms get-parameters-for-import --key-id "$p521" --wrapping-algorithm RSAES_OAEP_SHA_256 --wrapping-key-spec RSA_2048
generated=$(kms create-key --query KeyMetadata.KeyId --output text)
expect_error "an AWS_KMS key takes no imported material" UnsupportedOperationException \
  "arn:aws:kms:us-east-1:111122223333:key/$generated origin is AWS_KMS which is not valid for this operation." -- \
  kms get-parameters-for-import --key-id "$generated" --wrapping-algorithm RSAES_OAEP_SHA_256 --wrapping-key-spec RSA_2048

d="$work/failures"; mkdir -p "$d"
parameters "$sym" RSAES_OAEP_SHA_256 RSA_2048 "$d"
openssl rand -out "$d/PlaintextKeyMaterial.bin" 32
wrap RSAES_OAEP_SHA_256 "$d"
imp() { kms import-key-material --key-id "$1" --encrypted-key-material "fileb://$2" --import-token "fileb://$3" "${@:4}"; }
expect_error "no ValidTo with the default expiration model" ValidationException \
  "A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES" -- imp "$sym" "$d/EncryptedKeyMaterial.bin" "$d/ImportToken.bin"
expect_error "ValidTo in the past" ValidationException "ValidTo must be in the future" -- \
  imp "$sym" "$d/EncryptedKeyMaterial.bin" "$d/ImportToken.bin" --valid-to 2020-01-01T00:00:00Z
expect_error "ValidTo over 365 days ahead" ValidationException "ValidTo must be less than 365 days in the future" -- \
  imp "$sym" "$d/EncryptedKeyMaterial.bin" "$d/ImportToken.bin" --valid-to "$(date -u -d '+400 days' +%Y-%m-%dT%H:%M:%SZ)"
expect_error "ValidTo with KEY_MATERIAL_DOES_NOT_EXPIRE" ValidationException \
  "A validTo date cannot be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE" -- \
  imp "$sym" "$d/EncryptedKeyMaterial.bin" "$d/ImportToken.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE \
  --valid-to "$(date -u -d '+10 days' +%Y-%m-%dT%H:%M:%SZ)"
other=$(kms create-key --origin EXTERNAL --query KeyMetadata.KeyId --output text)
expect_error "a token issued for another key" InvalidImportTokenException "" -- \
  imp "$other" "$d/EncryptedKeyMaterial.bin" "$d/ImportToken.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE
head -c 40 "$d/ImportToken.bin" >"$d/Truncated.bin"
expect_error "a truncated token" InvalidImportTokenException "" -- \
  imp "$sym" "$d/EncryptedKeyMaterial.bin" "$d/Truncated.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE
openssl pkeyutl -encrypt -in "$d/PlaintextKeyMaterial.bin" -out "$d/WrongMgf1.bin" -inkey "$d/WrappingPublicKey.bin" \
  -keyform DER -pubin -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha1
expect_error "OAEP-SHA-256 with the MGF1-SHA-1 default" InvalidCiphertextException "" -- \
  imp "$sym" "$d/WrongMgf1.bin" "$d/ImportToken.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE
openssl rand -out "$d/Short.bin" 16
openssl pkeyutl -encrypt -in "$d/Short.bin" -out "$d/ShortWrapped.bin" -inkey "$d/WrappingPublicKey.bin" -keyform DER -pubin \
  -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256
expect_error "16 bytes of symmetric material outside China" InvalidCiphertextException "" -- \
  imp "$sym" "$d/ShortWrapped.bin" "$d/ImportToken.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE

validto=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)
imp "$sym" "$d/EncryptedKeyMaterial.bin" "$d/ImportToken.bin" --valid-to "$validto" >/dev/null 2>&1
got=$(raw DescribeKey "{\"KeyId\":\"$sym\"}" | member KeyMetadata.CurrentKeyMaterialId)
[[ "$got" =~ ^[0-9a-f]{64}$ ]] && ok "import with ValidTo gives a 64-hex key material ID" || fail "import with ValidTo: $got"
state=$(kms describe-key --key-id "$sym" --query 'KeyMetadata.[KeyState,ExpirationModel]' --output text)
[ "$state" = $'Enabled\tKEY_MATERIAL_EXPIRES' ] && ok "describe-key shows Enabled and KEY_MATERIAL_EXPIRES" || fail "describe-key: $state"
imp "$sym" "$d/EncryptedKeyMaterial.bin" "$d/ImportToken.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE >/dev/null 2>&1
again=$(raw DescribeKey "{\"KeyId\":\"$sym\"}" | member KeyMetadata.CurrentKeyMaterialId)
expiry=$(kms describe-key --key-id "$sym" --query 'KeyMetadata.ExpirationModel' --output text)
[ "$again" = "$got" ] && [ "$expiry" = KEY_MATERIAL_DOES_NOT_EXPIRE ] \
  && ok "the same token and material import again with a new expiry, same key material ID" || fail "reimport: $again $expiry"
d2="$work/different"; mkdir -p "$d2"; parameters "$sym" RSAES_OAEP_SHA_256 RSA_2048 "$d2"
openssl rand -out "$d2/PlaintextKeyMaterial.bin" 32; wrap RSAES_OAEP_SHA_256 "$d2"
expect_error "different material" IncorrectKeyMaterialException "Imported key material does not have the expected identifier ($got)." -- \
  imp "$sym" "$d2/EncryptedKeyMaterial.bin" "$d2/ImportToken.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE
kms disable-key --key-id "$sym"
imp "$sym" "$d/EncryptedKeyMaterial.bin" "$d2/ImportToken.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE >/dev/null 2>&1
[ "$(kms describe-key --key-id "$sym" --query KeyMetadata.KeyState --output text)" = "Enabled" ] \
  && fail "material wrapped for one token imported with another" || ok "material wrapped for another token's key pair is refused"
imp "$sym" "$d/EncryptedKeyMaterial.bin" "$d/ImportToken.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE >/dev/null
[ "$(kms describe-key --key-id "$sym" --query KeyMetadata.KeyState --output text)" = "Enabled" ] \
  && ok "reimport into a Disabled key enables it" || fail "reimport into a Disabled key"
kms delete-imported-key-material --key-id "$sym" && ok "delete-imported-key-material succeeds" || fail "delete-imported-key-material"
again=$(raw DeleteImportedKeyMaterial "{\"KeyId\":\"$sym\"}")
[ "$(echo "$again" | member KeyId)" = "$arn" ] && [ "$(echo "$again" | member KeyMaterialId)" = "$got" ] \
  && ok "deleting again answers the ARN and the material ID" || fail "delete again: $again"
expect_error "enable-key after deletion" KMSInvalidStateException "$arn is pending import." -- kms enable-key --key-id "$sym"
imp "$sym" "$d/EncryptedKeyMaterial.bin" "$d/ImportToken.bin" --valid-to "$validto" >/dev/null
advance 7200
[ "$(kms describe-key --key-id "$sym" --query KeyMetadata.KeyState --output text)" = "PendingImport" ] \
  && ok "material past its ValidTo is deleted when the clock moves" || fail "expiry"
advance 86400
expect_error "a token older than 24 hours" ExpiredImportTokenException "" -- \
  imp "$sym" "$d/EncryptedKeyMaterial.bin" "$d/ImportToken.bin" --expiration-model KEY_MATERIAL_DOES_NOT_EXPIRE

region=cn-north-1; url=$(start cn-north-1)
echo "cn-north-1 endpoint: $url"
import_one SYMMETRIC_DEFAULT ENCRYPT_DECRYPT RSAES_OAEP_SHA_256 RSA_2048
import_one SM2 SIGN_VERIFY SM2PKE SM2
import_one SM2 ENCRYPT_DECRYPT RSAES_OAEP_SHA_256 RSA_3072
import_one ECC_NIST_P256 SIGN_VERIFY SM2PKE SM2
cnrsa=$(kms create-key --origin EXTERNAL --key-spec RSA_2048 --key-usage SIGN_VERIFY --query KeyMetadata.KeyId --output text)
expect_error "no RSA_AES_KEY_WRAP in the China Regions" ValidationException \
  "Wrapping algorithm RSA_AES_KEY_WRAP_SHA_256 and wrapping key spec RSA_2048 cannot be used to import a RSA_2048 key." -- \
  kms get-parameters-for-import --key-id "$cnrsa" --wrapping-algorithm RSA_AES_KEY_WRAP_SHA_256 --wrapping-key-spec RSA_2048
import_one RSA_2048 SIGN_VERIFY SM2PKE SM2

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
