package dev.lambdaloom.functions.ingest;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Compressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page codecs for Parquet from aircompressor's pure-Java implementations, which parquet already depends on:
 * ZSTD, SNAPPY, LZ4_RAW and UNCOMPRESSED. Parquet's own factory goes through Hadoop's codec classes and native
 * libraries (zstd-jni, snappy-java); this one needs neither.
 */
final class PureJavaCodecFactory implements CompressionCodecFactory {
  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return switch (codec) {
      case ZSTD -> new PageCompressor(new ZstdCompressor(), codec);
      case SNAPPY -> new PageCompressor(new SnappyCompressor(), codec);
      case LZ4_RAW -> new PageCompressor(new Lz4Compressor(), codec);
      case UNCOMPRESSED -> Uncompressed.INSTANCE;
      default -> throw unsupported(codec);
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return switch (codec) {
      case ZSTD -> new PageDecompressor(new ZstdDecompressor(), codec);
      case SNAPPY -> new PageDecompressor(new SnappyDecompressor(), codec);
      case LZ4_RAW -> new PageDecompressor(new Lz4Decompressor(), codec);
      case UNCOMPRESSED -> Uncompressed.INSTANCE;
      default -> throw unsupported(codec);
    };
  }

  @Override
  public void release() {}

  private static IllegalArgumentException unsupported(CompressionCodecName codec) {
    return new IllegalArgumentException(codec + " is not available without native code: use ZSTD, SNAPPY, LZ4_RAW "
        + "or UNCOMPRESSED");
  }

  /** A page's bytes gathered in one array, reused from page to page. */
  private static final class PageBuffer extends ByteArrayOutputStream {
    byte[] gather(BytesInput bytes) throws IOException {
      reset();
      bytes.writeAllTo(this);
      return buf;
    }

    int length() {
      return count;
    }
  }

  /**
   * One per column writer, as parquet asks. Reuses its buffers: parquet copies the result before the next page, so
   * compressing a page allocates nothing once the buffers fit the page size.
   */
  private static final class PageCompressor implements BytesInputCompressor {
    private final Compressor compressor;
    private final CompressionCodecName codec;
    private final PageBuffer input = new PageBuffer();
    private byte[] output = new byte[0];

    PageCompressor(Compressor compressor, CompressionCodecName codec) {
      this.compressor = compressor;
      this.codec = codec;
    }

    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      byte[] page = input.gather(bytes);
      int pageLength = input.length();
      int maxLength = compressor.maxCompressedLength(pageLength);
      if (output.length < maxLength) output = new byte[maxLength];
      int length = compressor.compress(page, 0, pageLength, output, 0, output.length);
      return BytesInput.from(output, 0, length);
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public void release() {}
  }

  /** For completeness of the factory (and tests): this function only writes. */
  private static final class PageDecompressor implements BytesInputDecompressor {
    private final Decompressor decompressor;
    private final CompressionCodecName codec;
    private final PageBuffer input = new PageBuffer();

    PageDecompressor(Decompressor decompressor, CompressionCodecName codec) {
      this.decompressor = decompressor;
      this.codec = codec;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
      byte[] page = input.gather(bytes);
      return BytesInput.from(decompress(page, input.length(), decompressedSize));
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
        throws IOException {
      byte[] compressed = new byte[compressedSize];
      input.get(input.position(), compressed);
      output.put(decompress(compressed, compressedSize, decompressedSize));
      input.position(input.position() + compressedSize);
    }

    private byte[] decompress(byte[] input, int inputLength, int decompressedSize) throws IOException {
      byte[] output = new byte[decompressedSize];
      try {
        int length = decompressor.decompress(input, 0, inputLength, output, 0, decompressedSize);
        if (length != decompressedSize) {
          throw new IOException(codec + " page decompressed to " + length + " bytes, expected " + decompressedSize);
        }
      } catch (MalformedInputException e) {
        throw new IOException("corrupt " + codec + " page", e);
      }
      return output;
    }

    @Override
    public void release() {}
  }

  private enum Uncompressed implements BytesInputCompressor, BytesInputDecompressor {
    INSTANCE;

    @Override
    public BytesInput compress(BytesInput bytes) {
      return bytes;
    }

    @Override
    public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
      if (bytes.size() != decompressedSize) {
        throw new IOException("uncompressed page of " + bytes.size() + " bytes, expected " + decompressedSize);
      }
      return bytes;
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize) {
      output.put(input.slice(input.position(), compressedSize));
      input.position(input.position() + compressedSize);
    }

    @Override
    public CompressionCodecName getCodecName() {
      return CompressionCodecName.UNCOMPRESSED;
    }

    @Override
    public void release() {}
  }
}
