package dev.lambdaloom.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lambdaloom.emulator.template.FunctionConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every function's Handler names a class inside its own zip that implements RequestHandler or RequestStreamHandler,
 * with the named method: what Lambda's runtime looks for at init, checked before a deploy. The class is loaded from
 * the zip alone (its classes and lib/ jars over the platform class loader) and not initialized, so nothing runs.
 */
class TemplateHandlersTest {
  private static final List<String> INTERFACES = List.of(
      "com.amazonaws.services.lambda.runtime.RequestHandler",
      "com.amazonaws.services.lambda.runtime.RequestStreamHandler");

  @TempDir Path unpacked;
  private final Map<Path, URLClassLoader> loaders = new HashMap<>();

  @TestFactory
  Stream<DynamicTest> everyHandlerIsAClassOfItsZipWithTheLambdaInterface() {
    return new RootTemplate().loaded().functions().values().stream()
        .filter(FunctionConfig::isJavaRuntime)
        .map(f -> DynamicTest.dynamicTest(f.name(), () -> check(f)));
  }

  private void check(FunctionConfig function) throws Exception {
    Path zip = function.codeUri();
    assumeTrue(Files.isRegularFile(zip), () -> function.name() + "'s zip " + RootTemplate.ROOT.relativize(zip)
        + " is not built: assuming its handler is right (run ./mvnw package to check it)");
    String[] handler = function.handler().split("::", 2);
    String className = handler[0];
    String methodName = handler.length == 2 ? handler[1] : "handleRequest";
    ClassLoader loader = loaders.computeIfAbsent(zip, this::loaderOf);

    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(function.name() + ": Handler class " + className + " is not in " + zip.getFileName(), e);
    }

    List<String> implemented = new ArrayList<>();
    for (String name : INTERFACES) {
      if (Class.forName(name, false, loader).isAssignableFrom(type)) {
        implemented.add(name);
      }
    }
    assertThat(implemented).as("%s: %s implements RequestHandler or RequestStreamHandler", function.name(), className)
        .isNotEmpty();
    List<Method> methods = Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(methodName) && !m.isBridge() && m.getParameterCount() >= 2)
        .toList();
    assertThat(methods).as("%s: %s has a public method %s", function.name(), className, methodName).isNotEmpty();
  }

  /** The zip's classes and lib/*.jar, unpacked, on a loader that sees nothing of this test's class path. */
  private URLClassLoader loaderOf(Path zip) {
    try {
      Path root = Files.createDirectories(unpacked.resolve(zip.getFileName().toString() + "-" + loaders.size()));
      List<URL> urls = new ArrayList<>();
      urls.add(root.toUri().toURL());
      try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
        for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
          Path target = root.resolve(entry.getName()).normalize();
          if (!target.startsWith(root) || entry.isDirectory()) {
            continue;
          }
          Files.createDirectories(target.getParent());
          copy(in, target);
          if (entry.getName().startsWith("lib/") && entry.getName().endsWith(".jar")) {
            urls.add(target.toUri().toURL());
          }
        }
      }
      return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot unpack " + zip, e);
    }
  }

  private static void copy(InputStream in, Path target) throws IOException {
    try (var out = Files.newOutputStream(target)) {
      in.transferTo(out);
    }
  }
}
