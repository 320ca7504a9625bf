package dev.lambdaloom.emulator.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What GetFunction and ListFunctions show of a function's environment: every variable, with the values of those whose
 * names look secret replaced by {@value #MASK}. A name is cut into words at {@code _}, {@code -}, {@code .} and
 * lower-to-upper case changes ({@code dbPassword} is {@code DB PASSWORD}), and is secret when
 * <ul>
 *   <li>one of its words is PASSWORD, PASSWD, PASSPHRASE, SECRET(S), TOKEN(S), CREDENTIAL(S), CREDS, PRIVATE or APIKEY
 *       ({@code DB_PASSWORD}, {@code CLIENT_SECRET}, {@code AWS_SESSION_TOKEN}, {@code PRIVATE_KEY_PEM}); whole words
 *       only: {@code TOKENIZER_MODEL} is not secret;</li>
 *   <li>ACCESS is followed by KEY ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY});</li>
 *   <li>its last word is KEY ({@code API_KEY}, {@code SIGNING_KEY}; also a {@code PARTITION_KEY}, which errs on the safe
 *       side). A KEY followed by another word names or identifies a key without being one: {@code KEY_PREFIX},
 *       {@code KMS_KEY_ID}, {@code KEY_NAME} are shown.</li>
 * </ul>
 * Any other value that is a URL with a password ({@code postgres://user:pw@host/db}, or a {@code password=},
 * {@code secret=} or {@code token=} parameter, as JDBC URLs have) is shown with the password masked.
 * The emulator's own template is the user's, and the Invoke API only answers the user's machine; masking keeps
 * credentials out of a terminal's scrollback, a screen share or a log that prints a function's configuration.
 */
final class SecretVariables {
  static final String MASK = "****";
  private static final Set<String> SECRET_WORDS = Set.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "SECRETS",
      "TOKEN", "TOKENS", "CREDENTIAL", "CREDENTIALS", "CREDS", "PRIVATE", "APIKEY");
  private static final Pattern WORD_BREAK = Pattern.compile("[_\\-.]+|(?<=[a-z0-9])(?=[A-Z])");
  /** scheme://user:password@ : the scheme, user and colon are kept. */
  private static final Pattern URL_PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^/@:\\s]*:)[^/@\\s]+@");
  private static final Pattern SECRET_PARAMETER = Pattern.compile(
      "(?i)([?&;](password|passwd|pwd|secret|token|access_token|api_key|apikey)=)[^&;\\s]+");

  private SecretVariables() {}

  /** The variables in their order, secret values masked. */
  static Map<String, String> masked(Map<String, String> environment) {
    Map<String, String> shown = new LinkedHashMap<>();
    environment.forEach((name, value) -> shown.put(name, isSecret(name) ? MASK : maskUrlPassword(value)));
    return shown;
  }

  static boolean isSecret(String name) {
    List<String> words = Arrays.stream(WORD_BREAK.split(name))
        .filter(word -> !word.isEmpty())
        .map(word -> word.toUpperCase(Locale.ROOT))
        .toList();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (SECRET_WORDS.contains(word)
          || word.equals("ACCESS") && i + 1 < words.size() && words.get(i + 1).equals("KEY")
          || word.equals("KEY") && i == words.size() - 1) {
        return true;
      }
    }
    return false;
  }

  private static String maskUrlPassword(String value) {
    if (value == null) {
      return null;
    }
    String masked = value.indexOf('@') < 0 ? value : URL_PASSWORD.matcher(value).replaceAll("$1" + MASK + "@");
    return value.indexOf('=') < 0 ? masked : SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
  }
}
