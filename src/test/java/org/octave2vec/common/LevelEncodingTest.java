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
    assertFalse(LevelEncoding.fitsCenti(1000f), "beyond DECIMAL(5,2)");
    assertFalse(LevelEncoding.fitsCenti(-1000f), "beyond DECIMAL(5,2)");
    assertTrue(LevelEncoding.fitsCenti(999.99f), "DECIMAL(5,2)'s largest");
    assertTrue(LevelEncoding.fitsCenti(-999.99f));
    assertTrue(LevelEncoding.fitsCenti(Float.parseFloat("12.340")), "trailing zero");
  }

  @Test
  void schemaOneMetadataWithoutTheFieldMeansFloat32() {
    FramesMeta v1 =
        new FramesMeta(
            "frames",
            1,
            10,
            BandLayout.cense29(),
            java.util.List.of(),
            125,
            null,
            null,
            null,
            null);
    assertEquals(LevelEncoding.FLOAT32, v1.encoding());
    assertFalse(v1.encoding().timestamps());
  }

  /** Schema 3 metadata says both encodings; schema 2's values still read as they did. */
  @Test
  void levelAndTimeEncodingsRoundTripThroughTheMetadata() throws Exception {
    for (LevelEncoding e : LevelEncoding.values()) {
      FramesMeta m = FramesMeta.of(10, BandLayout.cense29(), java.util.List.of(), 125, e, null);
      String json = Json.MAPPER.writeValueAsString(m);
      FramesMeta back = Json.MAPPER.readValue(json, FramesMeta.class);
      assertEquals(e, back.encoding(), json);
      assertEquals(e.timestamps() ? 3 : 2, back.schemaVersion(), json);
    }
    String v2 =
        "{\"table\":\"frames\",\"schema_version\":2,\"rows\":1,\"band_layout\":"
            + Json.MAPPER.writeValueAsString(BandLayout.cense29())
            + ",\"frame_period_ms\":125,\"level_encoding\":\"centi_db\"}";
    assertEquals(LevelEncoding.CENTI_DB, Json.MAPPER.readValue(v2, FramesMeta.class).encoding());
    String v3 = v2.replace("centi_db", "decimal_db").replace(":2,", ":3,");
    assertEquals(LevelEncoding.DECIMAL_DB, Json.MAPPER.readValue(v3, FramesMeta.class).encoding());
    String f3 = v2.replace("\"centi_db\"", "\"float32\",\"time_encoding\":\"timestamp_millis\"");
    assertEquals(LevelEncoding.FLOAT32_UTC, Json.MAPPER.readValue(f3, FramesMeta.class).encoding());
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> written =
        Json.MAPPER.readValue(
            Json.MAPPER.writeValueAsString(
                FramesMeta.of(
                    1,
                    BandLayout.cense29(),
                    java.util.List.of(),
                    125,
                    LevelEncoding.DECIMAL_DB,
                    null)),
            java.util.Map.class);
    assertEquals("decimal_db", written.get("level_encoding"));
    assertEquals("timestamp_millis", written.get("time_encoding"));
    assertEquals(3, written.get("schema_version"));
  }
}
