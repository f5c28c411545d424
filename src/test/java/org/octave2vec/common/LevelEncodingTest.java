package org.octave2vec.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Centi-dB storage is exact over the whole plausible level range, and only there. */
class LevelEncodingTest {
  @Test
  void everyTwoDecimalLevelFromMinus20To200DbFitsAndReadsBackAsTheParsedFloat() {
    for (int c = -2000; c <= 20000; c++) {
      String text = BigDecimal.valueOf(c, 2).toPlainString();
      float parsed = Float.parseFloat(text);
      assertTrue(LevelEncoding.fitsCenti(parsed), text);
      assertEquals(c, LevelEncoding.centi(parsed), text);
      // the reader's float is the parser's float, bit for bit
      assertEquals(
          Float.floatToIntBits(parsed), Float.floatToIntBits(LevelEncoding.level(c)), text);
      // and its shortest text (what export-csv writes) is the same decimal
      assertEquals(
          0,
          new BigDecimal(Float.toString(LevelEncoding.level(c))).compareTo(new BigDecimal(text)),
          text);
    }
  }

  @Test
  void finerLevelsDoNotFit() {
    assertFalse(LevelEncoding.fitsCenti(Float.parseFloat("12.345")));
    assertFalse(LevelEncoding.fitsCenti(Float.parseFloat("-0.005")));
    assertFalse(LevelEncoding.fitsCenti((float) (10 * Math.log10(2))));
    assertFalse(LevelEncoding.fitsCenti(Float.NaN));
    assertFalse(LevelEncoding.fitsCenti(3e9f), "beyond int32 centi-dB");
    assertTrue(LevelEncoding.fitsCenti(Float.parseFloat("12.340")), "trailing zero");
  }

  @Test
  void schemaOneMetadataWithoutTheFieldMeansFloat32() {
    FramesMeta v1 =
        new FramesMeta(
            "frames", 1, 10, BandLayout.cense29(), java.util.List.of(), 125, null, null, null);
    assertEquals(LevelEncoding.FLOAT32, v1.encoding());
  }
}
