package org.octave2vec.common;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A closed set of choices spelled one way everywhere: an enum whose constants are typed on the
 * command line and written in JSON as their {@link #id()} ({@code contrastive}, {@code meanmax}).
 * The command line binds such an enum through {@link #parse}, so the option takes the id in any
 * case and a misspelling names the choices.
 */
public interface Spelled {
  /** The constant as typed and as written in JSON. */
  String id();

  /** The ids of {@code type}'s constants, in declaration order. */
  static <E extends Enum<E> & Spelled> List<String> ids(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Spelled::id).toList();
  }

  /**
   * The constant of {@code type} whose id (or constant name) is {@code value}, case and surrounding
   * blanks ignored; else an IllegalArgumentException "WHAT must be one of [ids], got VALUE".
   */
  static <E extends Enum<E> & Spelled> E parse(Class<E> type, String what, String value) {
    E e = find(type, value);
    if (e == null) {
      throw new IllegalArgumentException(what + " must be one of " + ids(type) + ", got " + value);
    }
    return e;
  }

  /** The constant {@code value} names (id or constant name, any case), or null. */
  static <E extends Enum<E> & Spelled> E find(Class<E> type, String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    for (E e : type.getEnumConstants()) {
      if (e.id().equalsIgnoreCase(v) || e.name().equalsIgnoreCase(v)) {
        return e;
      }
    }
    return null;
  }

  /** The id of a constant named in Java: its name in lower case ({@code SKIPGRAM → skipgram}). */
  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
