package dev.byokstudio.embedded;

import dev.byokstudio.kms.SecretBytes;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.material.MaterialFormatException;
import dev.byokstudio.material.WrappingKeys;
import dev.byokstudio.store.PooledWrappingKey;
import dev.byokstudio.store.WorkspaceStore;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Wrapping key pairs generated ahead of time, so that GetParametersForImport need not wait for RSA key
 * generation (about a second for RSA_4096). Each pair is handed out once. A spec's stock is built up by
 * one background thread of low priority, only once that spec has been asked for (or {@link #warm}ed),
 * so that an idle application spends no CPU on it. When the stock is empty, {@link #take} generates a
 * pair on the spot.
 */
public final class WrappingKeyPool implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WrappingKeyPool.class.getName());

    private final SecureRandom random;
    private final Map<WrappingKeySpec, Integer> targets;
    private final Map<WrappingKeySpec, Deque<Pooled>> stock = new EnumMap<>(WrappingKeySpec.class);
    private final WorkspaceStore storage;
    private final Set<WrappingKeySpec> active = EnumSet.noneOf(WrappingKeySpec.class);
    private Thread filler;
    private boolean closed;

    /** A pair in stock, with the ID it has in the workspace. */
    private record Pooled(String id, KeyPair pair) {
    }

    /** @param targets how many pairs to keep ready per spec */
    public WrappingKeyPool(SecureRandom random, Map<WrappingKeySpec, Integer> targets) {
        this(random, targets, null);
    }

    /**
     * A pool whose stock is kept in the workspace, so that a restart does not start cold.
     *
     * @param storage where the stock is kept; null for none
     */
    public WrappingKeyPool(SecureRandom random, Map<WrappingKeySpec, Integer> targets, WorkspaceStore storage) {
        this.random = random;
        this.storage = storage;
        this.targets = new EnumMap<>(WrappingKeySpec.class);
        this.targets.putAll(targets);
        for (WrappingKeySpec spec : WrappingKeySpec.values()) {
            stock.put(spec, new ArrayDeque<>());
            this.targets.putIfAbsent(spec, 0);
        }
        if (storage != null) {
            load();
        }
    }

    /** Takes the stock kept in the workspace; a pair that does not read back is dropped. */
    private void load() {
        for (PooledWrappingKey kept : storage.transaction(storage::pooledWrappingKeys)) {
            byte[] pkcs8 = kept.privateKey().revealCopy();
            try {
                KeyPair pair = new KeyPair(WrappingKeys.publicKey(kept.publicKey()), WrappingKeys.privateKey(pkcs8));
                stock.get(kept.spec()).addLast(new Pooled(kept.id(), pair));
            } catch (MaterialFormatException e) {
                LOG.log(System.Logger.Level.WARNING, "dropping an unreadable pooled wrapping key: " + e.getMessage());
                storage.transaction(() -> {
                    storage.removePooledWrappingKey(kept.id());
                    return null;
                });
            } finally {
                java.util.Arrays.fill(pkcs8, (byte) 0);
                kept.privateKey().destroy();
            }
        }
    }

    /** Workspace-wide unique ID of a pooled pair. */
    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    /** Four RSA_4096 and RSA_3072 pairs, eight RSA_2048 and SM2 pairs, kept in {@code storage} (may be null). */
    public static WrappingKeyPool withDefaultTargets(SecureRandom random, WorkspaceStore storage) {
        Map<WrappingKeySpec, Integer> targets = new EnumMap<>(WrappingKeySpec.class);
        targets.put(WrappingKeySpec.RSA_4096, 4);
        targets.put(WrappingKeySpec.RSA_3072, 4);
        targets.put(WrappingKeySpec.RSA_2048, 8);
        targets.put(WrappingKeySpec.SM2, 8);
        return new WrappingKeyPool(random, targets, storage);
    }

    /** A fresh key pair, never handed out before; from stock if there is one, else generated now. */
    public KeyPair take(WrappingKeySpec spec) {
        Pooled ready;
        synchronized (this) {
            activate(spec);
            ready = stock.get(spec).pollFirst();
            notifyAll();
        }
        if (ready == null) {
            return WrappingKeys.generate(spec, random);
        }
        if (storage != null) {
            storage.transaction(() -> {
                storage.removePooledWrappingKey(ready.id());
                return null;
            });
        }
        return ready.pair();
    }

    /** Starts keeping {@code spec} in stock and waits until its stock is full. */
    public synchronized void warm(WrappingKeySpec spec) throws InterruptedException {
        activate(spec);
        notifyAll();
        while (!closed && stock.get(spec).size() < targets.get(spec)) {
            wait();
        }
    }

    /** How many pairs of {@code spec} are ready now. */
    public synchronized int ready(WrappingKeySpec spec) {
        return stock.get(spec).size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
        if (filler != null) {
            filler.interrupt();
        }
    }

    private void activate(WrappingKeySpec spec) {
        if (closed || targets.get(spec) == 0) {
            return;
        }
        active.add(spec);
        if (filler == null) {
            filler = new Thread(this::fill, "wrapping-key-pool");
            filler.setDaemon(true);
            filler.setPriority(Thread.MIN_PRIORITY);
            filler.start();
        }
    }

    private void fill() {
        while (true) {
            WrappingKeySpec next;
            synchronized (this) {
                next = neediest();
                while (!closed && next == null) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                    next = neediest();
                }
                if (closed) {
                    return;
                }
            }
            KeyPair pair;
            try {
                pair = WrappingKeys.generate(next, random);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot generate a " + next + " wrapping key pair", e);
                return;
            }
            Pooled pooled = new Pooled(newId(), pair);
            WrappingKeySpec spec = next;
            if (storage != null) {
                try {
                    storage.transaction(() -> {
                        storage.addPooledWrappingKey(new PooledWrappingKey(pooled.id(), spec,
                                SecretBytes.wrap(pair.getPrivate().getEncoded()),
                                WrappingKeys.subjectPublicKeyInfo(pair.getPublic())));
                        return null;
                    });
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot keep a pooled wrapping key in the workspace: " + e.getMessage());
                }
            }
            synchronized (this) {
                stock.get(spec).addLast(pooled);
                notifyAll();
            }
        }
    }

    /** The active spec furthest below its target, relative to the target; null when all are full. */
    private WrappingKeySpec neediest() {
        WrappingKeySpec best = null;
        double bestFill = 1.0;
        for (WrappingKeySpec spec : active) {
            double fill = (double) stock.get(spec).size() / targets.get(spec);
            if (fill < bestFill) {
                best = spec;
                bestFill = fill;
            }
        }
        return best;
    }
}
