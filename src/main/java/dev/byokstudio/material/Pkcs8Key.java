package dev.byokstudio.material;

import java.util.Arrays;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The parts of a PKCS#8 PrivateKeyInfo (RFC 5208), or OneAsymmetricKey (RFC 5958), that the rules use.
 *
 * @param version 0 (v1) or 1 (v2)
 * @param algorithm the private key algorithm's OID
 * @param parameters the algorithm parameters, or null when absent
 * @param privateKey the privateKey OCTET STRING's content: secret; the caller clears it when done
 * @param publicKey the v2 publicKey, or null when absent
 * @param encoding "DER" or a description of the BER encoding used
 */
record Pkcs8Key(int version, ASN1ObjectIdentifier algorithm, ASN1Encodable parameters, byte[] privateKey,
        ASN1BitString publicKey, String encoding) {

    /** Overwrites the private key octets (Bouncy Castle's parsed copy of them) with zeros. */
    void clear() {
        Arrays.fill(privateKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "Pkcs8Key[" + algorithm.getId() + ", " + privateKey.length + "-byte private key]";
    }
}
