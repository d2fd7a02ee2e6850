# Writes the dataset fixtures with NumPy itself (numpy 2.4.6 here), so the readers are tested
# against files from an independent writer of the format. Run from this directory:
#   python3 make_fixtures.py
import numpy as np

x = (np.arange(18, dtype=np.float64).reshape(6, 3) * 0.5 - 1.0)   # row i = [1.5i-1, 1.5i-0.5, 1.5i]
y = np.array([0, 1, 2, 0, 1, 2], dtype=np.int64)
np.save("features.npy", x)
np.save("labels.npy", y)
np.savez("data.npz", x=x, y=y)
np.savez_compressed("data-compressed.npz", features=x.astype(np.float32), labels=y.astype(np.uint8))
np.save("images-u8.npy", np.arange(48, dtype=np.uint8).reshape(4, 2, 2, 3))   # flattened to 4 x 12
np.save("labels-big-endian.npy", np.array([1.5, -2.0, 3.25, 0.0], dtype=">f8"))
# invalid ones
np.save("complex.npy", np.ones((6, 3), dtype=np.complex128))
np.save("strings.npy", np.array(["a", "b", "c", "d", "e", "f"]))
bad = x.copy(); bad[4, 2] = np.nan
np.save("features-nan.npy", bad)
inf = x.copy(); inf[1, 0] = np.inf
np.save("features-inf.npy", inf)
np.save("features-1d.npy", np.arange(6, dtype=np.float64))
np.save("labels-2col.npy", np.zeros((6, 2)))
np.save("labels-short.npy", y[:5])
np.save("features-fortran.npy", np.asfortranarray(x))
np.savez("wrong-names.npz", a=x, b=y)
with open("data.csv", "w") as f:
    f.write("a,b,label,c\n")
    for i in range(6):
        f.write(f"{x[i,0]},{x[i,1]},{y[i]},{x[i,2]}\n")
