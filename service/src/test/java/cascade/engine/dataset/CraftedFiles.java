package cascade.engine.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hostile dataset files for the limit tests, small on disk however much they claim: .npy headers
 * written per numpy.lib.format with any shape, .npz archives whose entries inflate to many zero
 * bytes from a few kilobytes, and a measure of what a piece of code allocates on its thread.
 */
public final class CraftedFiles {

    private CraftedFiles() {
    }

    /** A version 1.0 .npy header (magic, version, length, dict padded to 64 bytes) claiming {@code shape}. */
    public static byte[] npyHeader(String descr, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length());
        b.put(header.toString().getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** A .npy: the header claiming {@code shape}, then {@code data} (which may hold far less). */
    public static byte[] npy(String descr, String shape, byte[] data) {
        byte[] h = npyHeader(descr, shape);
        byte[] out = java.util.Arrays.copyOf(h, h.length + data.length);
        System.arraycopy(data, 0, out, h.length, data.length);
        return out;
    }

    /** One archive entry: {@code head} bytes, then {@code zeros} zero bytes (deflated, so cheap on disk). */
    public record Entry(String name, byte[] head, long zeros) {
    }

    /** A deflated .npz (zip) of the entries, zeros written 64 KiB at a time. */
    public static byte[] npz(Entry... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(9);
            byte[] block = new byte[1 << 16];
            for (Entry e : entries) {
                zip.putNextEntry(new ZipEntry(e.name()));
                zip.write(e.head());
                for (long left = e.zeros(); left > 0; left -= block.length) {
                    zip.write(block, 0, (int) Math.min(block.length, left));
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** What ran on this thread allocated, and what it threw (null if nothing). */
    public record Allocation(long bytes, Throwable thrown) {
    }

    /** Heap bytes the current thread allocates while running {@code r} (HotSpot's per-thread counter). */
    public static Allocation allocation(Runnable r) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try {
            r.run();
        } catch (RuntimeException e) {
            thrown = e;
        }
        return new Allocation(threads.getCurrentThreadAllocatedBytes() - before, thrown);
    }
}
