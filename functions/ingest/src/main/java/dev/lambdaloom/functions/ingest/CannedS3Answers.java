package dev.lambdaloom.functions.ingest;

import dev.lambdaloom.snapstart.CannedHttpClient;
import dev.lambdaloom.snapstart.CannedHttpClient.Answer;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * What S3 would answer to the requests the function makes, for an HTTP client that never opens a connection (a
 * {@link CannedHttpClient}, which reads each request's body to the end, so the SDK signs and checksums it as for
 * real). Used at init to load and compile the S3 client's request path without touching any bucket.
 */
final class CannedS3Answers {
  private static final String NAMESPACE = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
  private static final String ETAG = "\"5d41402abc4b2a76b9719d911017c592\"";

  private CannedS3Answers() {}

  static CannedHttpClient client() {
    return new CannedHttpClient(CannedS3Answers::answer);
  }

  private static Answer answer(SdkHttpRequest request) {
    boolean upload = request.firstMatchingRawQueryParameter("uploadId").isPresent();
    return switch (request.method()) {
      case GET -> Answer.xml("<ListBucketResult " + NAMESPACE + "><Name>b</Name><Prefix></Prefix><KeyCount>0</KeyCount>"
          + "<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>");
      case POST -> upload
          ? Answer.xml("<CompleteMultipartUploadResult " + NAMESPACE + "><Bucket>b</Bucket><Key>k</Key><ETag>" + ETAG
              + "</ETag></CompleteMultipartUploadResult>")
          : Answer.xml("<InitiateMultipartUploadResult " + NAMESPACE + "><Bucket>b</Bucket><Key>k</Key>"
              + "<UploadId>primed</UploadId></InitiateMultipartUploadResult>");
      case PUT -> Answer.empty(200).withHeader("ETag", ETAG);
      case DELETE -> Answer.empty(204);
      default -> Answer.empty(200);
    };
  }
}
