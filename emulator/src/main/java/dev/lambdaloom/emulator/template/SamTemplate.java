package dev.lambdaloom.emulator.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The functions of a SAM template, read the way {@code sam local} reads them: Globals merged into
 * each {@code AWS::Serverless::Function}, parameters and intrinsic functions resolved, CodeUri made
 * absolute against the template's folder.
 */
public final class SamTemplate {
  private static final String FUNCTION_TYPE = "AWS::Serverless::Function";
  private static final String STATE_MACHINE_TYPE = "AWS::Serverless::StateMachine";

  private final Path file;
  private final Map<String, FunctionConfig> functions;
  private final Map<String, StateMachineConfig> stateMachines;
  private final Map<String, Map<String, Object>> resources;
  private final Set<String> parameterNames;

  private SamTemplate(Path file, Map<String, FunctionConfig> functions, Map<String, StateMachineConfig> stateMachines,
      Map<String, Map<String, Object>> resources, Set<String> parameterNames) {
    this.file = file;
    this.functions = Collections.unmodifiableMap(functions);
    this.stateMachines = Collections.unmodifiableMap(stateMachines);
    this.resources = Collections.unmodifiableMap(resources);
    this.parameterNames = Collections.unmodifiableSet(parameterNames);
  }

  public static SamTemplate load(Path file) {
    return load(file, TemplateOverrides.none());
  }

  public static SamTemplate load(Path file, TemplateOverrides overrides) {
    Path absolute = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new TemplateException("template not found: " + absolute
          + " (give another with --template FILE)");
    }
    Object root;
    try (Reader reader = Files.newBufferedReader(absolute)) {
      root = new Yaml(new CfnYamlConstructor()).load(reader);
    } catch (IOException | YAMLException e) {
      throw new TemplateException("cannot read template " + absolute + ": " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> document)) {
      throw new TemplateException(absolute + " is not a SAM template (no top-level mapping)");
    }
    requireAcyclic(document, Collections.newSetFromMap(new IdentityHashMap<>()),
        Collections.newSetFromMap(new IdentityHashMap<>()), absolute.getFileName().toString());
    return new DocumentReader(absolute, document, overrides).read();
  }

  /**
   * Refuses a YAML alias inside the node it names ({@code &a [*a]}): SnakeYAML builds such a node as a collection
   * that contains itself, which every later walk would follow forever. Each collection is walked once.
   *
   * @param open the collections on the path from the root to {@code node}
   * @param done those already walked, and free of cycles
   */
  private static void requireAcyclic(Object node, Set<Object> open, Set<Object> done, String where) {
    if (!(node instanceof Map<?, ?> || node instanceof List<?>) || done.contains(node)) {
      return;
    }
    if (!open.add(node)) {
      throw new TemplateException(where + ": a YAML alias refers to a node that contains it; the template would be"
          + " infinitely deep");
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> requireAcyclic(value, open, done, where + "." + key));
    } else {
      List<?> list = (List<?>) node;
      for (int i = 0; i < list.size(); i++) {
        requireAcyclic(list.get(i), open, done, where + "[" + i + "]");
      }
    }
    open.remove(node);
    done.add(node);
  }

  public Path file() {
    return file;
  }

  /** Functions by logical id, in template order. */
  public Map<String, FunctionConfig> functions() {
    return functions;
  }

  public Optional<FunctionConfig> function(String name) {
    return Optional.ofNullable(functions.get(name));
  }

  /** State machines by logical id, in template order. */
  public Map<String, StateMachineConfig> stateMachines() {
    return stateMachines;
  }

  /** The names of the template's Parameters, in template order. */
  public Set<String> parameterNames() {
    return parameterNames;
  }

  /** Every resource as written (Type, Properties...), for later readers: tables, buckets, APIs. */
  public Map<String, Map<String, Object>> resources() {
    return resources;
  }

  /** Does the reading; one instance per load. */
  private static final class DocumentReader {
    private final Path file;
    private final Map<?, ?> document;
    private final TemplateOverrides overrides;
    private final Map<String, Map<String, Object>> resources = new LinkedHashMap<>();

    DocumentReader(Path file, Map<?, ?> document, TemplateOverrides overrides) {
      this.file = file;
      this.document = document;
      this.overrides = overrides;
    }

    SamTemplate read() {
      if (document.get("Resources") instanceof Map<?, ?> raw) {
        raw.forEach((id, resource) -> resources.put(String.valueOf(id), asMap(resource, "Resources." + id)));
      }
      Map<String, Object> conditions = document.get("Conditions") == null ? Map.of()
          : asMap(document.get("Conditions"), "Conditions");
      Intrinsics intrinsics = new Intrinsics(parameters(), listParameters(), conditions, resources,
          overrides.region(), overrides.accountId());
      Map<String, Object> globals = Map.of();
      if (document.get("Globals") instanceof Map<?, ?> g && g.get("Function") != null) {
        globals = asMap(g.get("Function"), "Globals.Function");
      }
      Map<String, FunctionConfig> functions = new LinkedHashMap<>();
      for (var entry : resources.entrySet()) {
        // A function under a condition that is false is not created, as CloudFormation would not create it.
        if (FUNCTION_TYPE.equals(entry.getValue().get("Type")) && (entry.getValue().get("Condition") == null
            || intrinsics.condition(String.valueOf(entry.getValue().get("Condition")), entry.getKey() + ".Condition"))) {
          Map<String, Object> properties = entry.getValue().get("Properties") == null
              ? Map.of() : asMap(entry.getValue().get("Properties"), entry.getKey() + ".Properties");
          functions.put(entry.getKey(),
              function(entry.getKey(), merge(globals, properties), intrinsics));
        }
      }
      Map<String, StateMachineConfig> stateMachines = new LinkedHashMap<>();
      for (var entry : resources.entrySet()) {
        if (STATE_MACHINE_TYPE.equals(entry.getValue().get("Type"))) {
          Map<String, Object> properties = entry.getValue().get("Properties") == null
              ? Map.of() : asMap(entry.getValue().get("Properties"), entry.getKey() + ".Properties");
          stateMachines.put(entry.getKey(), stateMachine(entry.getKey(), properties, intrinsics));
        }
      }
      Set<String> parameterNames = new LinkedHashSet<>();
      if (document.get("Parameters") instanceof Map<?, ?> declared) {
        declared.keySet().forEach(name -> parameterNames.add(String.valueOf(name)));
      }
      return new SamTemplate(file, functions, stateMachines, resources, parameterNames);
    }

    /**
     * The definition as Step Functions gets it: Definition (inline) or DefinitionUri (a local JSON or YAML file),
     * intrinsic functions resolved, then DefinitionSubstitutions applied.
     */
    private StateMachineConfig stateMachine(String id, Map<String, Object> p, Intrinsics intrinsics) {
      String where = file.getFileName() + ": " + id;
      Object written = p.get("Definition");
      if (written == null && p.get("DefinitionUri") != null) {
        Object uri = intrinsics.resolve(p.get("DefinitionUri"), where + ".DefinitionUri");
        if (!(uri instanceof String path)) {
          throw new TemplateException(where + ": DefinitionUri must be a local file path here (an S3 location is read"
              + " only on AWS); write the definition inline with Definition");
        }
        written = readDefinitionFile(file.getParent().resolve(path).normalize(), where);
      }
      if (!(written instanceof Map<?, ?>)) {
        throw new TemplateException(where + ": a state machine needs Definition (the States Language document inline)"
            + " or DefinitionUri (a local file)");
      }
      Map<String, String> substitutions = new LinkedHashMap<>();
      if (p.get("DefinitionSubstitutions") instanceof Map<?, ?> subs) {
        subs.forEach((k, v) -> substitutions.put(String.valueOf(k),
            intrinsics.resolveString(v, where + ".DefinitionSubstitutions." + k)));
      }
      Object resolved = intrinsics.resolve(written, where + ".Definition");
      Object definition = new DefinitionSubstitutions(substitutions, where).apply(resolved, "");
      String type = p.get("Type") == null ? "STANDARD" : intrinsics.resolveString(p.get("Type"), where + ".Type");
      return new StateMachineConfig(id, type, asMap(definition, where + ".Definition"));
    }

    private static Object readDefinitionFile(Path definition, String where) {
      try (Reader reader = Files.newBufferedReader(definition)) {
        return new Yaml(new CfnYamlConstructor()).load(reader); // YAML reads JSON too
      } catch (IOException | YAMLException e) {
        throw new TemplateException(where + ": cannot read DefinitionUri " + definition + ": " + e.getMessage(), e);
      }
    }

    private Map<String, String> parameters() {
      Map<String, String> values = new LinkedHashMap<>();
      if (document.get("Parameters") instanceof Map<?, ?> declared) {
        declared.forEach((name, spec) -> {
          if (spec instanceof Map<?, ?> m && m.get("Default") != null) {
            Object value = m.get("Default");
            if (value instanceof Map<?, ?> || value instanceof List<?>) {
              // CloudFormation evaluates no intrinsic function in a parameter: a Default is a plain value.
              throw new TemplateException(file.getFileName() + ": Parameters." + name + ".Default must be a plain"
                  + " value, not " + value);
            }
            values.put(String.valueOf(name), String.valueOf(value));
          }
        });
      }
      values.putAll(overrides.parameters());
      return values;
    }

    /** The parameters whose Ref is a list: CommaDelimitedList and the List&lt;...&gt; types. */
    private Set<String> listParameters() {
      Set<String> names = new java.util.HashSet<>();
      if (document.get("Parameters") instanceof Map<?, ?> declared) {
        declared.forEach((name, spec) -> {
          if (spec instanceof Map<?, ?> m && m.get("Type") instanceof String type
              && (type.equals("CommaDelimitedList") || type.startsWith("List<"))) {
            names.add(String.valueOf(name));
          }
        });
      }
      return names;
    }

    private FunctionConfig function(String id, Map<String, Object> p, Intrinsics intrinsics) {
      String where = file.getFileName() + ": " + id;
      if ("Image".equals(p.get("PackageType"))) {
        throw new TemplateException(where + ": PackageType Image is not supported; use a zip or jar CodeUri");
      }
      String runtime = intrinsics.resolveString(p.get("Runtime"), where + ".Runtime");
      if (runtime == null) {
        throw new TemplateException(where + ": Runtime is missing (set it on the function or in Globals)");
      }
      String handler = intrinsics.resolveString(p.get("Handler"), where + ".Handler");
      if (handler == null && runtime.startsWith("java")) {
        throw new TemplateException(where + ": Handler is missing (e.g. com.example.MyHandler::handleRequest)");
      }
      Object code = intrinsics.resolve(p.get("CodeUri"), where + ".CodeUri");
      if (!(code instanceof String codeUri) || codeUri.isBlank()) {
        throw new TemplateException(where + ": CodeUri must be a local directory, .jar or .zip path, found " + code);
      }
      int memory = intInRange(intrinsics.resolve(p.get("MemorySize"), where), FunctionConfig.DEFAULT_MEMORY_MB,
          128, 10_240, where + ".MemorySize");
      int timeoutSeconds = intInRange(intrinsics.resolve(p.get("Timeout"), where),
          (int) FunctionConfig.DEFAULT_TIMEOUT.toSeconds(), 1, 900, where + ".Timeout");
      int concurrency = intInRange(intrinsics.resolve(p.get("ReservedConcurrentExecutions"), where),
          FunctionConfig.DEFAULT_CONCURRENCY, 1, 10_000, where + ".ReservedConcurrentExecutions");
      Map<String, String> environment = environment(id, p, intrinsics, where);
      String architecture = "x86_64";
      if (intrinsics.resolve(p.get("Architectures"), where) instanceof List<?> archs && !archs.isEmpty()) {
        architecture = String.valueOf(archs.getFirst());
      }
      int retries = 2;
      if (p.get("EventInvokeConfig") instanceof Map<?, ?> eic) {
        retries = intInRange(intrinsics.resolve(eic.get("MaximumRetryAttempts"), where), 2, 0, 2,
            where + ".EventInvokeConfig.MaximumRetryAttempts");
      }
      // Resolved like every other property: event source ARNs are written as !GetAtt Table.StreamArn and the like.
      Map<String, Object> events = p.get("Events") == null ? Map.of()
          : asMap(intrinsics.resolve(p.get("Events"), where + ".Events"), where + ".Events");
      return new FunctionConfig(id, handler, runtime, file.getParent().resolve(codeUri).normalize(), memory,
          Duration.ofSeconds(timeoutSeconds), environment, concurrency, architecture, retries, events);
    }

    private Map<String, String> environment(String id, Map<String, Object> p, Intrinsics intrinsics,
        String where) {
      Map<String, String> environment = new LinkedHashMap<>();
      if (p.get("Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars) {
        vars.forEach((k, v) -> {
          String value = v == null ? "" : intrinsics.resolveString(v, where + ".Environment." + k);
          if (value != null) { // null: the variable is AWS::NoValue, which leaves it out
            environment.put(String.valueOf(k), value);
          }
        });
      }
      environment.putAll(overrides.environmentFor(id));
      return environment;
    }

    /** Globals first, the function's own properties over them; maps merge one level deep, as SAM does. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> globals, Map<String, Object> own) {
      Map<String, Object> merged = new LinkedHashMap<>(globals);
      own.forEach((key, value) -> {
        Object global = merged.get(key);
        if (global instanceof Map<?, ?> g && value instanceof Map<?, ?> v) {
          merged.put(key, merge((Map<String, Object>) g, (Map<String, Object>) v));
        } else if (global instanceof List<?> g && value instanceof List<?> v) {
          List<Object> both = new ArrayList<>(g);
          both.addAll(v);
          merged.put(key, both);
        } else {
          merged.put(key, value);
        }
      });
      return merged;
    }

    private static int intInRange(Object value, int fallback, int min, int max, String where) {
      if (value == null) {
        return fallback;
      }
      int parsed;
      try {
        parsed = value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
      } catch (NumberFormatException e) {
        throw new TemplateException(where + ": expected a whole number, found '" + value + "'");
      }
      if (parsed < min || parsed > max) {
        throw new TemplateException(where + ": " + parsed + " is outside " + min + ".." + max);
      }
      return parsed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String where) {
      if (!(value instanceof Map<?, ?> map)) {
        throw new TemplateException(where + ": expected a mapping, found " + value);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<Object, Object>) map).forEach((k, v) -> out.put(String.valueOf(k), v));
      return out;
    }
  }
}
