package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * A shim for one reflective check in DL4J 1.0.0-M2.1, and nothing else.
 *
 * <p>{@code BaseMKLDNNHelper.mklDnnEnabled()} decides whether the oneDNN layer helpers may run by
 * calling {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()} through
 * reflection. M2.1 moved those bindings to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu}, so the lookup fails and every
 * convolution silently falls back to im2col + gemm, about 5x slower (docs/speed.md). This
 * class answers the old question with the real answer from the new bindings
 * ({@code isUseONEDNN()}): true only when libnd4j was built with oneDNN and it is switched on.
 *
 * <p>Delete it when moving to a DL4J release whose check finds the right class.
 */
public final class Nd4jCpu {
    private Nd4jCpu() {
    }

    /** The environment as the old check expects it: {@code getInstance()} and {@code isUseMKLDNN()}. */
    public static final class Environment {
        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        /** The real oneDNN switch of the CPU backend; false on any other backend or build. */
        public boolean isUseMKLDNN() {
            try {
                Class<?> real = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
                Object environment = real.getMethod("getInstance").invoke(null);
                Method isUseOneDnn = real.getMethod("isUseONEDNN");
                return (boolean) isUseOneDnn.invoke(environment);
            } catch (ReflectiveOperationException | LinkageError e) {
                return false;
            }
        }
    }
}
