package io.surrogate.catalog;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads and validates policy files (YAML), resolving {@code ${NAME}} in values from the environment.
 *
 * <p>The document is composed into nodes rather than bound to objects, so that every error can name
 * its line and no YAML tag can instantiate a class. See the README for the format.
 */
public final class PolicyLoader {
  private PolicyLoader() {
  }

  /** Loads a UTF-8 policy file, resolving environment references from {@link System#getenv(String)}. */
  public static Policy load(Path file) throws PolicyException {
    return load(file, System::getenv);
  }

  /** Loads a UTF-8 policy file, resolving environment references with {@code env} (null when unset). */
  public static Policy load(Path file, UnaryOperator<String> env) throws PolicyException {
    Objects.requireNonNull(file, "file");
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PolicyException(file.toString(), 0, null, "cannot read the file (" + e.getClass().getSimpleName()
          + ": " + e.getMessage() + ")", e);
    }
    return parse(text, name, file, env);
  }

  /** Parses policy text; {@code fileName} only labels errors. */
  public static Policy parse(String yaml, String fileName) throws PolicyException {
    return parse(yaml, fileName, null, System::getenv);
  }

  /** Parses policy text resolving environment references with {@code env} (null when unset). */
  public static Policy parse(String yaml, String fileName, UnaryOperator<String> env) throws PolicyException {
    return parse(yaml, fileName, null, env);
  }

  private static Policy parse(String yaml, String fileName, Path file, UnaryOperator<String> env)
      throws PolicyException {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(env, "env");
    Node root = compose(yaml, fileName);
    return new PolicyParser(fileName, env).parse(root, file);
  }

  private static Node compose(String yaml, String fileName) throws PolicyException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    try {
      return new Yaml(options).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      String problem = e.getProblem() != null ? e.getProblem() : "not valid YAML";
      throw new PolicyException(fileName, line, null, "not valid YAML: " + problem);
    } catch (YAMLException e) {
      throw new PolicyException(fileName, 0, null, "not valid YAML: " + e.getMessage());
    }
  }
}
