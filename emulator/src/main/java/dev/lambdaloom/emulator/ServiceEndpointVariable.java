package dev.lambdaloom.emulator;

import java.util.Locale;
import java.util.Map;

/** The {@code AWS_ENDPOINT_URL_<SERVICE>} variable the SDKs read for a service, from the service's signing name. */
final class ServiceEndpointVariable {
  /**
   * Where the service id the SDKs use differs from the signing name; all others are the signing name upper-cased
   * (dynamodb, s3, lambda, sqs, sns, kinesis, sts, kms, ssm: checked for the first three in SDK 2.42.28's clients).
   */
  private static final Map<String, String> SERVICE_IDS = Map.of(
      "secretsmanager", "SECRETS_MANAGER",
      "states", "SFN",
      "monitoring", "CLOUDWATCH",
      "logs", "CLOUDWATCH_LOGS",
      "events", "EVENTBRIDGE");

  private ServiceEndpointVariable() {}

  static String of(String signingName) {
    return "AWS_ENDPOINT_URL_" + SERVICE_IDS.getOrDefault(signingName,
        signingName.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
