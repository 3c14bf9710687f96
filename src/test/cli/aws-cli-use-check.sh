#!/usr/bin/env bash
# Uses imported keys with the real AWS CLI v2 and checks every result independently with OpenSSL 3, as
# AWS's documentation does offline: key material made by OpenSSL is imported step by step (as in
# aws-cli-import-check.sh), then encrypt/decrypt, sign/verify, generate-mac/verify-mac, get-public-key
# and generate-data-key-pair run through the CLI, and OpenSSL verifies the signatures, recomputes the
# MACs, derives the public keys, and encrypts and decrypts with the key pairs. Then the failures.
# Not part of `./mvnw verify` (CI has no AWS CLI); run after `./mvnw -q -DskipTests package`:
#
#   src/test/cli/aws-cli-use-check.sh
#
# Debian's AWS CLI 2.9.19 predates derive-shared-secret (2024); DeriveSharedSecret is checked against
# `openssl pkeyutl -derive` by the SDK tests (OpenSslCryptoEndToEndTest). Exit status 0 when every
# check passed. See docs/aws-cli-check.md.
set -uo pipefail

source "$(dirname "$0")/import-lib.sh"

# same DESCRIPTION FILE1 FILE2
same() { [ -s "$2" ] && cmp -s "$2" "$3" && ok "$1" || fail "$1: '$(xxd -p "$2" 2>&1 | head -c 64)' vs '$(xxd -p "$3" 2>&1 | head -c 64)'"; }
b64() { openssl enc -d -base64 -A; }

# The public key from get-public-key equals the one OpenSSL derives from the imported private key.
public_key() { # DIR
  kms get-public-key --key-id "$key" --output text --query PublicKey | b64 >"$1/public_key.der"
  openssl pkey -inform DER -in "$1/PlaintextKeyMaterial.bin" -pubout -outform DER -out "$1/openssl_public_key.der"
  same "$2: get-public-key equals openssl pkey -pubout of the imported key" "$1/public_key.der" "$1/openssl_public_key.der"
}

# sign with the CLI, verify with OpenSSL; and verify with the CLI.
sign_check() { # DIR ALGORITHM MESSAGE_TYPE OPENSSL_VERIFY_COMMAND...
  local d=$1 alg=$2 type=$3; shift 3
  local m="$d/message.bin"; [ "$type" = DIGEST ] && m="$d/digest.bin"
  kms sign --key-id "$key" --message "fileb://$m" --message-type "$type" --signing-algorithm "$alg" \
    --output text --query Signature | b64 >"$d/$alg-$type.sig" || { fail "$alg $type: sign"; return; }
  if "$@" -signature "$d/$alg-$type.sig" "$d/message.bin" >/dev/null 2>&1 \
     || "$@" -sigfile "$d/$alg-$type.sig" -in "$d/message.bin" >/dev/null 2>&1; then
    ok "$alg $type: the signature verifies with OpenSSL"
  else fail "$alg $type: OpenSSL does not verify the signature"; fi
  local valid; valid=$(kms verify --key-id "$key" --message "fileb://$d/message.bin" --message-type RAW \
    --signature "fileb://$d/$alg-$type.sig" --signing-algorithm "$alg" --output text --query SignatureValid 2>&1)
  [ "$valid" = True ] && ok "$alg $type: verify over the message says SignatureValid" || fail "$alg $type: verify says $valid"
}

region=us-east-1; url=$(start us-east-1)
[ -n "$url" ] || { echo "The endpoint did not start"; exit 1; }
echo "us-east-1 endpoint: $url"

echo "Symmetric encryption key:"
import_one SYMMETRIC_DEFAULT ENCRYPT_DECRYPT RSAES_OAEP_SHA_256 RSA_2048; sym=$key; d=$dir
printf 'the quick brown fox' >"$d/plaintext.txt"
kms encrypt --key-id "$sym" --plaintext "fileb://$d/plaintext.txt" --encryption-context purpose=rehearsal \
  --output text --query CiphertextBlob | b64 >"$d/ciphertext.bin"
kms decrypt --ciphertext-blob "fileb://$d/ciphertext.bin" --encryption-context purpose=rehearsal \
  --output text --query Plaintext | b64 >"$d/decrypted.txt"
same "encrypt, then decrypt without --key-id, gives the plaintext back" "$d/plaintext.txt" "$d/decrypted.txt"
expect_error "decrypt with another encryption context" InvalidCiphertextException "" -- \
  kms decrypt --ciphertext-blob "fileb://$d/ciphertext.bin" --encryption-context purpose=production
kms generate-data-key-pair --key-id "$sym" --key-pair-spec ECC_NIST_P256 --encryption-context purpose=rehearsal \
  --query '[PrivateKeyPlaintext,PublicKey,PrivateKeyCiphertextBlob]' --output text >"$d/pair.txt"
cut -f1 "$d/pair.txt" | b64 >"$d/pair_private.der"; cut -f2 "$d/pair.txt" | b64 >"$d/pair_public.der"
cut -f3 "$d/pair.txt" | b64 >"$d/pair_private.enc"
openssl pkey -inform DER -in "$d/pair_private.der" -pubout -outform DER -out "$d/pair_derived.der"
same "generate-data-key-pair: PublicKey is the public key of PrivateKeyPlaintext" "$d/pair_public.der" "$d/pair_derived.der"
kms decrypt --ciphertext-blob "fileb://$d/pair_private.enc" --encryption-context purpose=rehearsal \
  --output text --query Plaintext | b64 >"$d/pair_private_decrypted.der"
same "decrypting PrivateKeyCiphertextBlob gives PrivateKeyPlaintext" "$d/pair_private.der" "$d/pair_private_decrypted.der"

echo "HMAC keys:"
for spec in HMAC_224 HMAC_256 HMAC_384 HMAC_512; do
  import_one $spec GENERATE_VERIFY_MAC RSAES_OAEP_SHA_256 RSA_2048; d=$dir
  bits=${spec#HMAC_}; printf 'message to authenticate' >"$d/message.bin"
  kms generate-mac --key-id "$key" --message "fileb://$d/message.bin" --mac-algorithm "HMAC_SHA_$bits" \
    --output text --query Mac | b64 >"$d/mac.bin"
  openssl dgst -sha"$bits" -mac HMAC -macopt hexkey:"$(xxd -p "$d/PlaintextKeyMaterial.bin" | tr -d '\n')" -binary \
    -out "$d/openssl_mac.bin" "$d/message.bin"
  same "$spec: generate-mac equals openssl dgst -mac HMAC over the imported bytes" "$d/mac.bin" "$d/openssl_mac.bin"
  valid=$(kms verify-mac --key-id "$key" --message "fileb://$d/message.bin" --mac-algorithm "HMAC_SHA_$bits" \
    --mac "fileb://$d/openssl_mac.bin" --output text --query MacValid)
  [ "$valid" = True ] && ok "$spec: verify-mac accepts OpenSSL's MAC" || fail "$spec: verify-mac says $valid"
done
printf 'message to authenticatf' >"$d/changed.bin"
expect_error "verify-mac of a changed message" KMSInvalidMacException "" -- \
  kms verify-mac --key-id "$key" --message "fileb://$d/changed.bin" --mac-algorithm HMAC_SHA_512 --mac "fileb://$d/mac.bin"
expect_error "an HMAC algorithm of another size" InvalidKeyUsageException \
  "Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_512." -- \
  kms generate-mac --key-id "$key" --message "fileb://$d/message.bin" --mac-algorithm HMAC_SHA_256

echo "Signing keys:"
for bits in 2048 3072; do
  import_one RSA_$bits SIGN_VERIFY RSA_AES_KEY_WRAP_SHA_256 RSA_4096; d=$dir
  public_key "$d" RSA_$bits
  printf 'a document to sign' >"$d/message.bin"
  for h in 256 384 512; do
    openssl dgst -sha$h -binary -out "$d/digest.bin" "$d/message.bin"
    for type in RAW DIGEST; do
      sign_check "$d" RSASSA_PKCS1_V1_5_SHA_$h $type openssl dgst -sha$h -verify "$d/public_key.der" -keyform DER
      sign_check "$d" RSASSA_PSS_SHA_$h $type openssl dgst -sha$h -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest \
        -verify "$d/public_key.der" -keyform DER
    done
  done
done
for spec in ECC_NIST_P256:256 ECC_NIST_P384:384 ECC_NIST_P521:512 ECC_SECG_P256K1:256; do
  s=${spec%:*}; h=${spec#*:}
  import_one "$s" SIGN_VERIFY RSA_AES_KEY_WRAP_SHA_256 RSA_2048; d=$dir
  public_key "$d" "$s"
  printf 'a document to sign' >"$d/message.bin"; openssl dgst -sha$h -binary -out "$d/digest.bin" "$d/message.bin"
  for type in RAW DIGEST; do sign_check "$d" ECDSA_SHA_$h $type openssl dgst -sha$h -verify "$d/public_key.der" -keyform DER; done
done
import_one ECC_NIST_EDWARDS25519 SIGN_VERIFY RSAES_OAEP_SHA_256 RSA_3072; d=$dir
public_key "$d" ECC_NIST_EDWARDS25519
printf 'a document to sign' >"$d/message.bin"
sign_check "$d" ED25519_SHA_512 RAW openssl pkeyutl -verify -pubin -inkey "$d/public_key.der" -keyform DER -rawin
ed=$key; edd=$d
openssl dgst -sha256 -binary -out "$d/short.bin" "$d/message.bin"
expect_error "ED25519_SHA_512 takes the message, not a digest" ValidationException \
  "Message type DIGEST is incompatible with algorithm ED25519_SHA_512." -- \
  kms sign --key-id "$ed" --message "fileb://$d/short.bin" --message-type DIGEST --signing-algorithm ED25519_SHA_512
d=$work/$region-ECC_NIST_P256-SIGN_VERIFY-RSA_AES_KEY_WRAP_SHA_256-RSA_2048
p256=$(kms list-keys --query 'Keys[].KeyId' --output text | tr '\t' '\n' | while read -r k; do
  [ "$(kms describe-key --key-id "$k" --query 'KeyMetadata.[KeySpec,KeyUsage]' --output text)" = $'ECC_NIST_P256\tSIGN_VERIFY' ] \
    && echo "$k"; done | head -1)
parn="arn:aws:kms:us-east-1:111122223333:key/$p256"
expect_error "a digest of the wrong length" ValidationException "Digest is invalid length for algorithm ECDSA_SHA_256." -- \
  kms sign --key-id "$p256" --message "fileb://$edd/message.bin" --message-type DIGEST --signing-algorithm ECDSA_SHA_256
expect_error "an algorithm of another key spec" InvalidKeyUsageException \
  "Algorithm RSASSA_PSS_SHA_256 is incompatible with key spec ECC_NIST_P256." -- \
  kms sign --key-id "$p256" --message "fileb://$d/message.bin" --signing-algorithm RSASSA_PSS_SHA_256
printf 'a document to sigm' >"$d/changed.bin"
expect_error "verify of a changed message" KMSInvalidSignatureException "" -- \
  kms verify --key-id "$p256" --message "fileb://$d/changed.bin" --signature "fileb://$d/ECDSA_SHA_256-RAW.sig" \
  --signing-algorithm ECDSA_SHA_256
expect_error "sign with an encryption key" InvalidKeyUsageException \
  "arn:aws:kms:us-east-1:111122223333:key/$sym key usage is ENCRYPT_DECRYPT which is not valid for Sign." -- \
  kms sign --key-id "$sym" --message "fileb://$d/message.bin" --signing-algorithm ECDSA_SHA_256
expect_error "get-public-key of a symmetric key" UnsupportedOperationException \
  "arn:aws:kms:us-east-1:111122223333:key/$sym key spec SYMMETRIC_DEFAULT is not valid for GetPublicKey." -- \
  kms get-public-key --key-id "$sym"
kms disable-key --key-id "$p256"
expect_error "sign with a disabled key" DisabledException "$parn is disabled." -- \
  kms sign --key-id "$p256" --message "fileb://$d/message.bin" --signing-algorithm ECDSA_SHA_256
kms delete-imported-key-material --key-id "$p256"
expect_error "sign after the material was deleted" KMSInvalidStateException "$parn is pending import." -- \
  kms sign --key-id "$p256" --message "fileb://$d/message.bin" --signing-algorithm ECDSA_SHA_256

echo "RSA encryption key:"
import_one RSA_2048 ENCRYPT_DECRYPT RSA_AES_KEY_WRAP_SHA_1 RSA_3072; d=$dir
public_key "$d" RSA_2048
printf 'a secret for the key holder' >"$d/plaintext.txt"
for md in sha1 sha256; do
  alg=RSAES_OAEP_SHA_1; [ $md = sha256 ] && alg=RSAES_OAEP_SHA_256
  openssl pkeyutl -encrypt -pubin -inkey "$d/public_key.der" -keyform DER -in "$d/plaintext.txt" -out "$d/openssl-$md.enc" \
    -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:$md -pkeyopt rsa_mgf1_md:$md
  kms decrypt --key-id "$key" --ciphertext-blob "fileb://$d/openssl-$md.enc" --encryption-algorithm $alg \
    --output text --query Plaintext | b64 >"$d/decrypted-$md.txt"
  same "$alg: what OpenSSL encrypts to the public key, decrypt returns" "$d/plaintext.txt" "$d/decrypted-$md.txt"
  kms encrypt --key-id "$key" --plaintext "fileb://$d/plaintext.txt" --encryption-algorithm $alg \
    --output text --query CiphertextBlob | b64 >"$d/kms-$md.enc"
  openssl pkeyutl -decrypt -inkey "$d/PlaintextKeyMaterial.bin" -keyform DER -in "$d/kms-$md.enc" -out "$d/openssl-$md.txt" \
    -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:$md -pkeyopt rsa_mgf1_md:$md
  same "$alg: what encrypt returns, OpenSSL decrypts with the imported private key" "$d/plaintext.txt" "$d/openssl-$md.txt"
done
head -c 191 /dev/zero >"$d/too-long.bin"
expect_error "RSA_2048 with OAEP SHA-256 holds at most 190 bytes" ValidationException \
  "Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes." -- \
  kms encrypt --key-id "$key" --plaintext "fileb://$d/too-long.bin" --encryption-algorithm RSAES_OAEP_SHA_256

region=cn-north-1; url=$(start cn-north-1)
echo "cn-north-1 endpoint: $url"
if openssl list -public-key-algorithms 2>/dev/null | grep -q SM2; then
  import_one SYMMETRIC_DEFAULT ENCRYPT_DECRYPT RSAES_OAEP_SHA_256 RSA_2048; d=$dir
  printf 'sm4 under the hood' >"$d/plaintext.txt"
  kms encrypt --key-id "$key" --plaintext "fileb://$d/plaintext.txt" --output text --query CiphertextBlob | b64 >"$d/ct.bin"
  kms decrypt --ciphertext-blob "fileb://$d/ct.bin" --output text --query Plaintext | b64 >"$d/pt.txt"
  same "SM4 material (16 bytes): encrypt and decrypt" "$d/plaintext.txt" "$d/pt.txt"
  import_one SM2 SIGN_VERIFY SM2PKE SM2; d=$dir
  public_key "$d" SM2
  printf 'a document to sign' >"$d/message.bin"
  sign_check "$d" SM2DSA RAW openssl pkeyutl -verify -pubin -inkey "$d/public_key.der" -keyform DER -rawin -digest sm3 \
    -pkeyopt distid:1234567812345678
  import_one SM2 ENCRYPT_DECRYPT RSAES_OAEP_SHA_256 RSA_3072; d=$dir
  public_key "$d" "SM2 ENCRYPT_DECRYPT"
  printf 'a secret for the key holder' >"$d/plaintext.txt"
  openssl pkeyutl -encrypt -pubin -inkey "$d/public_key.der" -keyform DER -in "$d/plaintext.txt" -out "$d/sm2.enc"
  kms decrypt --key-id "$key" --ciphertext-blob "fileb://$d/sm2.enc" --encryption-algorithm SM2PKE \
    --output text --query Plaintext | b64 >"$d/sm2.txt"
  same "SM2PKE: what OpenSSL encrypts to the public key, decrypt returns" "$d/plaintext.txt" "$d/sm2.txt"
else
  echo "  skip  SM2 and SM4: this OpenSSL has no SM2"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
