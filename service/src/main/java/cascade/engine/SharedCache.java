package cascade.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * A process-wide cache of values that are expensive to compute and shared between runs: bounded by
 * a byte budget (least recently used out first), single-flight (a value is computed once while other
 * callers wait for it). Each entry has a size, how much of the key's value it holds (rows of a
 * sample, say); a request is served by an entry of at least its size and otherwise recomputes and
 * replaces it. A value over the whole budget is computed but not kept. If the caller computing a
 * value fails or is cancelled, a caller waiting for it computes it itself, uncached: values depend
 * only on their key, so every path gives the same numbers.
 */
final class SharedCache<K, V> {

    private record Entry<V>(long size, long bytes, CompletableFuture<V> value) {
    }

    private final long budget;
    private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long used;
    private long hits;
    private long misses;

    SharedCache(long budgetBytes) {
        this.budget = budgetBytes;
    }

    /** The value for key of at least {@code size}, computing it (bytes when kept) if needed. */
    V get(K key, long size, long bytes, Supplier<V> compute) {
        return await(start(key, size, bytes, compute), compute);
    }

    /**
     * Without waiting for other callers: computes the value here when no one holds or computes it
     * (and returns it completed), else returns the pending or cached value of whoever does. Lets a
     * caller that needs several values compute the free ones first and wait for the rest last.
     */
    CompletableFuture<V> start(K key, long size, long bytes, Supplier<V> compute) {
        Entry<V> entry;
        synchronized (this) {
            entry = entries.get(key);
            if (entry != null && entry.size() >= size) {
                hits++;
                return entry.value();
            }
            misses++;
            if (entry != null) {
                remove(key);
            }
            if (bytes > budget) {
                entry = null;
            } else {
                entry = new Entry<>(size, bytes, new CompletableFuture<>());
                entries.put(key, entry);
                used += bytes;
                evictOver(key);
            }
        }
        if (entry == null) {
            return CompletableFuture.completedFuture(compute.get());
        }
        try {
            entry.value().complete(compute.get());
            return entry.value();
        } catch (RuntimeException | Error e) {
            entry.value().completeExceptionally(e);
            synchronized (this) {
                if (entries.get(key) == entry) {
                    remove(key);
                }
            }
            throw e;
        }
    }

    /** The value of f, or computed here (uncached) when whoever computed f failed or was cancelled. */
    static <V> V await(CompletableFuture<V> f, Supplier<V> compute) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunCancelledException("interrupted while waiting for a shared value");
        } catch (ExecutionException e) {
            return compute.get();
        }
    }

    /** Hits and misses so far, for logs and tests. */
    synchronized String stats() {
        return "hits=" + hits + " misses=" + misses + " entries=" + entries.size() + " bytes=" + used;
    }

    private void remove(K key) {
        Entry<V> e = entries.remove(key);
        if (e != null) {
            used -= e.bytes();
        }
    }

    private void evictOver(K keep) {
        Iterator<Map.Entry<K, Entry<V>>> it = entries.entrySet().iterator();
        while (used > budget && it.hasNext()) {
            Map.Entry<K, Entry<V>> e = it.next();
            if (!e.getKey().equals(keep)) {
                used -= e.getValue().bytes();
                it.remove();
            }
        }
    }
}
