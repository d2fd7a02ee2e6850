package cascade.engine;

/**
 * One size field of an estimator spec that a per-token limit applies to, e.g. a random-features
 * width or a kernel's training cap.
 *
 * @param field the field's path below the estimator ({@code width}, {@code layers[1].width})
 * @param limit which limit applies
 * @param value the field's value in the spec
 */
public record SizeField(String field, Limit limit, int value) {

    /** The kinds of size a token may cap. */
    public enum Limit {
        /** Features per random layer (random-features width, finite neural-lofi layer widths): token maxWidth. */
        WIDTH,
        /**
         * Training rows of an n x n kernel (kernel-ridge and deep-nngp maxTrain, neural-lofi's in
         * the kernel limit). No token limit applies yet; declared so one can.
         */
        KERNEL_TRAIN
    }

    public static SizeField width(String field, int value) {
        return new SizeField(field, Limit.WIDTH, value);
    }

    public static SizeField kernelTrain(String field, int value) {
        return new SizeField(field, Limit.KERNEL_TRAIN, value);
    }
}
