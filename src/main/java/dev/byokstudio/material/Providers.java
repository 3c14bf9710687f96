package dev.byokstudio.material;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** The Bouncy Castle provider, used by instance so nothing depends on global provider registration. */
public final class Providers {

    private static final Provider BC = new BouncyCastleProvider();

    private Providers() {
    }

    public static Provider bouncyCastle() {
        return BC;
    }
}
