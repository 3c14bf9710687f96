package dev.byokstudio.bench;

import dev.byokstudio.embedded.AccountContext;
import dev.byokstudio.embedded.EmbeddedKms;
import dev.byokstudio.embedded.SimulatedClock;
import dev.byokstudio.embedded.WrappingKeyPool;
import dev.byokstudio.kms.CreateKeyRequest;
import dev.byokstudio.kms.GetParametersForImportRequest;
import dev.byokstudio.kms.GetParametersForImportResponse;
import dev.byokstudio.kms.Origin;
import dev.byokstudio.kms.WrappingAlgorithm;
import dev.byokstudio.kms.WrappingKeySpec;
import dev.byokstudio.store.InMemoryWorkspaceStore;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a person waits for GetParametersForImport. Each call hands out a fresh wrapping key pair,
 * so one call is one measurement (single shot); before each, the pool is given the time it has in real
 * use — between two imports — to refill. {@code poolSize = 0} is the same call without a pool: the
 * wrapping key pair is generated while the caller waits. Target: median under 5 ms for RSA_4096 with
 * the pool warm (docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 25)
@Fork(1)
public class GetParametersForImportBenchmark {

    @Param({"RSA_2048", "RSA_3072", "RSA_4096"})
    public WrappingKeySpec wrappingKeySpec;

    @Param({"4", "0"})
    public int poolSize;

    private WrappingKeyPool pool;
    private EmbeddedKms kms;
    private GetParametersForImportRequest request;

    @Setup(Level.Trial)
    public void createKey() {
        SecureRandom random = new SecureRandom();
        pool = new WrappingKeyPool(random, Map.of(wrappingKeySpec, poolSize));
        kms = new EmbeddedKms(new InMemoryWorkspaceStore(), AccountContext.defaults(), SimulatedClock.systemUtc(),
                random, pool);
        String keyId = kms.createKey(CreateKeyRequest.builder().origin(Origin.EXTERNAL).build()).keyMetadata().keyId();
        request = new GetParametersForImportRequest(keyId, WrappingAlgorithm.RSAES_OAEP_SHA_256, wrappingKeySpec);
    }

    @Setup(Level.Iteration)
    public void refillPool() throws InterruptedException {
        pool.warm(wrappingKeySpec);
    }

    @TearDown(Level.Trial)
    public void closePool() {
        pool.close();
    }

    @Benchmark
    public GetParametersForImportResponse getParametersForImport() {
        return kms.getParametersForImport(request);
    }
}
