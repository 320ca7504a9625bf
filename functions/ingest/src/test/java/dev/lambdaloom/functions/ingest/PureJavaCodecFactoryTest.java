package dev.lambdaloom.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lambdaloom.readingformat.ReadingJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PureJavaCodecFactoryTest {
  private final PureJavaCodecFactory codecs = new PureJavaCodecFactory();

  @Test
  void zstdRoundTripsThroughBothDecompressMethods() throws IOException {
    byte[] page = page(50_000, 1);
    BytesInputCompressor compressor = codecs.getCompressor(CompressionCodecName.ZSTD);
    BytesInputDecompressor decompressor = codecs.getDecompressor(CompressionCodecName.ZSTD);

    byte[] compressed = bytes(compressor.compress(BytesInput.from(page)));

    assertThat(compressor.getCodecName()).isEqualTo(CompressionCodecName.ZSTD);
    assertThat(compressed.length).isLessThan(page.length / 2);
    assertThat(bytes(decompressor.decompress(BytesInput.from(compressed), page.length))).isEqualTo(page);
    ByteBuffer input = ByteBuffer.allocate(compressed.length + 3).position(3);
    input.put(compressed).position(3);
    ByteBuffer output = ByteBuffer.allocate(page.length);
    decompressor.decompress(input, compressed.length, output, page.length);
    assertThat(output.array()).isEqualTo(page);
    assertThat(input.remaining()).isZero();
  }

  @Test
  void aCompressorIsReusedPageAfterPage() throws IOException {
    BytesInputCompressor compressor = codecs.getCompressor(CompressionCodecName.ZSTD);
    BytesInputDecompressor decompressor = codecs.getDecompressor(CompressionCodecName.ZSTD);

    for (int size : new int[] {100_000, 10, 30_000, 0}) {
      byte[] page = page(size, size);
      byte[] compressed = bytes(compressor.compress(BytesInput.from(page)));
      assertThat(bytes(decompressor.decompress(BytesInput.from(compressed), page.length))).isEqualTo(page);
    }
  }

  @Test
  void uncompressedPassesBytesThrough() throws IOException {
    byte[] page = page(1_000, 2);

    BytesInput same = codecs.getCompressor(CompressionCodecName.UNCOMPRESSED).compress(BytesInput.from(page));

    assertThat(bytes(same)).isEqualTo(page);
    assertThat(bytes(codecs.getDecompressor(CompressionCodecName.UNCOMPRESSED).decompress(same, page.length)))
        .isEqualTo(page);
  }

  @Test
  void corruptZstdIsAnIoException() {
    byte[] garbage = page(100, 3);

    assertThatThrownBy(() -> codecs.getDecompressor(CompressionCodecName.ZSTD)
        .decompress(BytesInput.from(garbage), 1_000)).isInstanceOf(IOException.class);
  }

  @Test
  void refusesCodecsThatNeedNativeCode() {
    assertThatThrownBy(() -> codecs.getCompressor(CompressionCodecName.BROTLI))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BROTLI");
    assertThatThrownBy(() -> codecs.getCompressor(CompressionCodecName.LZO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LZO");
  }

  @ParameterizedTest
  @EnumSource(value = CompressionCodecName.class, names = {"ZSTD", "SNAPPY", "LZ4_RAW"})
  void pureJavaCodecsRoundTripAPage(CompressionCodecName codec) throws IOException {
    byte[] page = page(64 * 1024, 11);

    BytesInput compressed = codecs.getCompressor(codec).compress(BytesInput.from(page));

    assertThat(compressed.size()).isLessThan(page.length);
    assertThat(bytes(codecs.getDecompressor(codec).decompress(BytesInput.from(bytes(compressed)), page.length)))
        .isEqualTo(page);
  }

  private static byte[] bytes(BytesInput input) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    input.writeAllTo(bytes);
    return bytes.toByteArray();
  }

  /** {@code count} sensor-like int64 values, little-endian, as a plain-encoded Parquet page holds them. */
  private static byte[] page(int count, long seed) {
    ByteBuffer page = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long value : ReadingJson.sensorValues(count, seed)) page.putLong(value);
    return page.array();
  }
}
