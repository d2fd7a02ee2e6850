package cascade.engine.random;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Seeded, counter-based random streams. Row {@code i} of stream (seed, stream) is drawn from its
 * own generator seeded by SplitMix64-mixing (seed, stream, i), so a sample is the same whatever the
 * batch size, thread or worker that generates it: nested sweeps and paired comparisons follow.
 * Non-sample randomness (teacher weights, random features) comes from {@link #provider} with a
 * named purpose, so adding a consumer never shifts another consumer's numbers.
 */
public final class Streams {

    private Streams() {
    }

    /** A generator for (seed, purpose); the purpose is hashed with 64-bit FNV-1a (stable across JVMs). */
    public static UniformRandomProvider provider(long seed, String purpose) {
        long h = fnv1a(purpose);
        return new XoRoShiRo128PlusPlus(mix(seed ^ mix(h)), mix(mix(seed) + h));
    }

    /** Stream id for a named stream ("train", "test", ...). */
    public static long stream(String name) {
        return fnv1a(name);
    }

    /**
     * Fills out (rows x cols, row-major) with standard normals: row r is global row firstRow + r of
     * stream (seed, stream).
     */
    public static void normals(long seed, long stream, long firstRow, int rows, int cols, double[] out) {
        for (int r = 0; r < rows; r++) {
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rowGenerator(seed, stream, firstRow + r));
            int off = r * cols;
            for (int c = 0; c < cols; c++) {
                out[off + c] = g.sample();
            }
        }
    }

    /** Standard normals from a generator, n of them. */
    public static double[] normals(UniformRandomProvider rng, int n) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = g.sample();
        }
        return out;
    }

    /** The generator of one row; also used for per-row extras such as label noise. */
    public static UniformRandomProvider rowGenerator(long seed, long stream, long row) {
        long a = mix(seed + 0x9E3779B97F4A7C15L * (stream + 1));
        long b = mix(a ^ (row * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL));
        return new XoRoShiRo128PlusPlus(b, mix(b + 0x9E3779B97F4A7C15L));
    }

    /** SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
