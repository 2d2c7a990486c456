import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs an ONNX model with ONNX Runtime (the one shaded into storybot.jar) for the Python tools.
 *
 * <pre>
 * run  MODEL IDS OUT [BATCH]   IDS: one pair per line, space-separated token ids. Writes the first
 *                              output of each batch to OUT as little-endian float32, in order.
 * time MODEL IDS THREADS RUNS  runs all lines of IDS as one batch; prints the median ms.
 * </pre>
 * Batches are right-padded with 0; attention mask 1 on given ids; token type 1 after the first 102.
 */
public class OnnxCheck {
  public static void main(String[] args) throws Exception {
    List<long[]> rows =
        Files.readAllLines(Path.of(args[2]))
            .stream().filter(l -> !l.isBlank())
            .map(l -> Arrays.stream(l.trim().split("\\s+")).mapToLong(Long::parseLong).toArray())
            .toList();
    var env = OrtEnvironment.getEnvironment();
    var options = new OrtSession.SessionOptions();
    int threads = args[0].equals("time") ? Integer.parseInt(args[3]) : 2;
    options.setIntraOpNumThreads(threads);
    options.setInterOpNumThreads(1);
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    try (var session = env.createSession(args[1], options)) {
      if (args[0].equals("run")) {
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        try (var out = new DataOutputStream(new FileOutputStream(args[3]))) {
          for (int i = 0; i < rows.size(); i += batch) {
            float[] flat = run(env, session, rows.subList(i, Math.min(rows.size(), i + batch)));
            for (float f : flat) out.writeInt(Integer.reverseBytes(Float.floatToIntBits(f)));
          }
        }
      } else {
        int runs = Integer.parseInt(args[4]);
        for (int i = 0; i < 10; i++) run(env, session, rows);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
          long t = System.nanoTime();
          run(env, session, rows);
          ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("threads=%d pairs=%d median_ms=%.2f p90_ms=%.2f%n",
            threads, rows.size(), ms[runs / 2], ms[runs * 9 / 10]);
      }
    }
  }

  static float[] run(OrtEnvironment env, OrtSession session, List<long[]> rows) throws Exception {
    int b = rows.size(), t = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    long[] ids = new long[b * t], mask = new long[b * t], types = new long[b * t];
    for (int i = 0; i < b; i++) {
      long[] r = rows.get(i);
      boolean second = false;
      for (int j = 0; j < r.length; j++) {
        ids[i * t + j] = r[j];
        mask[i * t + j] = 1;
        types[i * t + j] = second ? 1 : 0;
        if (r[j] == 102) second = true;
      }
    }
    long[] shape = {b, t};
    try (var a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
        var m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
        var y = OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape);
        var result = session.run(Map.of("input_ids", a, "attention_mask", m, "token_type_ids", y))) {
      var v = (OnnxTensor) result.get(0);
      var fb = v.getFloatBuffer();
      float[] out = new float[fb.remaining()];
      fb.get(out);
      return out;
    }
  }
}
