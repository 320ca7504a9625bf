package dev.lambdaloom.services.s3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Keeps S3Mock's second HTTP connector on 127.0.0.1. S3Mock 5.2.0 is a Spring Boot app that adds a plain-HTTP Tomcat
 * connector for {@code http.port} beside its main one ({@code S3MockConfiguration.httpConnector}: a bare
 * {@code new Connector()} with only its port set); Spring Boot's {@code server.address} binds the main connector only,
 * so that one listened on every interface, and S3Mock reads no setting for its address. The child JVM is therefore
 * given one more bean source ({@code spring.main.sources}, a Spring XML file written here) that defines the bean
 * {@code httpConnector} again: a Tomcat Connector on a random port whose protocol handler is bound to 127.0.0.1
 * (Tomcat's {@code address} attribute). A top-level bean definition from a source replaces the {@code @Bean} method of
 * the same name once bean overriding is allowed, and S3Mock's web server factory takes the connector by that name.
 * {@link S3MockProcess} still checks the child's sockets after the start, in case another S3Mock jar does otherwise.
 */
final class LoopbackConnector {
  static final String FILE_NAME = "s3mock-loopback-connector.xml";

  private static final String BEANS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!-- Written by Lambdaloom's S3Server: S3Mock's extra HTTP connector, on 127.0.0.1 only (see LoopbackConnector). -->
      <beans xmlns="http://www.springframework.org/schema/beans"
             xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
             xsi:schemaLocation="http://www.springframework.org/schema/beans https://www.springframework.org/schema/beans/spring-beans.xsd">
        <bean id="httpConnector" class="org.apache.catalina.connector.Connector">
          <property name="port" value="0"/>
          <property name="protocolHandler.address">
            <bean class="java.net.InetAddress" factory-method="getByName">
              <constructor-arg value="127.0.0.1"/>
            </bean>
          </property>
        </bean>
      </beans>
      """;

  private LoopbackConnector() {}

  /** Writes the bean file into {@code folder} and returns the child's arguments that load it. */
  static List<String> arguments(Path folder) throws IOException {
    Path file = Files.writeString(folder.resolve(FILE_NAME), BEANS);
    // spring.main.sources is a comma-separated list: a comma in the folder's name must not split the path.
    String location = file.toAbsolutePath().toUri().toString().replace(",", "%2C");
    return List.of("--spring.main.sources=" + location, "--spring.main.allow-bean-definition-overriding=true");
  }
}
