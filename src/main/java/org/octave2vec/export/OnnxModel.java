package org.octave2vec.export;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal ONNX model writer: nodes, float/int64 initializers, typed graph inputs and outputs,
 * serialised as an ONNX {@code ModelProto} by hand in protobuf's wire format (no protobuf library:
 * the handful of messages below is all an inference graph needs). Field numbers are those of
 * onnx/onnx.proto (IR version 7): ModelProto ir_version 1, producer_name 2, producer_version 3,
 * doc_string 6, graph 7, opset_import 8, metadata_props 14; GraphProto node 1, name 2, initializer
 * 5, doc_string 10, input 11, output 12; NodeProto input 1, output 2, name 3, op_type 4, attribute
 * 5; AttributeProto name 1, f 2, i 3, s 4, floats 7, ints 8, type 20; TensorProto dims 1, data_type
 * 2, name 8, raw_data 9 (little-endian); ValueInfoProto name 1, type 2; TypeProto tensor_type 1;
 * TypeProto.Tensor elem_type 1, shape 2; TensorShapeProto dim 1; Dimension dim_value 1, dim_param
 * 2; OperatorSetIdProto domain 1, version 2; StringStringEntryProto key 1, value 2.
 */
public final class OnnxModel {
  /** IR version 7 (ONNX 1.7+), which opset 13 needs. */
  public static final int IR_VERSION = 7;

  public static final int OPSET = 13;

  static final int FLOAT = 1;
  static final int INT64 = 7;

  private static final int ATTR_FLOAT = 1;
  private static final int ATTR_INT = 2;
  private static final int ATTR_STRING = 3;
  private static final int ATTR_INTS = 7;

  private final List<byte[]> nodes = new ArrayList<>();
  private final List<byte[]> initializers = new ArrayList<>();
  private final List<byte[]> inputs = new ArrayList<>();
  private final List<byte[]> outputs = new ArrayList<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private final java.util.Set<String> names = new java.util.HashSet<>();
  private final String graphName;
  private String docString = "";

  public OnnxModel(String graphName) {
    this.graphName = graphName;
  }

  /** A node attribute: build with {@link #i}, {@link #f}, {@link #s} or {@link #ints}. */
  public record Attr(String name, byte[] encoded) {}

  public static Attr i(String name, long v) {
    return new Attr(name, new Proto().string(1, name).int64(3, v).int64(20, ATTR_INT).bytes());
  }

  public static Attr f(String name, float v) {
    return new Attr(name, new Proto().string(1, name).float32(2, v).int64(20, ATTR_FLOAT).bytes());
  }

  public static Attr s(String name, String v) {
    return new Attr(name, new Proto().string(1, name).string(4, v).int64(20, ATTR_STRING).bytes());
  }

  public static Attr ints(String name, long... v) {
    Proto p = new Proto().string(1, name);
    for (long x : v) {
      p.int64(8, x);
    }
    return new Attr(name, p.int64(20, ATTR_INTS).bytes());
  }

  /** Adds a node {@code op} from {@code in} to one output {@code out}; returns {@code out}. */
  public String node(String op, String name, List<String> in, String out, Attr... attrs) {
    Proto p = new Proto();
    for (String x : in) {
      p.string(1, x);
    }
    p.string(2, out).string(3, unique(name)).string(4, op);
    for (Attr a : attrs) {
      p.message(5, a.encoded());
    }
    nodes.add(p.bytes());
    return out;
  }

  /** A float32 initializer of shape {@code dims} (row-major {@code values}); returns its name. */
  public String floats(String name, long[] dims, float[] values) {
    check(dims, values.length, name);
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return tensor(name, dims, FLOAT, b.array());
  }

  /** An int64 initializer; returns its name. */
  public String int64s(String name, long[] dims, long[] values) {
    check(dims, values.length, name);
    ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return tensor(name, dims, INT64, b.array());
  }

  private String tensor(String name, long[] dims, int type, byte[] raw) {
    Proto p = new Proto();
    for (long d : dims) {
      p.int64(1, d);
    }
    p.int64(2, type).string(8, unique(name)).field(9, raw);
    initializers.add(p.bytes());
    return name;
  }

  /** A float32 graph input; a {@code null} entry of {@code dims} is the symbolic dimension "N". */
  public void input(String name, Long... dims) {
    inputs.add(valueInfo(unique(name), dims));
  }

  /** A float32 graph output (see {@link #input}). */
  public void output(String name, Long... dims) {
    outputs.add(valueInfo(name, dims));
  }

  /** Nodes added so far. */
  public int nodeCount() {
    return nodes.size();
  }

  public void metadata(String key, String value) {
    metadata.put(key, value);
  }

  public void doc(String text) {
    docString = text;
  }

  /** The serialised {@code ModelProto}. */
  public byte[] toByteArray() {
    Proto g = new Proto();
    for (byte[] n : nodes) {
      g.message(1, n);
    }
    g.string(2, graphName);
    for (byte[] t : initializers) {
      g.message(5, t);
    }
    if (!docString.isEmpty()) {
      g.string(10, docString);
    }
    for (byte[] v : inputs) {
      g.message(11, v);
    }
    for (byte[] v : outputs) {
      g.message(12, v);
    }
    Proto m =
        new Proto()
            .int64(1, IR_VERSION)
            .string(2, "octave2vec")
            .string(3, "0.1.0")
            .message(7, g.bytes())
            .message(8, new Proto().string(1, "").int64(2, OPSET).bytes());
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      m.message(14, new Proto().string(1, e.getKey()).string(2, e.getValue()).bytes());
    }
    return m.bytes();
  }

  private static byte[] valueInfo(String name, Long... dims) {
    Proto shape = new Proto();
    for (Long d : dims) {
      shape.message(
          1, d == null ? new Proto().string(2, "N").bytes() : new Proto().int64(1, d).bytes());
    }
    Proto tensor = new Proto().int64(1, FLOAT).message(2, shape.bytes());
    return new Proto()
        .string(1, name)
        .message(2, new Proto().message(1, tensor.bytes()).bytes())
        .bytes();
  }

  private String unique(String name) {
    if (!names.add(name)) {
      throw new IllegalStateException("ONNX name used twice: " + name);
    }
    return name;
  }

  private static void check(long[] dims, int n, String name) {
    long size = 1;
    for (long d : dims) {
      size *= d;
    }
    if (size != n) {
      throw new IllegalArgumentException(name + ": " + n + " values for dims " + dims.length);
    }
  }

  /** Protobuf wire format: varint (type 0), 32-bit (type 5) and length-delimited (type 2). */
  static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto int64(int field, long v) {
      varint((long) field << 3);
      varint(v);
      return this;
    }

    Proto float32(int field, float v) {
      varint((long) field << 3 | 5);
      int bits = Float.floatToRawIntBits(v);
      for (int k = 0; k < 4; k++) {
        out.write(bits >>> (8 * k));
      }
      return this;
    }

    Proto string(int field, String s) {
      return field(field, s.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, byte[] encoded) {
      return field(field, encoded);
    }

    Proto field(int field, byte[] b) {
      varint((long) field << 3 | 2);
      varint(b.length);
      out.write(b, 0, b.length);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
  }
}
