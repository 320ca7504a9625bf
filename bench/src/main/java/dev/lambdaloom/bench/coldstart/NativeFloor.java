package dev.lambdaloom.bench.coldstart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The native floor: a bootstrap in C that speaks the Runtime API over a plain socket (GET next, POST the response),
 * compiled here with the machine's gcc, run as provided.al2023 on the same emulator. Not shipped anywhere.
 */
final class NativeFloor {
  private static final String SOURCE = """
      #define _GNU_SOURCE
      #include <arpa/inet.h>
      #include <stdio.h>
      #include <stdlib.h>
      #include <string.h>
      #include <sys/socket.h>
      #include <unistd.h>

      static int open_api(const char *api) {
        char host[256];
        snprintf(host, sizeof host, "%s", api);
        char *colon = strchr(host, ':');
        *colon = 0;
        struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(atoi(colon + 1))};
        inet_pton(AF_INET, host, &address.sin_addr);
        int s = socket(AF_INET, SOCK_STREAM, 0);
        return connect(s, (struct sockaddr *) &address, sizeof address) == 0 ? s : -1;
      }

      int main(void) {
        const char *api = getenv("AWS_LAMBDA_RUNTIME_API");
        static char buffer[1 << 20];
        for (;;) {
          int s = open_api(api);
          if (s < 0) return 1;
          dprintf(s, "GET /2018-06-01/runtime/invocation/next HTTP/1.1\\r\\nHost: %s\\r\\nConnection: close\\r\\n\\r\\n", api);
          size_t n = 0;
          ssize_t r;
          while ((r = read(s, buffer + n, sizeof buffer - 1 - n)) > 0) n += r;
          buffer[n] = 0;
          close(s);
          char *id = strcasestr(buffer, "Lambda-Runtime-Aws-Request-Id:");
          if (!id) return 2;
          id += 30;
          while (*id == ' ') id++;
          char request[128];
          int i = 0;
          while (id[i] && id[i] != '\\r' && i < 127) { request[i] = id[i]; i++; }
          request[i] = 0;
          const char *body = "{\\"floor\\":true}";
          s = open_api(api);
          if (s < 0) return 3;
          dprintf(s, "POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\\r\\nHost: %s\\r\\n"
              "Content-Type: application/json\\r\\nContent-Length: %zu\\r\\nConnection: close\\r\\n\\r\\n%s",
              request, api, strlen(body), body);
          while (read(s, buffer, sizeof buffer) > 0) {}
          close(s);
        }
      }
      """;

  private NativeFloor() {
  }

  /** The folder holding the compiled bootstrap, or why there is none. */
  static Compiled compile(Path work) throws IOException, InterruptedException {
    Optional<Path> gcc = List.of("/usr/bin/gcc", "/usr/local/bin/gcc").stream().map(Path::of)
        .filter(Files::isExecutable).findFirst();
    if (gcc.isEmpty()) {
      return new Compiled.Skipped("no gcc on this machine (apt-get install gcc): the native floor is left out");
    }
    Path folder = Files.createDirectories(work.resolve("native-floor"));
    Path source = folder.resolve("bootstrap.c");
    Files.writeString(source, SOURCE);
    Path code = Files.createDirectories(folder.resolve("code"));
    Process process = new ProcessBuilder(gcc.get().toString(), "-O2", "-o", code.resolve("bootstrap").toString(),
        source.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
      return new Compiled.Skipped("gcc could not compile the native bootstrap: " + output.strip());
    }
    return new Compiled.Built(code);
  }

  /** The native bootstrap, compiled or not. */
  sealed interface Compiled {
    record Built(Path codeFolder) implements Compiled {}

    record Skipped(String reason) implements Compiled {}
  }
}
